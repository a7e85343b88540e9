/**
 * Repository access on the loopback GitHub: the teams and collaborators of each repository,
 * with state, through `FakeGithub.route` (bodies and answers checked against GitHub's published
 * description). Writes need the repository's `admin`; `refuse` makes every access call answer 403.
 */
import type { FakeGithub } from './github-server.js';

const ROLES = ['pull', 'triage', 'push', 'maintain', 'admin'] as const;
type Role = (typeof ROLES)[number];

/** A grant: a built-in role, or a custom role with its base role. */
export interface FakeGrant {
  role: string;
  base?: Role;
  outside?: boolean;
}

export interface FakeAccess {
  teams: Map<string, FakeGrant>;
  collaborators: Map<string, FakeGrant>;
}

export interface AccessRoutes {
  /** The access of a repository (created empty, or from `initial`, on first use). */
  of(fullName: string): FakeAccess;
  /** Answer 403 to every access call (a token without the rights). */
  refuse: boolean;
}

/** The `permissions` booleans of a role (a custom role's are its base role's). */
function flags(grant: FakeGrant): Record<Role, boolean> {
  const base = grant.base ?? (grant.role as Role);
  const rank = ROLES.indexOf(base);
  return Object.fromEntries(ROLES.map((role, index) => [role, index <= rank])) as Record<Role, boolean>;
}

const COLLABORATOR_ROLE: Record<Role, string> = {
  pull: 'read',
  triage: 'triage',
  push: 'write',
  maintain: 'maintain',
  admin: 'admin',
};

function page<T>(list: T[], query: URLSearchParams): T[] {
  const perPage = Number(query.get('per_page') ?? 30);
  const number = Number(query.get('page') ?? 1);
  return list.slice((number - 1) * perPage, number * perPage);
}

/**
 * Adds the access routes to a fake. `initial` gives each repository its access on first use
 * (for tests that are about something else: the policy's grants, already in place).
 */
export function addAccessRoutes(
  fake: FakeGithub,
  initial: (fullName: string) => {
    teams?: Record<string, FakeGrant>;
    collaborators?: Record<string, FakeGrant>;
  } = () => ({}),
): AccessRoutes {
  const state = new Map<string, FakeAccess>();
  const routes: AccessRoutes = {
    refuse: false,
    of(fullName) {
      let access = state.get(fullName);
      if (!access) {
        const start = initial(fullName);
        access = {
          teams: new Map(Object.entries(start.teams ?? {})),
          collaborators: new Map(Object.entries(start.collaborators ?? {})),
        };
        state.set(fullName, access);
      }
      return access;
    },
  };
  const forbidden = { status: 403, body: { message: 'Must have admin rights to Repository.', status: '403' } };
  const notFound = { status: 404, body: { message: 'Not Found', status: '404' } };
  /** The repository, or why the call fails: missing (404), refused (403), a write without admin (403). */
  const check = (owner: string, repo: string, write: boolean): { status: number; body: unknown } | undefined => {
    const repository = fake.repositories.get(`${owner}/${repo}`);
    if (!repository) return notFound;
    if (routes.refuse || (write && !repository.admin)) return forbidden;
    return undefined;
  };

  fake.route({
    method: 'GET',
    route: '/repos/{owner}/{repo}/teams',
    handle: ({ params, query }) => {
      const failure = check(params.owner ?? '', params.repo ?? '', false);
      if (failure) return failure;
      const fullName = `${params.owner ?? ''}/${params.repo ?? ''}`;
      const teams = [...routes.of(fullName).teams].map(([slug, grant], index) => ({
        id: index + 1,
        node_id: `T_${slug}`,
        url: `${fake.url}/teams/${index + 1}`,
        html_url: `https://github.com/orgs/${params.owner ?? ''}/teams/${slug}`,
        members_url: `${fake.url}/teams/${index + 1}/members{/member}`,
        repositories_url: `${fake.url}/teams/${index + 1}/repos`,
        name: slug,
        slug,
        description: null,
        privacy: 'closed',
        notification_setting: 'notifications_enabled',
        permission: grant.role,
        permissions: flags(grant),
        type: 'organization',
        access_source: 'direct',
        parent: null,
      }));
      return { status: 200, body: page(teams, query) };
    },
  });

  fake.route({
    method: 'GET',
    route: '/repos/{owner}/{repo}/collaborators',
    handle: ({ params, query }) => {
      const failure = check(params.owner ?? '', params.repo ?? '', false);
      if (failure) return failure;
      const affiliation = query.get('affiliation') ?? 'all';
      const fullName = `${params.owner ?? ''}/${params.repo ?? ''}`;
      const people = [...routes.of(fullName).collaborators]
        .filter(([, grant]) => affiliation !== 'outside' || grant.outside === true)
        .map(([login, grant], index) => ({
          login,
          id: index + 1,
          node_id: `U_${login}`,
          avatar_url: `https://avatars.githubusercontent.com/u/${index + 1}`,
          gravatar_id: '',
          url: `${fake.url}/users/${login}`,
          html_url: `https://github.com/${login}`,
          followers_url: `${fake.url}/users/${login}/followers`,
          following_url: `${fake.url}/users/${login}/following{/other_user}`,
          gists_url: `${fake.url}/users/${login}/gists{/gist_id}`,
          starred_url: `${fake.url}/users/${login}/starred{/owner}{/repo}`,
          subscriptions_url: `${fake.url}/users/${login}/subscriptions`,
          organizations_url: `${fake.url}/users/${login}/orgs`,
          repos_url: `${fake.url}/users/${login}/repos`,
          events_url: `${fake.url}/users/${login}/events{/privacy}`,
          received_events_url: `${fake.url}/users/${login}/received_events`,
          type: 'User',
          site_admin: false,
          permissions: flags(grant),
          role_name: grant.base === undefined ? COLLABORATOR_ROLE[grant.role as Role] : grant.role,
        }));
      return { status: 200, body: page(people, query) };
    },
  });

  fake.route({
    method: 'PUT',
    route: '/orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}',
    handle: ({ params, body }) => {
      const failure = check(params.owner ?? '', params.repo ?? '', true);
      if (failure) return failure;
      if (params.org !== params.owner)
        return { status: 422, body: { message: 'Validation Failed', status: '422', errors: [] } };
      const role = (body as { permission?: string } | undefined)?.permission ?? 'push';
      routes.of(`${params.owner ?? ''}/${params.repo ?? ''}`).teams.set(params.team_slug ?? '', { role });
      return { status: 204 };
    },
  });

  fake.route({
    method: 'DELETE',
    route: '/orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}',
    handle: ({ params }) => {
      const failure = check(params.owner ?? '', params.repo ?? '', true);
      if (failure) return failure;
      const teams = routes.of(`${params.owner ?? ''}/${params.repo ?? ''}`).teams;
      if (!teams.delete(params.team_slug ?? '')) return notFound;
      return { status: 204 };
    },
  });

  fake.route({
    method: 'PUT',
    route: '/repos/{owner}/{repo}/collaborators/{username}',
    handle: ({ params, body }) => {
      const failure = check(params.owner ?? '', params.repo ?? '', true);
      if (failure) return failure;
      const role = (body as { permission?: string } | undefined)?.permission ?? 'push';
      const people = routes.of(`${params.owner ?? ''}/${params.repo ?? ''}`).collaborators;
      const login = params.username ?? '';
      // An existing collaborator's permission is updated (204); a new one is added at once here,
      // as GitHub does for members of the organisation (others get an invitation, 201).
      people.set(login, { role, ...(people.get(login)?.outside === true ? { outside: true } : {}) });
      return { status: 204 };
    },
  });

  fake.route({
    method: 'DELETE',
    route: '/repos/{owner}/{repo}/collaborators/{username}',
    handle: ({ params }) => {
      const failure = check(params.owner ?? '', params.repo ?? '', true);
      if (failure) return failure;
      routes.of(`${params.owner ?? ''}/${params.repo ?? ''}`).collaborators.delete(params.username ?? '');
      return { status: 204 };
    },
  });

  return routes;
}
