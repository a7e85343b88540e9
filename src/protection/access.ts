import type { AccessPermission, Descriptor, RepositoryKind } from '../config/descriptor.js';

export type { AccessPermission, DescriptorAccess } from '../config/descriptor.js';

/** A permission that grants access (`none` only takes a default away). */
export type Permission = Exclude<AccessPermission, 'none'>;

/** GitHub's repository roles, lowest first (test/protection/access.test.ts checks them against the schema). */
export const PERMISSIONS = ['pull', 'triage', 'push', 'maintain', 'admin'] as const satisfies readonly Permission[];

/** Where a grant of the policy comes from: the kind's defaults or gitops.yaml's `access` section. */
export type GrantSource = 'default' | 'descriptor';

export interface TeamGrant {
  /** `@org/team`, as gitops.yaml writes it. */
  team: string;
  permission: Permission;
  source: GrantSource;
}

export interface CollaboratorGrant {
  /** `@login`, as gitops.yaml writes it. */
  login: string;
  permission: Permission;
  source: GrantSource;
}

/** Who may do what on the repository: the kind's defaults with gitops.yaml's `access` applied. */
export interface AccessPolicy {
  teams: TeamGrant[];
  collaborators: CollaboratorGrant[];
}

/** Why a policy goes below its kind's floor (the access-policy-minimum rule's message ids). */
export type AccessFloorReason =
  | 'platformBelowMaintain'
  | 'teamWritesInfrastructure'
  | 'teamWritesApplication'
  | 'teamAdmin'
  | 'collaboratorWritesInfrastructure'
  | 'collaboratorAdmin';

/** One way a policy goes below its kind's floor. */
export interface AccessFloorProblem {
  reason: AccessFloorReason;
  /** `teams` or `collaborators`: the part of gitops.yaml's `access` section to change. */
  section: 'teams' | 'collaborators';
  /** The team or person (`@org/team`, `@login`). */
  principal: string;
  permission: Permission | 'none';
  message: string;
}

/** 0 for pull up to 4 for admin; -1 for none. */
export function permissionRank(permission: AccessPermission): number {
  return permission === 'none' ? -1 : PERMISSIONS.indexOf(permission);
}

/** Whether a permission lets its holder push to the repository (push, maintain, admin). */
export function canWrite(permission: AccessPermission): boolean {
  return permissionRank(permission) >= permissionRank('push');
}

/** The higher of two permissions. */
export function higherPermission(a: Permission, b: Permission): Permission {
  return permissionRank(a) >= permissionRank(b) ? a : b;
}

/**
 * GitLab's access level for a permission: Reporter (20) for pull and triage, Developer (30) for
 * push, Maintainer (40) for maintain and admin (a project share grants at most Maintainer).
 */
export function gitlabAccessLevel(permission: Permission): 20 | 30 | 40 {
  switch (permission) {
    case 'pull':
    case 'triage':
      return 20;
    case 'push':
      return 30;
    case 'maintain':
    case 'admin':
      return 40;
  }
}

/** The permission a GitLab access level amounts to (Guest below Reporter counts as pull, Owner as admin). */
export function permissionOfGitlabLevel(level: number): Permission {
  if (level >= 50) return 'admin';
  if (level >= 40) return 'maintain';
  if (level >= 30) return 'push';
  return 'pull';
}

/** `@acme/platform` → `{ org: 'acme', slug: 'platform' }` (GitHub team slugs are the lowercased names). */
export function splitTeam(team: string): { org: string; slug: string } {
  const [org = '', slug = ''] = team.replace(/^@/, '').split('/', 2);
  return { org, slug: slug.toLowerCase() };
}

/** The grants a repository of this kind gets when gitops.yaml's `access` says nothing of them. */
export function defaultAccess(descriptor: Pick<Descriptor, 'kind' | 'teams'>): AccessPolicy {
  const teams: TeamGrant[] = [];
  const add = (team: string | undefined, permission: Permission): void => {
    if (team === undefined || teams.some((grant) => sameTeam(grant.team, team))) return;
    teams.push({ team, permission, source: 'default' });
  };
  const platform = descriptor.teams?.platform;
  if (descriptor.kind === 'infrastructure') {
    add(platform, 'maintain');
    for (const tenant of descriptor.teams?.applications ?? []) add(tenant.team, 'pull');
  } else {
    add(descriptor.teams?.application, 'push');
    add(platform, 'maintain');
  }
  return { teams, collaborators: [] };
}

/**
 * The repository's access policy: the kind's defaults, then gitops.yaml's `access` entries, each
 * replacing the default of the same team or person (`none` removing it) or adding to them.
 */
export function accessPolicy(descriptor: Pick<Descriptor, 'kind' | 'teams' | 'access'>): AccessPolicy {
  const policy = defaultAccess(descriptor);
  for (const [team, permission] of Object.entries(descriptor.access?.teams ?? {})) {
    policy.teams = policy.teams.filter((grant) => !sameTeam(grant.team, team));
    if (permission !== 'none') policy.teams.push({ team, permission, source: 'descriptor' });
  }
  for (const [login, permission] of Object.entries(descriptor.access?.collaborators ?? {})) {
    policy.collaborators = policy.collaborators.filter((grant) => !sameLogin(grant.login, login));
    if (permission !== 'none') policy.collaborators.push({ login, permission, source: 'descriptor' });
  }
  return policy;
}

/** The permission the policy grants a team (`none` if it grants nothing). */
export function teamPermission(policy: AccessPolicy, team: string): AccessPermission {
  return policy.teams.find((grant) => sameTeam(grant.team, team))?.permission ?? 'none';
}

/** The permission the policy grants a person directly (`none` if it grants nothing). */
export function collaboratorPermission(policy: AccessPolicy, login: string): AccessPermission {
  return policy.collaborators.find((grant) => sameLogin(grant.login, login))?.permission ?? 'none';
}

/**
 * Where the policy goes below the kind's floor. Infrastructure: nobody but the platform team
 * writes (tenant and other teams at most triage, no collaborator with write), and the platform
 * team keeps maintain. Application: the platform team keeps maintain, only the application team
 * and the platform team write among teams, and nobody but the platform team holds admin (admin
 * could turn the protection off).
 */
export function accessFloorProblems(
  descriptor: Pick<Descriptor, 'kind' | 'teams' | 'access'>,
  policy: AccessPolicy = accessPolicy(descriptor),
): AccessFloorProblem[] {
  const problems: AccessFloorProblem[] = [];
  const platform = descriptor.teams?.platform;
  const kind: RepositoryKind = descriptor.kind;
  if (platform !== undefined) {
    const permission = teamPermission(policy, platform);
    if (permissionRank(permission) < permissionRank('maintain')) {
      problems.push({
        reason: 'platformBelowMaintain',
        section: 'teams',
        principal: platform,
        permission,
        message: `the platform team ${platform} has ${permission} on this ${kind} repository; it keeps maintain or admin`,
      });
    }
  }
  const application = kind === 'application' ? descriptor.teams?.application : undefined;
  for (const grant of policy.teams) {
    if (platform !== undefined && sameTeam(grant.team, platform)) continue;
    const ownTeam = application !== undefined && sameTeam(grant.team, application);
    if (kind === 'infrastructure' && canWrite(grant.permission)) {
      problems.push({
        reason: 'teamWritesInfrastructure',
        section: 'teams',
        principal: grant.team,
        permission: grant.permission,
        message: `${grant.team} has ${grant.permission} on the infrastructure repository; only the platform team writes there (pull or triage at most)`,
      });
    } else if (kind === 'application' && !ownTeam && canWrite(grant.permission)) {
      problems.push({
        reason: 'teamWritesApplication',
        section: 'teams',
        principal: grant.team,
        permission: grant.permission,
        message: `${grant.team} has ${grant.permission} on ${application ?? "the application team's"} repository; only the application team and the platform team write there`,
      });
    } else if (kind === 'application' && grant.permission === 'admin') {
      problems.push({
        reason: 'teamAdmin',
        section: 'teams',
        principal: grant.team,
        permission: grant.permission,
        message: `${grant.team} has admin, which can turn the branch protection off; maintain is the most an application team needs`,
      });
    }
  }
  for (const grant of policy.collaborators) {
    if (kind === 'infrastructure' && canWrite(grant.permission)) {
      problems.push({
        reason: 'collaboratorWritesInfrastructure',
        section: 'collaborators',
        principal: grant.login,
        permission: grant.permission,
        message: `${grant.login} has ${grant.permission} on the infrastructure repository; only the platform team writes there (add the person to it instead)`,
      });
    } else if (grant.permission === 'admin') {
      problems.push({
        reason: 'collaboratorAdmin',
        section: 'collaborators',
        principal: grant.login,
        permission: grant.permission,
        message: `${grant.login} has admin, which can turn the branch protection off; maintain is the most a collaborator needs`,
      });
    }
  }
  return problems;
}

function sameTeam(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function sameLogin(a: string, b: string): boolean {
  return a.replace(/^@/, '').toLowerCase() === b.replace(/^@/, '').toLowerCase();
}

/**
 * Who has access to the live repository, as GitHub (or GitLab) reports it: the grants made to
 * the repository itself (teams, direct and outside collaborators), not those of organisation
 * membership.
 */
export interface LiveAccess {
  teams: LiveGrant[];
  collaborators: LiveGrant[];
}

export interface LiveGrant {
  /** `@org/slug` for a team, `@login` for a person. */
  principal: string;
  /** The repository role, or the base role of a custom role. */
  permission: Permission;
  /** The name of the custom repository role the grant is, when it is one (it adds to its base role). */
  customRole?: string;
  /** A person who is not a member of the organisation (GitHub's outside collaborator). */
  outside?: boolean;
}

/**
 * How one team or person's live access compares with the policy. `missing`: the policy grants
 * access that the repository does not give; `below`: it gives less; `above`: it gives more
 * than the policy grants (a custom role counts as above its base role); `extra`: it gives access
 * the policy does not grant at all.
 */
export type AccessStatus = 'in-sync' | 'missing' | 'below' | 'above' | 'extra';

export interface AccessDriftItem {
  kind: 'team' | 'collaborator';
  /** `@org/team` or `@login` (as gitops.yaml writes it when the policy names it). */
  principal: string;
  /** What the policy grants (`none`: nothing). */
  expected: AccessPermission;
  /** What the repository gives: a role, a custom role's name, or `none`. */
  actual: string;
  status: AccessStatus;
  /** An outside collaborator. */
  outside?: boolean;
}

/** Whether an item takes access away when applied (only `protect apply --prune` does that). */
export function takesAccessAway(item: AccessDriftItem): boolean {
  return item.status === 'above' || item.status === 'extra';
}

/** Rank of a live grant: a custom role sits just above its base role. */
function liveRank(grant: LiveGrant | undefined): number {
  if (grant === undefined) return -1;
  return permissionRank(grant.permission) + (grant.customRole === undefined ? 0 : 0.5);
}

function accessStatus(expected: AccessPermission, live: LiveGrant | undefined): AccessStatus {
  const want = permissionRank(expected);
  const have = liveRank(live);
  if (want === have) return 'in-sync';
  if (have === -1) return 'missing';
  if (want === -1) return 'extra';
  return have < want ? 'below' : 'above';
}

function sameTeamOf(owner: string): (policyTeam: string, live: string) => boolean {
  return (policyTeam, live) => {
    const wanted = splitTeam(policyTeam);
    const found = splitTeam(live);
    return wanted.slug === found.slug && wanted.org.toLowerCase() === (found.org || owner).toLowerCase();
  };
}

/**
 * Compares the live access of a repository with its policy: one item per team and person that
 * either names, in the policy's order, then the others in GitHub's. `owner` is the repository's
 * owner, the organisation its teams belong to.
 */
export function diffAccess(policy: AccessPolicy, live: LiveAccess, owner: string): AccessDriftItem[] {
  const items: AccessDriftItem[] = [];
  const isSameTeam = sameTeamOf(owner);
  const seenTeams = new Set<LiveGrant>();
  for (const grant of policy.teams) {
    const found = live.teams.find((team) => !seenTeams.has(team) && isSameTeam(grant.team, team.principal));
    if (found) seenTeams.add(found);
    items.push(item('team', grant.team, grant.permission, found));
  }
  for (const team of live.teams) if (!seenTeams.has(team)) items.push(item('team', team.principal, 'none', team));
  const seenPeople = new Set<LiveGrant>();
  for (const grant of policy.collaborators) {
    const found = live.collaborators.find(
      (person) => !seenPeople.has(person) && sameLogin(grant.login, person.principal),
    );
    if (found) seenPeople.add(found);
    items.push(item('collaborator', grant.login, grant.permission, found));
  }
  for (const person of live.collaborators)
    if (!seenPeople.has(person)) items.push(item('collaborator', person.principal, 'none', person));
  return items;
}

function item(
  kind: AccessDriftItem['kind'],
  principal: string,
  expected: AccessPermission,
  live: LiveGrant | undefined,
): AccessDriftItem {
  return {
    kind,
    principal,
    expected,
    actual: live === undefined ? 'none' : (live.customRole ?? live.permission),
    status: accessStatus(expected, live),
    ...(live?.outside === true ? { outside: true } : {}),
  };
}

/** `team @acme/platform: live push, policy maintain`: one item as one line. */
export function describeAccessItem(item: AccessDriftItem): string {
  const who = item.kind === 'team' ? 'team' : item.outside === true ? 'outside collaborator' : 'collaborator';
  return `${who} ${item.principal}: live ${item.actual}, policy ${item.expected}`;
}

/**
 * The access policy when gitops.yaml says anything about access (an `access` section, or teams
 * whose defaults apply); undefined when it says nothing, so that nothing is rendered, compared
 * or applied for a repository whose descriptor names no team.
 */
export function declaredAccessPolicy(
  descriptor: Pick<Descriptor, 'kind' | 'teams' | 'access'>,
): AccessPolicy | undefined {
  const teams = descriptor.teams;
  const named =
    teams?.platform !== undefined || teams?.application !== undefined || (teams?.applications ?? []).length > 0;
  return named || descriptor.access !== undefined ? accessPolicy(descriptor) : undefined;
}
