/**
 * The one door to GitLab's REST API (v4): @gitbeaker/rest's resource classes with a request
 * handler of our own, so that every call is bounded in time, retried on 429 and 5xx answers
 * after GitLab's `Retry-After` (or `RateLimit-Reset`), and fails as a GitlabRequestError that
 * carries the status. Gitbeaker's own handler retries only 429 and 502, a fraction of a
 * millisecond apart and without reading `Retry-After`. Gitbeaker is imported on first use only,
 * so that other commands never load it.
 *
 * Endpoints: https://docs.gitlab.com/api/protected_branches/,
 * https://docs.gitlab.com/api/merge_request_approvals/, https://docs.gitlab.com/api/projects/,
 * https://docs.gitlab.com/api/members/, https://docs.gitlab.com/api/groups/,
 * https://docs.gitlab.com/api/repository_files/
 *
 * Bodies are passed in GitLab's own snake_case (what the rendered files hold): gitbeaker
 * decamelizes keys, which leaves snake_case keys as they are.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { GitopsError } from '../errors.js';

export const DEFAULT_GITLAB_API_URL = 'https://gitlab.com/api/v4';

/** Access levels of GitLab's roles (https://docs.gitlab.com/api/members/#roles). */
export const GITLAB_ROLES = { noAccess: 0, guest: 10, reporter: 20, developer: 30, maintainer: 40, owner: 50 } as const;

export interface GitlabConnection {
  /** Sent as `PRIVATE-TOKEN`; never part of a message. */
  token: string;
  /** REST API root, e.g. https://gitlab.com/api/v4 or https://gitlab.example.com/api/v4. */
  apiUrl: string;
  userAgent?: string;
  /** Base of the waits between retries, in ms (default 1000): `Retry-After: 2` waits 2 × this. */
  retryDelayMs?: number;
  /** How long one call may take, in ms, its retries and waits included (default 30 s). */
  timeoutMs?: number;
  /** Retries of a 429 or 5xx answer (default 3). */
  retries?: number;
}

/** A request GitLab answered with an error status, or that got no answer. */
export class GitlabRequestError extends Error {
  /** The HTTP status; undefined when there was no answer (see `timedOut`). */
  readonly status: number | undefined;
  /** GitLab's `message` or `error`, on one line, at most 200 characters. */
  readonly description: string;
  readonly method: string;
  /** The endpoint below the API root, e.g. `projects/acme%2Fapp/protected_branches`. */
  readonly endpoint: string;
  readonly timedOut: boolean;
  constructor(
    init: { status?: number; description: string; method: string; endpoint: string; timedOut?: boolean },
    options?: { cause?: unknown },
  ) {
    super(
      `${init.method} ${init.endpoint}: ${init.status === undefined ? 'no answer' : String(init.status)}${init.description ? ` ${init.description}` : ''}`,
      options,
    );
    this.name = 'GitlabRequestError';
    this.status = init.status;
    this.description = init.description;
    this.method = init.method;
    this.endpoint = init.endpoint;
    this.timedOut = init.timedOut ?? false;
  }
}

type Json = Record<string, unknown>;

/** A project as `GET /projects/:id` returns it (the fields gitops-init reads). */
export interface GitlabProject extends Json {
  id: number;
  path_with_namespace: string;
  merge_method?: string;
  only_allow_merge_if_pipeline_succeeds?: boolean;
  only_allow_merge_if_all_discussions_are_resolved?: boolean;
  archived?: boolean;
  default_branch?: string | null;
  shared_with_groups?: {
    group_id: number;
    group_name?: string;
    group_full_path: string;
    group_access_level: number;
  }[];
  permissions?: {
    project_access?: { access_level: number } | null;
    group_access?: { access_level: number } | null;
  };
}

export interface GitlabAccessLevelEntry extends Json {
  id?: number;
  access_level?: number | null;
  user_id?: number | null;
  group_id?: number | null;
  deploy_key_id?: number | null;
}

export interface GitlabProtectedBranch extends Json {
  id: number;
  name: string;
  push_access_levels?: GitlabAccessLevelEntry[];
  merge_access_levels?: GitlabAccessLevelEntry[];
  unprotect_access_levels?: GitlabAccessLevelEntry[];
  allow_force_push?: boolean;
  /** Absent on GitLab Free, which has no code owner approval. */
  code_owner_approval_required?: boolean;
}

export interface GitlabApprovalRule extends Json {
  id: number;
  name: string;
  rule_type?: string;
  approvals_required: number;
  applies_to_all_protected_branches?: boolean;
  groups?: { id: number; full_path?: string }[];
  users?: { id: number; username?: string }[];
  protected_branches?: { id: number; name: string }[];
}

export interface GitlabMember extends Json {
  id: number;
  username: string;
  access_level: number;
}

export interface GitlabGroup extends Json {
  id: number;
  full_path: string;
}

/** What gitops-init calls on GitLab: one method per endpoint, bodies in GitLab's snake_case. */
export interface GitlabClient {
  /** Notes for the user that are not failures (retries after a rate limit or a 5xx answer). */
  readonly notes: string[];
  /** `GET /projects/:id` (`id` a numeric id or the path `group/project`). */
  getProject(project: string | number): Promise<GitlabProject>;
  /** `PUT /projects/:id`. */
  editProject(project: string | number, settings: Json): Promise<GitlabProject>;
  /** `GET /groups/:id/projects` (every page). */
  listGroupProjects(
    group: string | number,
    options?: { includeSubgroups?: boolean; archived?: boolean },
  ): Promise<GitlabProject[]>;
  /** `GET /groups/:id`. */
  getGroup(group: string | number): Promise<GitlabGroup>;
  /** `GET /projects/:id/protected_branches` (every page). */
  listProtectedBranches(project: string | number): Promise<GitlabProtectedBranch[]>;
  /** `POST /projects/:id/protected_branches`; `body.name` is the branch or wildcard. */
  protectBranch(project: string | number, body: Json & { name: string }): Promise<GitlabProtectedBranch>;
  /** `PATCH /projects/:id/protected_branches/:name`. */
  editProtectedBranch(project: string | number, name: string, body: Json): Promise<GitlabProtectedBranch>;
  /** `DELETE /projects/:id/protected_branches/:name`. */
  unprotectBranch(project: string | number, name: string): Promise<void>;
  /** `GET /projects/:id/approvals` (Premium). */
  getApprovalSettings(project: string | number): Promise<Json>;
  /** `POST /projects/:id/approvals` (Premium). */
  editApprovalSettings(project: string | number, settings: Json): Promise<Json>;
  /** `GET /projects/:id/approval_rules` (Premium). */
  listApprovalRules(project: string | number): Promise<GitlabApprovalRule[]>;
  /** `POST /projects/:id/approval_rules`. */
  createApprovalRule(
    project: string | number,
    body: Json & { name: string; approvals_required: number },
  ): Promise<GitlabApprovalRule>;
  /** `PUT /projects/:id/approval_rules/:approval_rule_id`. */
  editApprovalRule(
    project: string | number,
    ruleId: number,
    body: Json & { name: string; approvals_required: number },
  ): Promise<GitlabApprovalRule>;
  /** `POST /projects/:id/share`. */
  shareProject(project: string | number, groupId: number, groupAccess: number): Promise<void>;
  /** `DELETE /projects/:id/share/:group_id`. */
  unshareProject(project: string | number, groupId: number): Promise<void>;
  /** `GET /projects/:id/members` (direct members, every page). */
  listMembers(project: string | number): Promise<GitlabMember[]>;
  /** `POST /projects/:id/members`. */
  addMember(project: string | number, userId: number, accessLevel: number): Promise<GitlabMember>;
  /** `PUT /projects/:id/members/:user_id`. */
  editMember(project: string | number, userId: number, accessLevel: number): Promise<GitlabMember>;
  /** `DELETE /projects/:id/members/:user_id`. */
  removeMember(project: string | number, userId: number): Promise<void>;
  /** `GET /users?username=…`: the user's id, or undefined when there is no such user. */
  findUser(username: string): Promise<{ id: number; username: string } | undefined>;
  /** `GET /projects/:id/repository/files/:file_path/raw`: the text, or undefined on 404. */
  readFile(project: string | number, filePath: string, ref?: string): Promise<string | undefined>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const RETRIED = new Set([429, 500, 502, 503, 504]);
/** Waits longer than this are not worth a hang: the call fails and says so. */
const MAX_WAIT_SECONDS = 60;

function describeBody(text: string, contentType: string): string {
  let description = text;
  if (contentType.includes('json')) {
    try {
      const parsed = JSON.parse(text) as { message?: unknown; error?: unknown } | null;
      const value = parsed?.message ?? parsed?.error ?? '';
      description = typeof value === 'string' ? value : JSON.stringify(value);
    } catch {
      // Not JSON after all: the text as it is.
    }
  }
  return description.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** Seconds to wait before retrying, from `Retry-After` (seconds or a date) or `RateLimit-Reset`. */
function retryAfterSeconds(headers: Headers): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  }
  const reset = Number(headers.get('ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, Math.ceil(reset - Date.now() / 1000));
  return undefined;
}

interface RequestOptions {
  method?: string;
  body?: RequestInit['body'];
  headers?: Record<string, string>;
  searchParams?: string;
  asStream?: boolean;
  /** The resource's root, `${host}/api/v4/${prefix}` (members are under `projects/`). */
  prefixUrl?: string;
}

/**
 * The host given to gitbeaker, which builds `${host}/api/v4/${prefix}`: the handler replaces it
 * with the API root the user gave, which need not end in /api/v4.
 */
const GITBEAKER_HOST = 'http://gitlab.invalid';
const GITBEAKER_ROOT = `${GITBEAKER_HOST}/api/v4/`;

/**
 * The request handler given to gitbeaker: GitLab's answer as `{ body, headers, status }`, after
 * retries within the call's time.
 */
function requestHandler(connection: GitlabConnection, notes: string[]) {
  const apiUrl = connection.apiUrl.replace(/\/+$/, '');
  const retries = connection.retries ?? 3;
  const base = connection.retryDelayMs ?? 1000;
  const timeoutMs = connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return async (endpoint: string, options: RequestOptions = {}) => {
    const method = options.method ?? 'GET';
    const prefix = (options.prefixUrl ?? '').startsWith(GITBEAKER_ROOT)
      ? (options.prefixUrl ?? '').slice(GITBEAKER_ROOT.length).replace(/^\/+|\/+$/g, '')
      : '';
    const path = `${prefix === '' ? '' : `${prefix}/`}${endpoint.replace(/^\/+/, '')}`;
    const url = `${apiUrl}/${path}${options.searchParams ? `?${options.searchParams}` : ''}`;
    const deadline = Date.now() + timeoutMs;
    const signal = AbortSignal.timeout(timeoutMs);
    const headers = {
      ...options.headers,
      ...(connection.userAgent ? { 'user-agent': connection.userAgent } : {}),
    };
    for (let attempt = 1; ; attempt += 1) {
      let response: Response;
      try {
        response = await fetch(url, { method, headers, ...(options.body ? { body: options.body } : {}), signal });
      } catch (error) {
        const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
        throw new GitlabRequestError(
          { method, endpoint: path, description: timedOut ? '' : String((error as Error).message), timedOut },
          { cause: error },
        );
      }
      if (response.ok) {
        const type = response.headers.get('content-type') ?? '';
        const text = response.status === 204 ? '' : await response.text();
        let body: unknown = text;
        if (type.includes('json') && text !== '') {
          try {
            body = JSON.parse(text) as unknown;
          } catch {
            body = text;
          }
        } else if (text === '' && type.includes('json')) body = {};
        return { body, headers: Object.fromEntries(response.headers.entries()), status: response.status };
      }
      const text = await response.text();
      const description = describeBody(text, response.headers.get('content-type') ?? '');
      const fail = (): GitlabRequestError =>
        new GitlabRequestError({ status: response.status, description, method, endpoint: path });
      if (!RETRIED.has(response.status) || attempt > retries) throw fail();
      const after = retryAfterSeconds(response.headers);
      if (after !== undefined && after > MAX_WAIT_SECONDS) throw fail();
      const wait = after === undefined ? attempt * attempt * base : after * base;
      if (Date.now() + wait >= deadline) throw fail();
      notes.push(
        response.status === 429
          ? `GitLab's rate limit was reached on ${method} ${path}; retried after ${after ?? wait / 1000} s`
          : `GitLab answered ${response.status} on ${method} ${path}; retried`,
      );
      await sleep(wait);
    }
  };
}

function asArray<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function asObject<T extends object>(value: unknown, method: string, endpoint: string): T {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as T;
  throw new GitlabRequestError({
    method,
    endpoint,
    status: 200,
    description: "the answer is not GitLab's JSON",
  });
}

/** Creates the client. Nothing is sent until a method is called. */
export async function createGitlabClient(connection: GitlabConnection): Promise<GitlabClient> {
  const [rest, utils] = await Promise.all([import('@gitbeaker/rest'), import('@gitbeaker/requester-utils')]);
  const notes: string[] = [];
  const handler = requestHandler(connection, notes);
  const requesterFn = utils.createRequesterFn(
    (_serviceOptions, requestOptions) => Promise.resolve(requestOptions),
    // Our handler answers with what gitbeaker's does: `{ body, headers, status }`.
    (endpoint, options) => handler(endpoint, options) as never,
  );
  // `rateLimits: {}`: GitLab's answers pace us (429 and Retry-After), not a guess of its limits.
  const settings = { host: GITBEAKER_HOST, token: connection.token, requesterFn, rateLimits: {} };
  const projects = new rest.Projects(settings);
  const groups = new rest.Groups(settings);
  const branches = new rest.ProtectedBranches(settings);
  const approvals = new rest.MergeRequestApprovals(settings);
  const members = new rest.ProjectMembers(settings);
  const users = new rest.Users(settings);
  const files = new rest.RepositoryFiles(settings);
  // gitbeaker's options are typed in camelCase; GitLab's snake_case keys pass through unchanged.
  const raw = (body: Json): never => body as never;
  return {
    notes,
    async getProject(project) {
      return asObject<GitlabProject>(await projects.show(project), 'GET', `projects/${project}`);
    },
    async editProject(project, settings) {
      return asObject<GitlabProject>(await projects.edit(project, raw(settings)), 'PUT', `projects/${project}`);
    },
    async listGroupProjects(group, options = {}) {
      return asArray<GitlabProject>(
        await groups.allProjects(group, {
          includeSubgroups: options.includeSubgroups ?? true,
          ...(options.archived === undefined ? {} : { archived: options.archived }),
          perPage: 100,
        }),
      );
    },
    async getGroup(group) {
      return asObject<GitlabGroup>(await groups.show(group), 'GET', `groups/${group}`);
    },
    async listProtectedBranches(project) {
      return asArray<GitlabProtectedBranch>(await branches.all(project, { perPage: 100 }));
    },
    async protectBranch(project, body) {
      const { name, ...rest } = body;
      return asObject<GitlabProtectedBranch>(
        await branches.create(project, name, raw(rest)),
        'POST',
        `projects/${project}/protected_branches`,
      );
    },
    async editProtectedBranch(project, name, body) {
      return asObject<GitlabProtectedBranch>(
        await branches.edit(project, name, raw(body)),
        'PATCH',
        `projects/${project}/protected_branches/${name}`,
      );
    },
    async unprotectBranch(project, name) {
      await branches.unprotect(project, name);
    },
    async getApprovalSettings(project) {
      return asObject<Json>(await approvals.showConfiguration(project), 'GET', `projects/${project}/approvals`);
    },
    async editApprovalSettings(project, settings) {
      return asObject<Json>(
        await approvals.editConfiguration(project, raw(settings)),
        'POST',
        `projects/${project}/approvals`,
      );
    },
    async listApprovalRules(project) {
      return asArray<GitlabApprovalRule>(await approvals.allApprovalRules(project));
    },
    async createApprovalRule(project, body) {
      const { name, approvals_required, ...rest } = body;
      return asObject<GitlabApprovalRule>(
        await approvals.createApprovalRule(project, name, approvals_required, raw(rest)),
        'POST',
        `projects/${project}/approval_rules`,
      );
    },
    async editApprovalRule(project, ruleId, body) {
      const { name, approvals_required, ...rest } = body;
      return asObject<GitlabApprovalRule>(
        await approvals.editApprovalRule(project, ruleId, name, approvals_required, raw(rest)),
        'PUT',
        `projects/${project}/approval_rules/${ruleId}`,
      );
    },
    async shareProject(project, groupId, groupAccess) {
      await projects.share(project, groupId, groupAccess);
    },
    async unshareProject(project, groupId) {
      await projects.unshare(project, groupId);
    },
    async listMembers(project) {
      return asArray<GitlabMember>(await members.all(project, { perPage: 100 }));
    },
    async addMember(project, userId, accessLevel) {
      return asObject<GitlabMember>(
        await members.add(project, accessLevel, { userId }),
        'POST',
        `projects/${project}/members`,
      );
    },
    async editMember(project, userId, accessLevel) {
      return asObject<GitlabMember>(
        await members.edit(project, userId, accessLevel),
        'PUT',
        `projects/${project}/members/${userId}`,
      );
    },
    async removeMember(project, userId) {
      await members.remove(project, userId);
    },
    async findUser(username) {
      const found = asArray<{ id: number; username: string }>(await users.all({ username }));
      return found.find((user) => user.username.toLowerCase() === username.toLowerCase());
    },
    async readFile(project, filePath, ref = 'HEAD') {
      try {
        const content: unknown = await files.showRaw(project, filePath, ref);
        if (typeof content === 'string') return content;
        if (content instanceof Blob) return await content.text();
        return JSON.stringify(content);
      } catch (error) {
        if (error instanceof GitlabRequestError && error.status === 404) return undefined;
        throw error;
      }
    },
  };
}

/** What a failing request was about, to explain its status in one line. */
export interface GitlabRequestContext {
  /** e.g. `reading the protected branches of acme/app`. */
  action: string;
  /** The project's path, `group/project`. */
  project: string;
}

function mask(text: string, token: string): string {
  return token === '' ? text : text.split(token).join('***');
}

/**
 * One line for a failed request: what went wrong and what to do (a token with `api` scope,
 * Maintainer or Owner role, the project path). The token never appears.
 */
export function explainGitlabFailure(
  error: unknown,
  context: GitlabRequestContext,
  connection: GitlabConnection,
): GitopsError {
  if (error instanceof GitopsError) return error;
  if (!(error instanceof GitlabRequestError)) {
    return new GitopsError(
      'GITLAB_REQUEST_FAILED',
      mask(`${context.action}: ${(error as Error).message.split('\n')[0] ?? ''}`, connection.token),
      { cause: error },
    );
  }
  const status = error.status;
  const said = error.description ? ` ${error.description}` : '';
  let code: string;
  let text: string;
  if (error.timedOut) {
    code = 'GITLAB_TIMEOUT';
    text = `${context.action}: ${connection.apiUrl} did not answer within ${(connection.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000} s; check {{option:apiUrl}} (or CI_API_V4_URL) and the network`;
  } else if (status === undefined) {
    code = 'GITLAB_UNREACHABLE';
    text = `${context.action}: cannot reach ${connection.apiUrl} (${error.description || 'no answer'}); check {{option:apiUrl}} (or CI_API_V4_URL) and the network`;
  } else if (status === 401) {
    code = 'GITLAB_UNAUTHORIZED';
    text = `GitLab rejected the token (401${said}); set GITLAB_TOKEN to a valid token with the api scope for ${connection.apiUrl}`;
  } else if (status === 403) {
    code = 'GITLAB_FORBIDDEN';
    text = `${context.action} was refused (403${said}): protection and membership settings need the Maintainer or Owner role on ${context.project} and a token with the api scope`;
  } else if (status === 404) {
    code = 'GITLAB_NOT_FOUND';
    text = `${context.action}: not found (404${said}); check the project path ({{option:repository}} ${context.project}, as group/project) and that the token's user can see it`;
  } else if (status === 429) {
    code = 'GITLAB_RATE_LIMITED';
    text = `${context.action}: GitLab's rate limit is exhausted (429); try again later`;
  } else {
    code = 'GITLAB_REQUEST_FAILED';
    text = `${context.action}: GitLab answered ${status}${said ? ` (${said.trim()})` : ''}`;
  }
  return new GitopsError(code, mask(text, connection.token), { cause: error });
}
