/**
 * A small stand-in for GitLab's REST API (v4) on 127.0.0.1, with state: projects, groups, users,
 * protected branches, merge request approval settings and rules, group shares and members, and
 * repository files. Every request's parameters are checked against the parameters GitLab's API
 * documents for that endpoint (names, types, required ones, enums): a parameter GitLab does
 * not know, or a value of the wrong type, is a 400 and an entry in `parameterErrors`, which
 * every test expects empty. Premium-only endpoints answer 403 on a Free project, and a Free
 * project ignores `code_owner_approval_required`, as GitLab does.
 *
 * Documented at https://docs.gitlab.com/api/protected_branches/,
 * https://docs.gitlab.com/api/merge_request_approvals/, https://docs.gitlab.com/api/projects/
 * (edit project, share project with group), https://docs.gitlab.com/api/members/,
 * https://docs.gitlab.com/api/groups/, https://docs.gitlab.com/api/users/ and
 * https://docs.gitlab.com/api/repository_files/.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;

/** A parameter's documented type: a JSON type, an enum of strings, or a list of access entries. */
type ParameterType = 'integer' | 'boolean' | 'string' | 'integer[]' | 'string[]' | 'access[]' | readonly string[];

interface ParameterSpec {
  /** Every parameter the endpoint documents, with its type. */
  parameters: Record<string, ParameterType>;
  required?: string[];
}

const ACCESS_LEVELS = [0, 30, 40, 60];
const MEMBER_LEVELS = [0, 5, 10, 15, 20, 30, 40, 50];
const PAGINATION: Record<string, ParameterType> = { page: 'integer', per_page: 'integer' };

/** The parameters GitLab documents per endpoint (method and route with `:placeholders`). */
export const DOCUMENTED_PARAMETERS: Record<string, ParameterSpec> = {
  'GET /projects/:id': {
    parameters: { license: 'boolean', statistics: 'boolean', with_custom_attributes: 'boolean' },
  },
  'PUT /projects/:id': {
    parameters: {
      name: 'string',
      path: 'string',
      description: 'string',
      default_branch: 'string',
      merge_method: ['merge', 'rebase_merge', 'ff'],
      only_allow_merge_if_pipeline_succeeds: 'boolean',
      only_allow_merge_if_all_discussions_are_resolved: 'boolean',
      allow_merge_on_skipped_pipeline: 'boolean',
      remove_source_branch_after_merge: 'boolean',
      squash_option: ['never', 'always', 'default_on', 'default_off'],
      merge_pipelines_enabled: 'boolean',
      merge_trains_enabled: 'boolean',
      merge_requests_template: 'string',
      approvals_before_merge: 'integer',
      visibility: ['private', 'internal', 'public'],
    },
  },
  'GET /groups/:id': { parameters: { with_projects: 'boolean', with_custom_attributes: 'boolean' } },
  'GET /groups/:id/projects': {
    parameters: {
      ...PAGINATION,
      archived: 'boolean',
      include_subgroups: 'boolean',
      order_by: 'string',
      sort: ['asc', 'desc'],
      search: 'string',
      simple: 'boolean',
      visibility: ['private', 'internal', 'public'],
      with_shared: 'boolean',
    },
  },
  'GET /projects/:id/protected_branches': { parameters: { ...PAGINATION, search: 'string' } },
  'POST /projects/:id/protected_branches': {
    parameters: {
      name: 'string',
      push_access_level: 'integer',
      merge_access_level: 'integer',
      unprotect_access_level: 'integer',
      allow_force_push: 'boolean',
      allowed_to_push: 'access[]',
      allowed_to_merge: 'access[]',
      allowed_to_unprotect: 'access[]',
      code_owner_approval_required: 'boolean',
    },
    required: ['name'],
  },
  'PATCH /projects/:id/protected_branches/:name': {
    parameters: {
      allow_force_push: 'boolean',
      allowed_to_push: 'access[]',
      allowed_to_merge: 'access[]',
      allowed_to_unprotect: 'access[]',
      code_owner_approval_required: 'boolean',
    },
  },
  'DELETE /projects/:id/protected_branches/:name': { parameters: {} },
  'GET /projects/:id/approvals': { parameters: {} },
  'POST /projects/:id/approvals': {
    parameters: {
      approvals_before_merge: 'integer',
      disable_overriding_approvers_per_merge_request: 'boolean',
      merge_requests_author_approval: 'boolean',
      merge_requests_disable_committers_approval: 'boolean',
      require_password_to_approve: 'boolean',
      require_reauthentication_to_approve: 'boolean',
      reset_approvals_on_push: 'boolean',
      selective_code_owner_removals: 'boolean',
    },
  },
  'GET /projects/:id/approval_rules': { parameters: { ...PAGINATION } },
  'POST /projects/:id/approval_rules': {
    parameters: {
      name: 'string',
      approvals_required: 'integer',
      rule_type: ['regular', 'any_approver', 'report_approver'],
      user_ids: 'integer[]',
      group_ids: 'integer[]',
      usernames: 'string[]',
      protected_branch_ids: 'integer[]',
      applies_to_all_protected_branches: 'boolean',
      report_type: ['license_scanning', 'code_coverage'],
    },
    required: ['name', 'approvals_required'],
  },
  'PUT /projects/:id/approval_rules/:rule_id': {
    parameters: {
      name: 'string',
      approvals_required: 'integer',
      rule_type: ['regular', 'any_approver', 'report_approver'],
      user_ids: 'integer[]',
      group_ids: 'integer[]',
      usernames: 'string[]',
      protected_branch_ids: 'integer[]',
      applies_to_all_protected_branches: 'boolean',
      remove_hidden_groups: 'boolean',
    },
    required: ['name', 'approvals_required'],
  },
  'POST /projects/:id/share': {
    parameters: { group_id: 'integer', group_access: 'integer', expires_at: 'string', member_role_id: 'integer' },
    required: ['group_id', 'group_access'],
  },
  'DELETE /projects/:id/share/:group_id': { parameters: {} },
  'GET /projects/:id/members': {
    parameters: {
      ...PAGINATION,
      query: 'string',
      user_ids: 'integer[]',
      skip_users: 'integer[]',
      show_seat_info: 'boolean',
    },
  },
  'POST /projects/:id/members': {
    parameters: {
      user_id: 'integer',
      username: 'string',
      access_level: 'integer',
      expires_at: 'string',
      invite_source: 'string',
      member_role_id: 'integer',
    },
    required: ['access_level'],
  },
  'PUT /projects/:id/members/:user_id': {
    parameters: { access_level: 'integer', expires_at: 'string', member_role_id: 'integer' },
    required: ['access_level'],
  },
  'DELETE /projects/:id/members/:user_id': {
    parameters: { skip_subresources: 'boolean', unassign_issuables: 'boolean' },
  },
  'GET /users': { parameters: { ...PAGINATION, username: 'string', search: 'string', active: 'boolean' } },
  'GET /projects/:id/repository/files/:file_path/raw': { parameters: { ref: 'string', lfs: 'boolean' } },
};

export interface FakeAccessEntry {
  id: number;
  access_level: number | null;
  access_level_description: string;
  user_id: number | null;
  group_id: number | null;
  deploy_key_id?: number | null;
}

export interface FakeProtectedBranch {
  id: number;
  name: string;
  push_access_levels: FakeAccessEntry[];
  merge_access_levels: FakeAccessEntry[];
  unprotect_access_levels: FakeAccessEntry[];
  allow_force_push: boolean;
  code_owner_approval_required: boolean;
}

export interface FakeApprovalRule {
  id: number;
  name: string;
  rule_type: string;
  approvals_required: number;
  applies_to_all_protected_branches: boolean;
  group_ids: number[];
  user_ids: number[];
  protected_branch_ids: number[];
}

export interface FakeProject {
  id: number;
  path_with_namespace: string;
  /** `free` answers 403 to the approvals endpoints and ignores code owner approval. */
  tier: 'free' | 'premium';
  /** The token user's access level on the project (40 Maintainer, 50 Owner, 30 Developer…). */
  role: number;
  archived: boolean;
  default_branch: string;
  settings: Json;
  approvalSettings: Json;
  protectedBranches: FakeProtectedBranch[];
  approvalRules: FakeApprovalRule[];
  /** group id → access level */
  shares: Map<number, number>;
  /** user id → access level (direct members) */
  members: Map<number, number>;
  /** path → content, on the default branch */
  files: Map<string, string>;
  /** Settings PUT /projects/:id and POST /projects/:id/approvals answer 200 to but do not keep, as some tiers do. */
  ignoredSettings: Set<string>;
}

export interface FakeGroup {
  id: number;
  full_path: string;
}

export interface FakeUser {
  id: number;
  username: string;
}

/** An answer given instead of the real one, `times` times, to requests that match. */
export interface GitlabFault {
  method: string;
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: Json;
  times: number;
}

export interface RecordedGitlabRequest {
  method: string;
  /** Path below the API root, with the query, e.g. `/projects/7/protected_branches`. */
  path: string;
  /** The route it matched, e.g. `POST /projects/:id/protected_branches`, or '' for none. */
  route: string;
  body: unknown;
  /** Whether the PRIVATE-TOKEN header was the right one (the token itself is never recorded). */
  authorized: boolean;
}

/** What a route added with `FakeGitlab.route` answers. */
export interface GitlabRouteAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A route added by a test or a helper of its own, matched before the built-in ones. */
export interface GitlabExtraRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** e.g. `/projects/:id/repository/tree`. */
  route: string;
  /** Its documented parameters; without them any parameter is accepted. */
  spec?: ParameterSpec;
  handle(request: {
    params: Record<string, string>;
    parameters: Json;
    fake: FakeGitlab;
  }): GitlabRouteAnswer | Promise<GitlabRouteAnswer>;
}

const ROLE_NAMES: Record<number, string> = {
  0: 'No one',
  30: 'Developers + Maintainers',
  40: 'Maintainers',
  60: 'Admins',
};

function routePattern(route: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = route
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(part.slice(1));
      // A file path takes every segment up to /raw (GitLab wants it URL-encoded; some send slashes).
      return part === ':file_path' ? '(.+?)' : '([^/]+)';
    })
    .join('/');
  return { pattern: new RegExp(`^${source}$`), names };
}

const BUILT_IN_ROUTES = Object.keys(DOCUMENTED_PARAMETERS).map((key) => {
  const [method = '', route = ''] = key.split(' ');
  return { key, method, route, ...routePattern(route) };
});

function typeError(value: unknown, type: ParameterType): string | undefined {
  if (Array.isArray(type))
    return typeof value === 'string' && type.includes(value) ? undefined : `one of ${type.join(', ')}`;
  switch (type) {
    case 'integer':
      return Number.isInteger(value) ? undefined : 'an integer';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'a boolean';
    case 'string':
      return typeof value === 'string' ? undefined : 'a string';
    case 'integer[]':
      return Array.isArray(value) && value.every((item) => Number.isInteger(item)) ? undefined : 'a list of integers';
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string') ? undefined : 'a list of strings';
    case 'access[]': {
      if (!Array.isArray(value)) return 'a list of access entries';
      const keys = new Set(['access_level', 'user_id', 'group_id', 'deploy_key_id', 'id', '_destroy']);
      for (const entry of value) {
        if (typeof entry !== 'object' || entry === null) return 'a list of access entries';
        for (const [key, item] of Object.entries(entry as Json)) {
          if (!keys.has(key)) return `a list of access entries (unknown key ${key})`;
          if (key === '_destroy' ? typeof item !== 'boolean' : !Number.isInteger(item))
            return `a list of access entries (${key} of the wrong type)`;
        }
        const targets = ['access_level', 'user_id', 'group_id', 'deploy_key_id'].filter(
          (key) => key in (entry as Json),
        );
        if (targets.length > 1) return 'a list of access entries, each with one of access_level, user_id, group_id';
        const level = (entry as Json).access_level;
        if (level !== undefined && !ACCESS_LEVELS.includes(level as number))
          return `a list of access entries (access_level ${JSON.stringify(level)} is not 0, 30, 40 or 60)`;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Query parameters as JSON values (GitLab's `a[]=1&a[]=2` lists, numbers and booleans). */
function queryParameters(query: URLSearchParams, spec: ParameterSpec | undefined): Json {
  const out: Json = {};
  for (const [rawKey, value] of query) {
    const isList = rawKey.endsWith('[]');
    const key = isList ? rawKey.slice(0, -2) : rawKey;
    const type = spec?.parameters[key];
    const converted: unknown =
      type === 'integer' || type === 'integer[]'
        ? /^-?\d+$/.test(value)
          ? Number(value)
          : value
        : type === 'boolean'
          ? value === 'true'
            ? true
            : value === 'false'
              ? false
              : value
          : value;
    if (isList) out[key] = [...((out[key] as unknown[] | undefined) ?? []), converted];
    else out[key] = converted;
  }
  return out;
}

export class FakeGitlab {
  readonly token: string;
  readonly projects = new Map<number, FakeProject>();
  readonly groups = new Map<number, FakeGroup>();
  readonly users = new Map<number, FakeUser>();
  readonly requests: RecordedGitlabRequest[] = [];
  /** Requests whose parameters GitLab's API does not document: every test expects none. */
  readonly parameterErrors: string[] = [];
  readonly faults: GitlabFault[] = [];
  readonly #routes: (GitlabExtraRoute & { pattern: RegExp; names: string[] })[] = [];
  #server: Server;
  #nextId = 1000;
  /** The host, e.g. http://127.0.0.1:1234 */
  origin = '';
  /** The API root, `${origin}/api/v4`: what --api-url and CI_API_V4_URL take. */
  url = '';

  private constructor(token: string) {
    this.token = token;
    this.#server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        this.parameterErrors.push(`handler failed: ${String(error)}`);
        response.writeHead(500).end();
      });
    });
  }

  /** Starts on 127.0.0.1 on a free port. */
  static async start(token: string): Promise<FakeGitlab> {
    const fake = new FakeGitlab(token);
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    fake.origin = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`;
    fake.url = `${fake.origin}/api/v4`;
    return fake;
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  nextId(): number {
    return this.#nextId++;
  }

  /** Adds a project (a new one: merge commits, nothing protected, no shares and no members). */
  addProject(
    path: string,
    options: { tier?: 'free' | 'premium'; role?: number; archived?: boolean; defaultBranch?: string } = {},
  ): FakeProject {
    const project: FakeProject = {
      id: this.nextId(),
      path_with_namespace: path,
      tier: options.tier ?? 'premium',
      role: options.role ?? 40,
      archived: options.archived ?? false,
      default_branch: options.defaultBranch ?? 'main',
      settings: {
        merge_method: 'merge',
        only_allow_merge_if_pipeline_succeeds: false,
        only_allow_merge_if_all_discussions_are_resolved: false,
      },
      approvalSettings: {
        approvals_before_merge: 0,
        reset_approvals_on_push: true,
        disable_overriding_approvers_per_merge_request: false,
        merge_requests_author_approval: true,
        merge_requests_disable_committers_approval: false,
        require_password_to_approve: false,
      },
      protectedBranches: [],
      approvalRules: [],
      shares: new Map(),
      members: new Map(),
      files: new Map(),
      ignoredSettings: new Set(),
    };
    this.projects.set(project.id, project);
    const namespace = path.split('/').slice(0, -1).join('/');
    if (namespace !== '' && !this.groupByPath(namespace)) this.addGroup(namespace);
    return project;
  }

  addGroup(fullPath: string): FakeGroup {
    const group = { id: this.nextId(), full_path: fullPath };
    this.groups.set(group.id, group);
    return group;
  }

  addUser(username: string): FakeUser {
    const user = { id: this.nextId(), username };
    this.users.set(user.id, user);
    return user;
  }

  groupByPath(fullPath: string): FakeGroup | undefined {
    return [...this.groups.values()].find((group) => group.full_path.toLowerCase() === fullPath.toLowerCase());
  }

  userByName(username: string): FakeUser | undefined {
    return [...this.users.values()].find((user) => user.username.toLowerCase() === username.toLowerCase());
  }

  /** A project by numeric id or path (`group/project`), as GitLab's `:id` takes either. */
  project(id: string | number): FakeProject | undefined {
    const text = String(id);
    if (/^\d+$/.test(text)) return this.projects.get(Number(text));
    return [...this.projects.values()].find(
      (project) => project.path_with_namespace.toLowerCase() === text.toLowerCase(),
    );
  }

  /** Protects a branch as if someone had done it by hand (levels as GitLab stores them). */
  protectBranch(
    project: FakeProject,
    name: string,
    levels: { push?: number; merge?: number; unprotect?: number; allowForcePush?: boolean; codeOwners?: boolean } = {},
  ): FakeProtectedBranch {
    const branch: FakeProtectedBranch = {
      id: this.nextId(),
      name,
      push_access_levels: [this.#entry({ access_level: levels.push ?? 40 })],
      merge_access_levels: [this.#entry({ access_level: levels.merge ?? 40 })],
      unprotect_access_levels: levels.unprotect === undefined ? [] : [this.#entry({ access_level: levels.unprotect })],
      allow_force_push: levels.allowForcePush ?? false,
      code_owner_approval_required: project.tier === 'premium' && (levels.codeOwners ?? false),
    };
    project.protectedBranches.push(branch);
    return branch;
  }

  /** Adds a route (matched before the built-in ones). */
  route(route: GitlabExtraRoute): void {
    this.#routes.push({ ...route, ...routePattern(route.route) });
  }

  fail(fault: Omit<GitlabFault, 'times'> & { times?: number }): void {
    this.faults.push({ times: 1, ...fault });
  }

  #entry(input: Json): FakeAccessEntry {
    const level = typeof input.access_level === 'number' ? input.access_level : null;
    const group = typeof input.group_id === 'number' ? input.group_id : null;
    const user = typeof input.user_id === 'number' ? input.user_id : null;
    return {
      id: this.nextId(),
      access_level: level,
      access_level_description:
        level !== null
          ? (ROLE_NAMES[level] ?? String(level))
          : group !== null
            ? (this.groups.get(group)?.full_path ?? String(group))
            : (this.users.get(user ?? -1)?.username ?? String(user)),
      user_id: user,
      group_id: group,
    };
  }

  #send(response: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    if (body === undefined || status === 204) response.end('');
    else if (typeof body === 'string' && headers['content-type']?.startsWith('text/')) response.end(body);
    else response.end(JSON.stringify(body));
  }

  #checkParameters(key: string, spec: ParameterSpec, parameters: Json): string | undefined {
    const problems: string[] = [];
    for (const [name, value] of Object.entries(parameters)) {
      const type = spec.parameters[name];
      if (type === undefined) problems.push(`${name} is not a parameter of ${key}`);
      else {
        const expected = typeError(value, type);
        if (expected !== undefined) problems.push(`${name} must be ${expected}, got ${JSON.stringify(value)}`);
      }
    }
    for (const name of spec.required ?? []) if (!(name in parameters)) problems.push(`${name} is missing`);
    if (problems.length === 0) return undefined;
    const text = `${key}: ${problems.join('; ')}`;
    this.parameterErrors.push(text);
    return text;
  }

  #page<T>(items: T[], parameters: Json, path: string): { body: T[]; headers: Record<string, string> } {
    const perPage = Math.min(100, typeof parameters.per_page === 'number' ? parameters.per_page : 20);
    const page = typeof parameters.page === 'number' ? parameters.page : 1;
    const body = items.slice((page - 1) * perPage, page * perPage);
    const totalPages = Math.max(1, Math.ceil(items.length / perPage));
    const headers: Record<string, string> = {
      'x-page': String(page),
      'x-per-page': String(perPage),
      'x-total': String(items.length),
      'x-total-pages': String(totalPages),
      'x-next-page': page < totalPages ? String(page + 1) : '',
    };
    if (page < totalPages) {
      const next = new URL(`${this.url}${path}`);
      next.searchParams.set('page', String(page + 1));
      next.searchParams.set('per_page', String(perPage));
      headers.link = `<${next.href}>; rel="next"`;
    }
    return { body, headers };
  }

  #projectJson(project: FakeProject): Json {
    const name = project.path_with_namespace.split('/').pop() ?? '';
    return {
      id: project.id,
      name,
      path: name,
      path_with_namespace: project.path_with_namespace,
      default_branch: project.default_branch,
      archived: project.archived,
      ...project.settings,
      shared_with_groups: [...project.shares].map(([groupId, level]) => ({
        group_id: groupId,
        group_name: this.groups.get(groupId)?.full_path.split('/').pop() ?? '',
        group_full_path: this.groups.get(groupId)?.full_path ?? '',
        group_access_level: level,
        expires_at: null,
      })),
      permissions: { project_access: { access_level: project.role, notification_level: 3 }, group_access: null },
    };
  }

  #branchJson(project: FakeProject, branch: FakeProtectedBranch): Json {
    const { code_owner_approval_required, ...rest } = branch;
    // GitLab Free has no code owner approval: the field is not in its answers.
    return project.tier === 'premium' ? { ...rest, code_owner_approval_required } : rest;
  }

  #ruleJson(rule: FakeApprovalRule): Json {
    return {
      id: rule.id,
      name: rule.name,
      rule_type: rule.rule_type,
      approvals_required: rule.approvals_required,
      applies_to_all_protected_branches: rule.applies_to_all_protected_branches,
      eligible_approvers: [],
      users: rule.user_ids.map((id) => ({ id, username: this.users.get(id)?.username ?? '' })),
      groups: rule.group_ids.map((id) => ({ id, full_path: this.groups.get(id)?.full_path ?? '' })),
      protected_branches: rule.protected_branch_ids.map((id) => ({ id })),
      contains_hidden_groups: false,
    };
  }

  /** Applies `allowed_to_*` entries to a list of access levels: `_destroy` removes by id, others add. */
  #updateEntries(list: FakeAccessEntry[], entries: Json[]): FakeAccessEntry[] {
    let result = [...list];
    for (const entry of entries) {
      if (entry._destroy === true) result = result.filter((item) => item.id !== entry.id);
      else if (typeof entry.id === 'number') {
        result = result.map((item) => (item.id === entry.id ? { ...this.#entry(entry), id: item.id } : item));
      } else result.push(this.#entry(entry));
    }
    return result;
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', this.origin);
    const method = request.method ?? 'GET';
    const authorized = request.headers['private-token'] === this.token;
    const path = url.pathname.replace(/^\/api\/v4/, '');
    let body: Json = {};
    if (raw !== '') {
      try {
        body = JSON.parse(raw) as Json;
      } catch {
        this.parameterErrors.push(`${method} ${path}: body is not JSON`);
      }
    }
    const record: RecordedGitlabRequest = {
      method,
      path: path + url.search,
      route: '',
      body: raw === '' ? undefined : body,
      authorized,
    };
    this.requests.push(record);
    if (!url.pathname.startsWith('/api/v4/')) {
      this.#send(response, 404, { message: '404 Not Found' });
      return;
    }
    const fault = this.faults.find(
      (candidate) => candidate.times > 0 && candidate.method === method && candidate.path.test(path),
    );
    if (fault) {
      fault.times -= 1;
      this.#send(response, fault.status, fault.body ?? { message: `${fault.status} fault` }, fault.headers);
      return;
    }
    if (!authorized) {
      this.#send(response, 401, { message: '401 Unauthorized' });
      return;
    }
    for (const extra of this.#routes) {
      if (extra.method !== method) continue;
      const found = extra.pattern.exec(path);
      if (!found) continue;
      const params = Object.fromEntries(
        extra.names.map((name, index) => [name, decodeURIComponent(found[index + 1] ?? '')]),
      );
      const parameters = { ...queryParameters(url.searchParams, extra.spec), ...body };
      record.route = `${method} ${extra.route}`;
      if (extra.spec) {
        const problem = this.#checkParameters(record.route, extra.spec, parameters);
        if (problem !== undefined) {
          this.#send(response, 400, { error: problem });
          return;
        }
      }
      const answer = await extra.handle({ params, parameters, fake: this });
      this.#send(response, answer.status, answer.body, answer.headers);
      return;
    }
    const route = BUILT_IN_ROUTES.find((candidate) => candidate.method === method && candidate.pattern.test(path));
    if (!route) {
      this.#send(response, 404, { error: '404 Not Found' });
      return;
    }
    record.route = route.key;
    const found = route.pattern.exec(path) ?? [];
    const params = Object.fromEntries(
      route.names.map((name, index) => [name, decodeURIComponent(found[index + 1] ?? '')]),
    );
    const spec = DOCUMENTED_PARAMETERS[route.key] ?? { parameters: {} };
    const parameters = { ...queryParameters(url.searchParams, spec), ...body };
    const problem = this.#checkParameters(route.key, spec, parameters);
    if (problem !== undefined) {
      this.#send(response, 400, { error: problem });
      return;
    }
    const answer = this.#answer(route.key, params, parameters, path);
    this.#send(response, answer.status, answer.body, answer.headers);
  }

  #answer(key: string, params: Record<string, string>, parameters: Json, path: string): GitlabRouteAnswer {
    if (key === 'GET /users') {
      const users = [...this.users.values()].filter(
        (user) =>
          typeof parameters.username !== 'string' || user.username.toLowerCase() === parameters.username.toLowerCase(),
      );
      return {
        status: 200,
        ...this.#page(
          users.map((user) => ({ ...user, name: user.username, state: 'active' })),
          parameters,
          path,
        ),
      };
    }
    if (key.startsWith('GET /groups/')) {
      const id = params.id ?? '';
      const group = /^\d+$/.test(id) ? this.groups.get(Number(id)) : this.groupByPath(id);
      if (!group) return { status: 404, body: { message: '404 Group Not Found' } };
      if (key === 'GET /groups/:id')
        return {
          status: 200,
          body: { ...group, name: group.full_path.split('/').pop(), path: group.full_path.split('/').pop() },
        };
      const inGroup = [...this.projects.values()].filter((project) => {
        const namespace = project.path_with_namespace.split('/').slice(0, -1).join('/');
        const inside =
          namespace === group.full_path ||
          (parameters.include_subgroups === true && namespace.startsWith(`${group.full_path}/`));
        return inside && (parameters.archived === undefined || project.archived === parameters.archived);
      });
      return {
        status: 200,
        ...this.#page(
          inGroup.map((project) => this.#projectJson(project)),
          parameters,
          path,
        ),
      };
    }
    const project = this.project(params.id ?? '');
    if (!project) return { status: 404, body: { message: '404 Project Not Found' } };
    const maintainer = project.role >= 40;
    const forbidden = { status: 403, body: { message: '403 Forbidden' } };
    const premiumOnly = project.tier === 'free' ? forbidden : undefined;
    switch (key) {
      case 'GET /projects/:id':
        return { status: 200, body: this.#projectJson(project) };
      case 'PUT /projects/:id':
        if (!maintainer) return forbidden;
        for (const [name, value] of Object.entries(parameters)) {
          if (name in project.settings && !project.ignoredSettings.has(name)) project.settings[name] = value;
        }
        return { status: 200, body: this.#projectJson(project) };
      case 'GET /projects/:id/protected_branches':
        if (!maintainer) return forbidden;
        return {
          status: 200,
          ...this.#page(
            project.protectedBranches.map((branch) => this.#branchJson(project, branch)),
            parameters,
            path,
          ),
        };
      case 'POST /projects/:id/protected_branches': {
        if (!maintainer) return forbidden;
        const name = String(parameters.name);
        if (project.protectedBranches.some((branch) => branch.name === name))
          return { status: 409, body: { message: `Protected branch '${name}' already exists` } };
        const entries = (level: unknown, allowed: unknown, fallback: number | undefined): FakeAccessEntry[] => [
          ...(level !== undefined || fallback !== undefined ? [this.#entry({ access_level: level ?? fallback })] : []),
          ...((allowed as Json[] | undefined) ?? []).map((entry) => this.#entry(entry)),
        ];
        const branch: FakeProtectedBranch = {
          id: this.nextId(),
          name,
          push_access_levels: entries(parameters.push_access_level, parameters.allowed_to_push, 40),
          merge_access_levels: entries(parameters.merge_access_level, parameters.allowed_to_merge, 40),
          unprotect_access_levels: entries(
            parameters.unprotect_access_level,
            parameters.allowed_to_unprotect,
            undefined,
          ),
          allow_force_push: parameters.allow_force_push === true,
          code_owner_approval_required: project.tier === 'premium' && parameters.code_owner_approval_required === true,
        };
        project.protectedBranches.push(branch);
        return { status: 201, body: this.#branchJson(project, branch) };
      }
      case 'PATCH /projects/:id/protected_branches/:name': {
        if (!maintainer) return forbidden;
        const branch = project.protectedBranches.find((candidate) => candidate.name === params.name);
        if (!branch) return { status: 404, body: { message: '404 Not found' } };
        if (typeof parameters.allow_force_push === 'boolean') branch.allow_force_push = parameters.allow_force_push;
        if (typeof parameters.code_owner_approval_required === 'boolean' && project.tier === 'premium')
          branch.code_owner_approval_required = parameters.code_owner_approval_required;
        if (parameters.allowed_to_push)
          branch.push_access_levels = this.#updateEntries(
            branch.push_access_levels,
            parameters.allowed_to_push as Json[],
          );
        if (parameters.allowed_to_merge)
          branch.merge_access_levels = this.#updateEntries(
            branch.merge_access_levels,
            parameters.allowed_to_merge as Json[],
          );
        if (parameters.allowed_to_unprotect)
          branch.unprotect_access_levels = this.#updateEntries(
            branch.unprotect_access_levels,
            parameters.allowed_to_unprotect as Json[],
          );
        return { status: 200, body: this.#branchJson(project, branch) };
      }
      case 'DELETE /projects/:id/protected_branches/:name': {
        if (!maintainer) return forbidden;
        const before = project.protectedBranches.length;
        project.protectedBranches = project.protectedBranches.filter((branch) => branch.name !== params.name);
        return before === project.protectedBranches.length
          ? { status: 404, body: { message: '404 Not found' } }
          : { status: 204 };
      }
      case 'GET /projects/:id/approvals':
        return premiumOnly ?? { status: 200, body: { ...project.approvalSettings } };
      case 'POST /projects/:id/approvals':
        if (premiumOnly) return premiumOnly;
        if (!maintainer) return forbidden;
        for (const [name, value] of Object.entries(parameters))
          if (!project.ignoredSettings.has(name)) project.approvalSettings[name] = value;
        return { status: 201, body: { ...project.approvalSettings } };
      case 'GET /projects/:id/approval_rules':
        return (
          premiumOnly ?? {
            status: 200,
            ...this.#page(
              project.approvalRules.map((rule) => this.#ruleJson(rule)),
              parameters,
              path,
            ),
          }
        );
      case 'POST /projects/:id/approval_rules':
      case 'PUT /projects/:id/approval_rules/:rule_id': {
        if (premiumOnly) return premiumOnly;
        if (!maintainer) return forbidden;
        const groupIds = (parameters.group_ids as number[] | undefined) ?? [];
        const unknownGroup = groupIds.find((id) => !this.groups.has(id));
        if (unknownGroup !== undefined)
          return { status: 400, body: { message: { group_ids: [`${unknownGroup} not found`] } } };
        const existing = key.startsWith('PUT')
          ? project.approvalRules.find((rule) => rule.id === Number(params.rule_id))
          : undefined;
        if (key.startsWith('PUT') && !existing) return { status: 404, body: { message: '404 Not found' } };
        if (!existing && project.approvalRules.some((rule) => rule.name === parameters.name))
          return { status: 400, body: { message: { name: ['has already been taken'] } } };
        const rule: FakeApprovalRule = existing ?? {
          id: this.nextId(),
          name: '',
          rule_type: 'regular',
          approvals_required: 0,
          applies_to_all_protected_branches: false,
          group_ids: [],
          user_ids: [],
          protected_branch_ids: [],
        };
        rule.name = String(parameters.name);
        rule.approvals_required = Number(parameters.approvals_required);
        if (typeof parameters.rule_type === 'string') rule.rule_type = parameters.rule_type;
        if (typeof parameters.applies_to_all_protected_branches === 'boolean')
          rule.applies_to_all_protected_branches = parameters.applies_to_all_protected_branches;
        if (parameters.group_ids !== undefined) rule.group_ids = groupIds;
        if (parameters.user_ids !== undefined) rule.user_ids = parameters.user_ids as number[];
        if (parameters.protected_branch_ids !== undefined)
          rule.protected_branch_ids = parameters.protected_branch_ids as number[];
        if (!existing) project.approvalRules.push(rule);
        return { status: existing ? 200 : 201, body: this.#ruleJson(rule) };
      }
      case 'POST /projects/:id/share': {
        if (!maintainer) return forbidden;
        const groupId = Number(parameters.group_id);
        if (!this.groups.has(groupId)) return { status: 404, body: { message: '404 Group Not Found' } };
        if (![10, 15, 20, 30, 40].includes(Number(parameters.group_access)))
          return { status: 400, body: { error: 'group_access does not have a valid value' } };
        if (project.shares.has(groupId))
          return { status: 409, body: { message: 'The project is already shared with this group' } };
        project.shares.set(groupId, Number(parameters.group_access));
        return {
          status: 201,
          body: { id: this.nextId(), project_id: project.id, group_id: groupId, group_access: parameters.group_access },
        };
      }
      case 'DELETE /projects/:id/share/:group_id': {
        if (!maintainer) return forbidden;
        return project.shares.delete(Number(params.group_id))
          ? { status: 204 }
          : { status: 404, body: { message: '404 Not found' } };
      }
      case 'GET /projects/:id/members': {
        const members = [...project.members].map(([id, level]) => ({
          id,
          username: this.users.get(id)?.username ?? '',
          name: this.users.get(id)?.username ?? '',
          state: 'active',
          access_level: level,
          expires_at: null,
        }));
        return { status: 200, ...this.#page(members, parameters, path) };
      }
      case 'POST /projects/:id/members':
      case 'PUT /projects/:id/members/:user_id': {
        if (!maintainer) return forbidden;
        const level = Number(parameters.access_level);
        if (!MEMBER_LEVELS.includes(level))
          return { status: 400, body: { error: 'access_level does not have a valid value' } };
        const userId = key.startsWith('PUT')
          ? Number(params.user_id)
          : typeof parameters.user_id === 'number'
            ? parameters.user_id
            : this.userByName(String(parameters.username))?.id;
        if (userId === undefined || !this.users.has(userId))
          return { status: 404, body: { message: '404 User Not Found' } };
        if (key.startsWith('POST') && project.members.has(userId))
          return { status: 409, body: { message: 'Member already exists' } };
        if (key.startsWith('PUT') && !project.members.has(userId))
          return { status: 404, body: { message: '404 Member Not Found' } };
        project.members.set(userId, level);
        const user = this.users.get(userId);
        return {
          status: key.startsWith('PUT') ? 200 : 201,
          body: { id: userId, username: user?.username, access_level: level, state: 'active' },
        };
      }
      case 'DELETE /projects/:id/members/:user_id': {
        if (!maintainer) return forbidden;
        return project.members.delete(Number(params.user_id))
          ? { status: 204 }
          : { status: 404, body: { message: '404 Member Not Found' } };
      }
      case 'GET /projects/:id/repository/files/:file_path/raw': {
        const content = project.files.get(params.file_path ?? '');
        if (content === undefined) return { status: 404, body: { message: '404 File Not Found' } };
        return { status: 200, body: content, headers: { 'content-type': 'text/plain' } };
      }
      default:
        return { status: 404, body: { error: '404 Not Found' } };
    }
  }
}
