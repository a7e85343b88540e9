/**
 * The live side of repository access on GitHub: reads the teams and the direct and outside
 * collaborators of a repository, compares them with the access policy, grants what the policy
 * grants and, with `prune`, takes away what it does not.
 *
 * Endpoints: https://docs.github.com/en/rest/repos/repos#list-repository-teams,
 * https://docs.github.com/en/rest/collaborators/collaborators and
 * https://docs.github.com/en/rest/teams/teams#add-or-update-team-repository-permissions
 */
import type { Octokit } from '@octokit/core';
import {
  diffAccess,
  PERMISSIONS,
  splitTeam,
  takesAccessAway,
  type AccessDriftItem,
  type AccessPolicy,
  type LiveAccess,
  type LiveGrant,
  type Permission,
} from './access.js';
import { GitopsError } from '../errors.js';
import { call, createClient, expectJson, type GithubConnection, type RequestContext } from './github.js';

/** At most this many pages of 100 teams or collaborators are read. */
const MAX_PAGES = 50;

/** What a 403 on the access endpoints means the token lacks. */
function forbidden(repository: string): string {
  return `reading and changing who has access needs admin rights on ${repository} and a token that can see the organisation's teams; use a token of a repository administrator (fine-grained tokens: Administration read and write, and the organisation's Members read)`;
}

/** GitHub's collaborator role names for the built-in roles (`role_name`). */
const ROLE_NAMES: Readonly<Record<string, Permission>> = {
  read: 'pull',
  pull: 'pull',
  triage: 'triage',
  write: 'push',
  push: 'push',
  maintain: 'maintain',
  admin: 'admin',
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The highest role of GitHub's `permissions` booleans (`{ pull, triage, push, maintain, admin }`). */
export function permissionOfFlags(flags: unknown): Permission | undefined {
  if (!isObject(flags)) return undefined;
  return [...PERMISSIONS].reverse().find((permission) => flags[permission] === true);
}

/**
 * A team or collaborator entry as a grant. Teams carry `permission` (a role, or a custom role's
 * name), collaborators `role_name` (`read`, `write`, … or a custom role's name); both carry the
 * `permissions` booleans, which for a custom role are those of its base role. A collaborator's
 * `role_name` is the highest of all their grants (teams included), so their own grant is read
 * from the booleans and `role_name` only names a custom role.
 */
export function liveGrant(
  principal: string,
  role: unknown,
  flags: unknown,
  kind: 'team' | 'collaborator',
): LiveGrant | undefined {
  const named = typeof role === 'string' ? role : undefined;
  const builtIn =
    named === undefined ? undefined : kind === 'team' ? PERMISSIONS.find((p) => p === named) : ROLE_NAMES[named];
  const fromFlags = permissionOfFlags(flags);
  if (named !== undefined && builtIn === undefined) {
    // A custom repository role: reported by name, ranked just above its base role.
    return { principal, permission: fromFlags ?? 'pull', customRole: named };
  }
  const permission = kind === 'team' ? (builtIn ?? fromFlags) : (fromFlags ?? builtIn);
  return permission === undefined ? undefined : { principal, permission };
}

async function listPages(
  client: Octokit,
  connection: GithubConnection,
  context: RequestContext,
  url: '/repos/{owner}/{repo}/teams' | '/repos/{owner}/{repo}/collaborators',
  parameters: Record<string, string>,
): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const answer: { data: unknown } = await call(connection, context, (request) =>
      client.request({ method: 'GET', url, ...parameters, per_page: 100, page, request }),
    );
    const batch = expectJson(answer, 'array', context, connection).data as unknown[];
    for (const item of batch) if (isObject(item)) all.push(item);
    if (batch.length < 100) break;
  }
  return all;
}

/** Reads the teams and the direct collaborators (outside ones marked) of a repository. */
export async function readLiveAccess(
  connection: GithubConnection,
  repository: string,
  client?: Octokit,
): Promise<LiveAccess> {
  const [owner = '', repo = ''] = repository.split('/');
  const github = client ?? (await createClient(connection, []));
  const context = (what: string): RequestContext => ({
    action: `listing the ${what} of ${repository}`,
    repository,
    forbidden: forbidden(repository),
  });
  const teams = await listPages(github, connection, context('teams'), '/repos/{owner}/{repo}/teams', {
    owner,
    repo,
  });
  const direct = await listPages(
    github,
    connection,
    context('direct collaborators'),
    '/repos/{owner}/{repo}/collaborators',
    { owner, repo, affiliation: 'direct' },
  );
  const outside = await listPages(
    github,
    connection,
    context('outside collaborators'),
    '/repos/{owner}/{repo}/collaborators',
    { owner, repo, affiliation: 'outside' },
  );
  const outsideLogins = new Set(
    outside.map((person) => (typeof person.login === 'string' ? person.login.toLowerCase() : '')),
  );
  const live: LiveAccess = { teams: [], collaborators: [] };
  for (const team of teams) {
    if (typeof team.slug !== 'string') continue;
    // Access granted by an organisation or enterprise role is not the repository's to change.
    if (team.access_source !== undefined && team.access_source !== 'direct') continue;
    const grant = liveGrant(`@${owner}/${team.slug}`, team.permission, team.permissions, 'team');
    if (grant) live.teams.push(grant);
  }
  // `direct` includes the outside collaborators; an outside one missing from it is still listed.
  const people = [...direct, ...outside.filter((person) => !direct.some((other) => other.login === person.login))];
  for (const person of people) {
    if (typeof person.login !== 'string') continue;
    const grant = liveGrant(`@${person.login}`, person.role_name, person.permissions, 'collaborator');
    if (grant)
      live.collaborators.push(outsideLogins.has(person.login.toLowerCase()) ? { ...grant, outside: true } : grant);
  }
  return live;
}

/** Reads the live access of a repository and compares it with the policy. */
export async function readAccessDrift(
  connection: GithubConnection,
  repository: string,
  policy: AccessPolicy,
  client?: Octokit,
): Promise<AccessDriftItem[]> {
  const live = await readLiveAccess(connection, repository, client);
  return diffAccess(policy, live, repository.split('/')[0] ?? '');
}

/** One change `protect apply` made to who has access. */
export interface AccessChange {
  kind: AccessDriftItem['kind'];
  principal: string;
  /** `granted`: the policy's permission was set; `removed`: all access was taken away. */
  action: 'granted' | 'removed';
  /** The permission granted (for `granted`). */
  permission?: Permission;
}

export interface AppliedAccess {
  changes: AccessChange[];
  /** Access beyond the policy that was left as it is (apply without prune). */
  leftAlone: AccessDriftItem[];
}

/**
 * Grants what the policy grants (teams with PUT /orgs/{org}/teams/{slug}/repos/…, people with
 * PUT /repos/…/collaborators/{login}); with `prune`, also lowers access above the policy and
 * removes access the policy does not grant. Without it, such access is left alone and listed.
 */
export async function applyAccess(
  connection: GithubConnection,
  repository: string,
  items: readonly AccessDriftItem[],
  options: { prune?: boolean; client?: Octokit } = {},
): Promise<AppliedAccess> {
  const [owner = '', repo = ''] = repository.split('/');
  const client = options.client ?? (await createClient(connection, []));
  const result: AppliedAccess = { changes: [], leftAlone: [] };
  try {
    for (const item of items) {
      if (item.status === 'in-sync') continue;
      if (takesAccessAway(item) && options.prune !== true) {
        result.leftAlone.push(item);
        continue;
      }
      const context: RequestContext = {
        action: `${item.expected === 'none' ? 'removing' : 'granting'} the access of ${item.principal} to ${repository}`,
        repository,
        forbidden: forbidden(repository),
      };
      if (item.kind === 'team') {
        const { org, slug } = splitTeam(item.principal);
        const team = { org: org || owner, team_slug: slug, owner, repo };
        if (item.expected === 'none') {
          await call(connection, context, (request) =>
            client.request('DELETE /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}', { ...team, request }),
          );
        } else {
          const permission = item.expected;
          try {
            await call(connection, context, (request) =>
              client.request('PUT /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}', {
                ...team,
                permission,
                request,
              }),
            );
          } catch (error) {
            // The repository was read before: a 404 here is about the team.
            if (!(error instanceof GitopsError) || error.code !== 'GITHUB_NOT_FOUND') throw error;
            throw new GitopsError(
              'GITHUB_TEAM_NOT_FOUND',
              `team ${item.principal} does not exist in ${team.org}, or the token cannot see it (404); check the team in gitops.yaml (teams, access) and the token's access to the organisation's teams`,
              { cause: error },
            );
          }
        }
      } else {
        const person = { owner, repo, username: item.principal.replace(/^@/, '') };
        if (item.expected === 'none') {
          await call(connection, context, (request) =>
            client.request('DELETE /repos/{owner}/{repo}/collaborators/{username}', { ...person, request }),
          );
        } else {
          const permission = item.expected;
          await call(connection, context, (request) =>
            client.request('PUT /repos/{owner}/{repo}/collaborators/{username}', { ...person, permission, request }),
          );
        }
      }
      result.changes.push({
        kind: item.kind,
        principal: item.principal,
        ...(item.expected === 'none'
          ? { action: 'removed' as const }
          : { action: 'granted' as const, permission: item.expected }),
      });
    }
  } catch (error) {
    // Say what was changed before the failure, so that nobody has to guess who has access now.
    if (result.changes.length === 0 || !(error instanceof GitopsError)) throw error;
    throw new GitopsError(
      error.code,
      `${error.message} (already applied: ${result.changes.map(describeAccessChange).join(', ')})`,
      { cause: error },
    );
  }
  return result;
}

/** `granted maintain to team @acme/platform`, `removed collaborator @mallory`. */
export function describeAccessChange(change: AccessChange): string {
  const who = `${change.kind === 'team' ? 'team' : 'collaborator'} ${change.principal}`;
  return change.action === 'removed' ? `removed ${who}` : `granted ${change.permission ?? ''} to ${who}`;
}
