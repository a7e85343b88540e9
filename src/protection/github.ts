/**
 * The live side of branch protection: reads a GitHub repository's rulesets and classic branch
 * protection through @octokit/core (`request('GET /…')` only: the REST methods and pagination
 * plugins of @octokit/rest weigh 12 MB of install for nothing used), compares them with the
 * policy field by field, and writes what differs. Octokit and its plugins are imported on first use only, so that other commands
 * never load them.
 *
 * Endpoints: https://docs.github.com/en/rest/repos/rules and
 * https://docs.github.com/en/rest/branches/branch-protection
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Octokit } from '@octokit/core';
import { GitopsError } from '../errors.js';
import { compareFields, type FieldDifference } from './compare.js';
import { isWildcard, rulesetName } from './files.js';
import type { ProtectionPolicy } from './policy.js';
import { teamParts } from '../release/approvers.js';
import { unresolvedTeams, withTeamIds } from './release-reviewers.js';
import { renderGithubBranchProtection, renderGithubRuleset } from './render.js';

/** What `protect diff` and `protect apply` manage on GitHub. */
export const LIVE_TARGETS = ['github-ruleset', 'github-branch-protection', 'github-access'] as const;
export type LiveTarget = (typeof LIVE_TARGETS)[number];

export interface GithubConnection {
  /** Never printed: messages are built from statuses and GitHub's error text, with the token masked. */
  token: string;
  /** REST API root, e.g. https://api.github.com or https://ghe.example.com/api/v3. */
  apiUrl: string;
  userAgent: string;
  /** Base of the waits between retries, in ms (octokit's default: 1000). */
  retryDelayMs?: number;
  /**
   * How long one call to the API may take, in ms (default 30 s): its retries and the waits
   * between them included, so that "did not answer within 30 s" is what the user waited.
   */
  timeoutMs?: number;
  /** Retries of a 5xx answer or a rate limit (default 3). */
  retries?: number;
}

/** One ruleset or one branch's classic protection, compared with the policy. */
export interface DriftItem {
  target: LiveTarget;
  /** The ruleset's name, or the protected branch. */
  name: string;
  /** The policy's branch pattern. */
  branch: string;
  /** `missing`: not on GitHub; `differs`: see `differences`; `in-sync`: nothing to do. */
  status: 'missing' | 'differs' | 'in-sync';
  differences: FieldDifference[];
  /** The live ruleset's id, when there is one. */
  rulesetId?: number;
  /** What apply sends: the ruleset or the classic protection body. */
  body: Record<string, unknown>;
  /** Classic protection: whether commits must be signed (its own endpoint). */
  requireSignatures?: boolean;
}

export interface LiveDiff {
  /** owner/name */
  repository: string;
  items: DriftItem[];
  /** Notes for the user that are not drift (retries, branch patterns the classic API cannot express). */
  notes: string[];
}

export interface AppliedChange {
  target: LiveTarget;
  name: string;
  action: 'created' | 'updated';
}

type Client = Octokit;

interface RequestFailure {
  status?: number;
  name?: string;
  message?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

/** What the failing request was about, to explain a status in one line. */
export interface RequestContext {
  action: string;
  repository: string;
  /** A 404 means this branch does not exist. */
  branch?: string;
  /** What a 404 means, when it is not the repository (a team, a pull request). */
  notFound?: string;
  /** What a 403 means the token lacks (default: admin rights for rulesets and branch protection). */
  forbidden?: string;
}

function mask(text: string, token: string): string {
  return token === '' ? text : text.split(token).join('***');
}

function githubMessage(failure: RequestFailure): string {
  const data = failure.response?.data;
  const message =
    typeof data === 'object' && data !== null && typeof (data as { message?: unknown }).message === 'string'
      ? (data as { message: string }).message
      : '';
  return message.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** One line for a failed request: what went wrong and what to do. The token never appears. */
export function explainFailure(error: unknown, context: RequestContext, connection: GithubConnection): GitopsError {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as RequestFailure;
  const status = failure.status;
  const message = githubMessage(failure);
  let code: string;
  let text: string;
  const cause = (failure as { cause?: { name?: unknown } }).cause;
  // A call whose time ran out: its request was cancelled (AbortError), or timed out on its own.
  if ([failure.name, cause?.name].some((name) => name === 'TimeoutError' || name === 'AbortError')) {
    code = 'GITHUB_TIMEOUT';
    text = `${context.action}: ${connection.apiUrl} did not answer within ${(connection.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000} s; check {{option:apiUrl}} (or GITHUB_API_URL) and the network`;
  } else if (!failure.response) {
    code = 'GITHUB_UNREACHABLE';
    text = `${context.action}: cannot reach ${connection.apiUrl} (${(failure.message ?? 'no answer').split('\n')[0] ?? ''}); check {{option:apiUrl}} (or GITHUB_API_URL) and the network`;
  } else if (status === 401) {
    code = 'GITHUB_UNAUTHORIZED';
    text = `GitHub rejected the token (401${message ? ` ${message}` : ''}); set GITHUB_TOKEN or GH_TOKEN to a valid token for ${connection.apiUrl}`;
  } else if (
    (status === 403 || status === 429) &&
    (failure.response.headers?.['x-ratelimit-remaining'] === '0' || /rate limit/i.test(message))
  ) {
    code = 'GITHUB_RATE_LIMITED';
    const reset = Number(failure.response.headers?.['x-ratelimit-reset']);
    const when =
      Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC` : '';
    text = `${context.action}: GitHub's API rate limit is exhausted (${status})${when}; try again later`;
  } else if (status === 403 && context.forbidden !== undefined) {
    code = 'GITHUB_FORBIDDEN';
    text = `${context.action} was refused (403${message ? ` ${message}` : ''}): ${context.forbidden}`;
  } else if (status === 403) {
    code = 'GITHUB_FORBIDDEN';
    text = `${context.action} was refused (403${message ? ` ${message}` : ''}): ${context.forbidden ?? `rulesets and branch protection need admin rights on ${context.repository}; use a token of a repository administrator (fine-grained tokens: Administration read and write)`}`;
  } else if (status === 404 && context.branch !== undefined) {
    code = 'GITHUB_BRANCH_NOT_FOUND';
    text = `branch "${context.branch}" does not exist in ${context.repository} (404); push it first, or change the branch in protection.branches of gitops.yaml`;
  } else if (status === 404 && context.notFound !== undefined) {
    code = 'GITHUB_NOT_FOUND';
    text = `${context.notFound} (404)`;
  } else if (status === 404) {
    code = 'GITHUB_NOT_FOUND';
    text = `repository ${context.repository} does not exist, or the token cannot see it (404); check {{option:repository}} and the token's access`;
  } else {
    code = 'GITHUB_REQUEST_FAILED';
    text = `${context.action}: GitHub answered ${status ?? 'an error'}${message ? ` (${message})` : ''}`;
  }
  return new GitopsError(code, mask(text, connection.token), { cause: error });
}

/** How long one call may take, retries included, when the connection does not say. */
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * What each request of a call carries (octokit's `request` options): the signal that cancels it
 * when the call's time is up, and when that is, for the rate-limit handlers to decide whether a
 * wait still fits.
 */
interface CallRequest {
  signal: AbortSignal;
  /** `Date.now()` at which the call's time is up. */
  deadline: number;
}

/** Creates the client: octokit with rate-limit handling and no logging; call() retries 5xx answers. */
export async function createClient(connection: GithubConnection, notes: string[]): Promise<Client> {
  const [{ Octokit: CoreOctokit }, { throttling }] = await Promise.all([
    import('@octokit/core'),
    import('@octokit/plugin-throttling'),
  ]);
  const retries = connection.retries ?? 3;
  const timeoutMs = connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const base = connection.retryDelayMs ?? 1000;
  const silent = (): void => undefined;
  // Waits longer than this are not worth a hang: the command fails and says when to retry.
  const maxWaitSeconds = 60;
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      options: { method?: string; url?: string; request?: Partial<CallRequest> },
      _octokit: unknown,
      retryCount: number,
    ): boolean => {
      if (retryCount >= retries || retryAfter > maxWaitSeconds) return false;
      // A wait that would outlast the call: the limit is reported now rather than after the timeout.
      const deadline = options.request?.deadline;
      if (deadline !== undefined && Date.now() + retryAfter * base >= deadline) return false;
      notes.push(
        `GitHub's ${kind} was reached on ${options.method ?? ''} ${options.url ?? ''}; retried after ${retryAfter} s`,
      );
      return true;
    };
  const Client = CoreOctokit.plugin(throttling);
  return new Client({
    auth: connection.token,
    baseUrl: connection.apiUrl.replace(/\/+$/, ''),
    userAgent: connection.userAgent,
    log: { debug: silent, info: silent, warn: silent, error: silent },
    throttle: {
      retryAfterBaseValue: base,
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
    },
    request: {
      // Requests made through call() carry its signal; any other is bounded on its own.
      fetch: (url: string | URL, init?: RequestInit) =>
        fetch(url, init?.signal ? init : { ...init, signal: AbortSignal.timeout(timeoutMs) }),
    },
  });
}

/** Statuses that another try would not change (as @octokit/plugin-retry's `doNotRetry`). */
const NOT_RETRIED = new Set([400, 401, 403, 404, 410, 422, 451]);

/** An answer of 5xx (or 429), or no answer at all (octokit's status 500 without a response): worth another try. */
function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('request' in error)) return false;
  const status = (error as RequestFailure).status;
  return status !== undefined && status >= 400 && !NOT_RETRIED.has(status);
}

/**
 * One call to the API with its retries, all within `timeoutMs`: each try carries the call's
 * signal, which cancels it when the time is up (octokit does not retry a cancelled request), and
 * a retry whose wait would not end before then is not made. The waits grow as octokit's retry
 * plugin's do: 1, 4, 9 times `retryDelayMs`.
 */
async function callWithRetries<T>(
  connection: GithubConnection,
  request: (options: CallRequest) => Promise<T>,
): Promise<T> {
  const timeoutMs = connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retries = connection.retries ?? 3;
  const base = connection.retryDelayMs ?? 1000;
  const controller = new AbortController();
  const deadline = Date.now() + timeoutMs;
  const timer = setTimeout(() => {
    controller.abort();
  }, timeoutMs);
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await request({ signal: controller.signal, deadline });
      } catch (error) {
        const wait = attempt * attempt * base;
        if (attempt > retries || !isRetryable(error) || Date.now() + wait >= deadline) throw error;
        await sleep(wait);
      }
    }
  } finally {
    clearTimeout(timer);
  }
}

/** One request with its retries and time limit; a failure becomes a one-line GitopsError. */
export async function call<T>(
  connection: GithubConnection,
  context: RequestContext,
  request: (options: CallRequest) => Promise<T>,
): Promise<T> {
  try {
    return await callWithRetries(connection, request);
  } catch (error) {
    throw explainFailure(error, context, connection);
  }
}

/** An answer that is not the JSON object (or list) GitHub sends is an error, never "nothing there". */
export function expectJson<T extends { data: unknown }>(
  result: T,
  shape: 'object' | 'array',
  context: RequestContext,
  connection: GithubConnection,
): T {
  if (shape === 'array' ? Array.isArray(result.data) : isObject(result.data)) return result;
  throw new GitopsError(
    'GITHUB_BAD_ANSWER',
    mask(
      `${context.action}: ${connection.apiUrl} answered with something that is not GitHub's JSON; check {{option:apiUrl}} (or GITHUB_API_URL)`,
      connection.token,
    ),
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function enabled(value: unknown): boolean {
  return isObject(value) && value.enabled === true;
}

function names(list: unknown, field: string): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((item: unknown) => {
    const value = isObject(item) ? item[field] : item;
    return typeof value === 'string' ? value : JSON.stringify(value ?? '');
  });
}

/** GET …/protection in the shape of the PUT body, so that the two compare field by field. */
export function normalizeBranchProtection(live: Record<string, unknown>): Record<string, unknown> {
  const checks = live.required_status_checks;
  const reviews = live.required_pull_request_reviews;
  const restrictions = live.restrictions;
  return {
    required_status_checks: isObject(checks)
      ? { strict: checks.strict === true, contexts: names(checks.contexts, 'context') }
      : null,
    enforce_admins: enabled(live.enforce_admins),
    required_pull_request_reviews: isObject(reviews)
      ? {
          dismiss_stale_reviews: reviews.dismiss_stale_reviews === true,
          require_code_owner_reviews: reviews.require_code_owner_reviews === true,
          required_approving_review_count:
            typeof reviews.required_approving_review_count === 'number' ? reviews.required_approving_review_count : 0,
          require_last_push_approval: reviews.require_last_push_approval === true,
        }
      : null,
    restrictions: isObject(restrictions)
      ? {
          users: names(restrictions.users, 'login'),
          teams: names(restrictions.teams, 'slug'),
          apps: names(restrictions.apps, 'slug'),
        }
      : null,
    required_linear_history: enabled(live.required_linear_history),
    allow_force_pushes: enabled(live.allow_force_pushes),
    allow_deletions: enabled(live.allow_deletions),
    required_conversation_resolution: enabled(live.required_conversation_resolution),
  };
}

/** At most this many pages of 100 rulesets are read: a repository has far fewer. */
const MAX_RULESET_PAGES = 10;

interface RulesetSummary {
  id: number;
  name: string;
  source_type?: string;
}

async function listRulesets(
  client: Client,
  connection: GithubConnection,
  owner: string,
  repo: string,
): Promise<RulesetSummary[]> {
  const all: RulesetSummary[] = [];
  const repository = `${owner}/${repo}`;
  for (let page = 1; page <= MAX_RULESET_PAGES; page += 1) {
    const context = { action: `listing the rulesets of ${repository}`, repository };
    const { data } = expectJson(
      await call(connection, context, (request) =>
        client.request('GET /repos/{owner}/{repo}/rulesets', {
          owner,
          repo,
          per_page: 100,
          page,
          includes_parents: false,
          request,
        }),
      ),
      'array',
      context,
      connection,
    );
    const batch = data as unknown as RulesetSummary[];
    for (const item of batch) all.push(item);
    if (batch.length < 100) break;
  }
  // Organisation rulesets are the organisation's to manage, not this repository's policy.
  return all.filter((ruleset) => ruleset.source_type === undefined || ruleset.source_type === 'Repository');
}

/** The release approvers' team ids that gitops.yaml does not give, looked up by slug. */
async function resolveTeamIds(
  client: Client,
  connection: GithubConnection,
  repository: string,
  policies: readonly ProtectionPolicy[],
): Promise<readonly ProtectionPolicy[]> {
  const ids: Record<string, number> = {};
  for (const team of unresolvedTeams(policies)) {
    const { org, slug } = teamParts(team);
    const context: RequestContext = {
      action: `looking up team ${team}`,
      repository,
      notFound: `team ${team} does not exist, or the token cannot see it; check the teams in gitops.yaml, or give its id in protection.teamIds`,
      forbidden: `reading the teams of ${org} needs a token with read access to the organisation's members`,
    };
    const { data } = expectJson(
      await call(connection, context, (request) =>
        client.request('GET /orgs/{org}/teams/{team_slug}', { org, team_slug: slug, request }),
      ),
      'object',
      context,
      connection,
    );
    ids[team] = data.id;
  }
  return Object.keys(ids).length === 0 ? policies : withTeamIds(policies, ids);
}

/** Reads the live rulesets and classic protection that the policies decide, and compares them. */
export async function readLiveDiff(
  connection: GithubConnection,
  repository: string,
  givenPolicies: readonly ProtectionPolicy[],
  targets: readonly LiveTarget[],
  /** A client to share (the audit reads many repositories with one); its notes go where it was created. */
  sharedClient?: Client,
): Promise<LiveDiff> {
  let policies = givenPolicies;
  const [owner = '', repo = ''] = repository.split('/');
  const notes: string[] = [];
  const client = sharedClient ?? (await createClient(connection, notes));
  const items: DriftItem[] = [];
  const reading = { action: `reading ${repository}`, repository };
  const { data: repositoryData } = expectJson(
    await call(connection, reading, (request) => client.request('GET /repos/{owner}/{repo}', { owner, repo, request })),
    'object',
    reading,
    connection,
  );
  if (repositoryData.permissions && !repositoryData.permissions.admin) {
    throw new GitopsError(
      'GITHUB_FORBIDDEN',
      `the token has no admin rights on ${repository}: rulesets and branch protection need them; use a token of a repository administrator (fine-grained tokens: Administration read and write)`,
    );
  }
  if (targets.includes('github-ruleset')) {
    policies = await resolveTeamIds(client, connection, repository, policies);
    const live = await listRulesets(client, connection, owner, repo);
    for (const policy of policies) {
      const name = rulesetName(policy.branch);
      const body = renderGithubRuleset(policy, name);
      const summary = live.find((ruleset) => ruleset.name === name);
      if (!summary) {
        items.push({ target: 'github-ruleset', name, branch: policy.branch, status: 'missing', differences: [], body });
        continue;
      }
      const context = { action: `reading ruleset "${name}" of ${repository}`, repository };
      const { data } = expectJson(
        await call(connection, context, (request) =>
          client.request('GET /repos/{owner}/{repo}/rulesets/{ruleset_id}', {
            owner,
            repo,
            ruleset_id: summary.id,
            request,
          }),
        ),
        'object',
        context,
        connection,
      );
      const differences = compareFields(body, data, { extraFields: 'ignore' });
      items.push({
        target: 'github-ruleset',
        name,
        branch: policy.branch,
        status: differences.length > 0 ? 'differs' : 'in-sync',
        differences,
        rulesetId: summary.id,
        body,
      });
    }
  }
  if (targets.includes('github-branch-protection')) {
    for (const policy of policies) {
      if (isWildcard(policy.branch)) {
        notes.push(`classic branch protection takes no wildcards: "${policy.branch}" is protected by its ruleset only`);
        continue;
      }
      const branch = policy.branch;
      const context = { action: `reading the protection of ${branch} in ${repository}`, repository, branch };
      await call(connection, context, (request) =>
        client.request('GET /repos/{owner}/{repo}/branches/{branch}', { owner, repo, branch, request }),
      );
      const body = renderGithubBranchProtection(policy);
      let live: Record<string, unknown> | undefined;
      let answered: { data: unknown } | undefined;
      try {
        answered = await callWithRetries(connection, (request) =>
          client.request('GET /repos/{owner}/{repo}/branches/{branch}/protection', { owner, repo, branch, request }),
        );
      } catch (error) {
        // The branch exists (read above): a 404 here means it is not protected.
        if ((error as RequestFailure).status !== 404)
          throw explainFailure(error, { ...context, branch: undefined }, connection);
      }
      if (answered) live = expectJson(answered, 'object', context, connection).data as Record<string, unknown>;
      const item: DriftItem = {
        target: 'github-branch-protection',
        name: branch,
        branch,
        status: 'missing',
        differences: [],
        body,
        requireSignatures: policy.requireSignedCommits,
      };
      if (live) {
        const differences = compareFields(body, normalizeBranchProtection(live), { extraFields: 'ignore' });
        const signed = enabled(live.required_signatures);
        if (signed !== policy.requireSignedCommits)
          differences.push({ path: 'required_signatures', expected: policy.requireSignedCommits, actual: signed });
        item.differences = differences;
        item.status = differences.length > 0 ? 'differs' : 'in-sync';
      }
      items.push(item);
    }
  }
  return { repository, items, notes };
}

/** Creates or updates what differs: rulesets by name, then each branch's classic protection. */
export async function applyLiveDiff(
  connection: GithubConnection,
  diff: LiveDiff,
): Promise<{ changes: AppliedChange[]; notes: string[] }> {
  const repository = diff.repository;
  const [owner = '', repo = ''] = repository.split('/');
  const notes: string[] = [];
  const client = await createClient(connection, notes);
  const changes: AppliedChange[] = [];
  try {
    for (const item of diff.items) {
      if (item.status === 'in-sync') continue;
      if (item.target === 'github-ruleset') {
        const context = {
          action: `${item.status === 'missing' ? 'creating' : 'updating'} ruleset "${item.name}" of ${repository}`,
          repository,
        };
        const rulesetId = item.rulesetId;
        // The body is the rendered ruleset, checked against GitHub's request schema in the tests.
        if (rulesetId === undefined) {
          await call(connection, context, (request) =>
            client.request({
              method: 'POST',
              url: '/repos/{owner}/{repo}/rulesets',
              ...item.body,
              owner,
              repo,
              request,
            }),
          );
        } else {
          await call(connection, context, (request) =>
            client.request({
              method: 'PUT',
              url: '/repos/{owner}/{repo}/rulesets/{ruleset_id}',
              ...item.body,
              owner,
              repo,
              ruleset_id: rulesetId,
              request,
            }),
          );
        }
        changes.push({
          target: item.target,
          name: item.name,
          action: item.status === 'missing' ? 'created' : 'updated',
        });
        continue;
      }
      const branch = item.name;
      const context = { action: `protecting ${branch} in ${repository}`, repository, branch };
      await call(connection, context, (request) =>
        client.request({
          method: 'PUT',
          url: '/repos/{owner}/{repo}/branches/{branch}/protection',
          ...item.body,
          owner,
          repo,
          branch,
          request,
        }),
      );
      const signatures = item.differences.find((difference) => difference.path === 'required_signatures');
      if (item.requireSignatures === true && (item.status === 'missing' || signatures)) {
        await call(connection, context, (request) =>
          client.request('POST /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures', {
            owner,
            repo,
            branch,
            request,
          }),
        );
      } else if (item.requireSignatures === false && signatures) {
        await call(connection, context, (request) =>
          client.request('DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures', {
            owner,
            repo,
            branch,
            request,
          }),
        );
      }
      changes.push({ target: item.target, name: item.name, action: item.status === 'missing' ? 'created' : 'updated' });
    }
  } catch (error) {
    // Say what was applied before the failure, so that nobody has to guess the repository's state.
    if (changes.length === 0 || !(error instanceof GitopsError)) throw error;
    const done = changes.map(
      (change) =>
        `${change.action} ${change.target === 'github-ruleset' ? `ruleset "${change.name}"` : `the classic protection of ${change.name}`}`,
    );
    throw new GitopsError(error.code, `${error.message} (already applied: ${done.join(', ')})`, { cause: error });
  }
  return { changes, notes };
}
