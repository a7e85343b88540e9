/**
 * The live side of protection on GitLab: reads a project's protected branches, merge request
 * approval settings and rules, merge settings, group shares and direct members, compares them
 * with the policy field by field, and writes what differs: protected branches and approval
 * rules are updated in place (PATCH, PUT), never created twice. Settings a Free project does not
 * have (approval settings and rules, code owner approval) are reported as needing GitLab
 * Premium, not as drift. Access is raised to the policy; it is taken away only with `prune`.
 *
 * Endpoints: https://docs.gitlab.com/api/protected_branches/,
 * https://docs.gitlab.com/api/merge_request_approvals/, https://docs.gitlab.com/api/projects/,
 * https://docs.gitlab.com/api/members/
 */
import { GitopsError } from '../errors.js';
import type { AccessPolicy } from './access.js';
import { compareFields, type FieldDifference } from './compare.js';
import {
  createGitlabClient,
  explainGitlabFailure,
  GitlabRequestError,
  GITLAB_ROLES,
  type GitlabAccessLevelEntry,
  type GitlabClient,
  type GitlabConnection,
  type GitlabProject,
  type GitlabProtectedBranch,
} from './gitlab-client.js';
import type { ProtectionPolicy } from './policy.js';
import { renderGitlab, renderGitlabAccess, type GitlabAccess } from './render.js';

/** What one item of a GitLab diff is about. */
export type GitlabItemKind =
  'protected-branch' | 'merge-settings' | 'approval-settings' | 'approval-rule' | 'group-share' | 'member';

/**
 * `missing`: not on GitLab; `differs`: see `differences`; `excess`: more access than the policy
 * grants (taken away only with prune); `unsupported`: the project's tier does not have it
 * (see `reason`); `in-sync`: nothing to do.
 */
export type GitlabItemStatus = 'missing' | 'differs' | 'excess' | 'unsupported' | 'in-sync';

export interface GitlabDriftItem {
  kind: GitlabItemKind;
  /** The branch, the approval rule, `project`, the group's path or the username. */
  name: string;
  status: GitlabItemStatus;
  differences: FieldDifference[];
  /** Why an `unsupported` item is not compared, e.g. `needs GitLab Premium (…)`. */
  reason?: string;
  /** What the policy says, in GitLab's parameters (for access: `group_access` or `access_level`, 0 for none). */
  body: Record<string, unknown>;
  /** The live id: a protected branch's, an approval rule's, a group's or a user's. */
  liveId?: number;
  /** A protected branch's live access entries, whose ids an update destroys. */
  liveBranch?: GitlabProtectedBranch;
  /** A group share's or member's live access level. */
  liveLevel?: number;
}

/** An item of the GitLab policy as messages name it: `protected branch "main"`, `group acme/platform`… */
export function describeGitlabItem(item: Pick<GitlabDriftItem, 'kind' | 'name'>): string {
  switch (item.kind) {
    case 'protected-branch':
      return `protected branch "${item.name}"`;
    case 'merge-settings':
      return 'merge settings';
    case 'approval-settings':
      return 'merge request approval settings';
    case 'approval-rule':
      return `approval rule "${item.name}"`;
    case 'group-share':
      return `group ${item.name}`;
    case 'member':
      return `member ${item.name}`;
  }
}

export interface GitlabLiveDiff {
  /** The project's path, `group/project`. */
  project: string;
  projectId: number;
  items: GitlabDriftItem[];
  /** Notes that are not drift: retries, settings the tier does not have. */
  notes: string[];
}

export interface GitlabAppliedChange {
  kind: GitlabItemKind;
  name: string;
  action: 'created' | 'updated' | 'removed';
}

/** The text of a premium note, the same in diff and apply. */
const PREMIUM = 'needs GitLab Premium';

/** Levels as the diff shows them: `no one`, `maintainers`, `group 12`, `user 7`. */
function entryKey(entry: GitlabAccessLevelEntry | Record<string, unknown>): string {
  if (typeof entry.group_id === 'number') return `group ${entry.group_id}`;
  if (typeof entry.user_id === 'number') return `user ${entry.user_id}`;
  if (typeof entry.deploy_key_id === 'number') return `deploy key ${entry.deploy_key_id}`;
  const level = typeof entry.access_level === 'number' ? entry.access_level : -1;
  return (
    { 0: 'no one', 30: 'developers and maintainers', 40: 'maintainers', 60: 'administrators' }[level] ??
    `access level ${level}`
  );
}

/** The entries the rendered protected branch asks for, per list. */
function wantedEntries(
  body: Record<string, unknown>,
): Record<'push' | 'merge' | 'unprotect', Record<string, unknown>[]> {
  const level = (value: unknown): Record<string, unknown>[] =>
    typeof value === 'number' ? [{ access_level: value }] : [];
  const allowed = (value: unknown): Record<string, unknown>[] =>
    Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  return {
    push: [...level(body.push_access_level), ...allowed(body.allowed_to_push)],
    merge: [...level(body.merge_access_level), ...allowed(body.allowed_to_merge)],
    unprotect: [...level(body.unprotect_access_level), ...allowed(body.allowed_to_unprotect)],
  };
}

const sortedKeys = (entries: readonly (GitlabAccessLevelEntry | Record<string, unknown>)[]): string[] =>
  [...new Set(entries.map(entryKey))].sort();

/** A live protected branch in the shape the comparison reads. */
function branchView(live: GitlabProtectedBranch): Record<string, unknown> {
  // No unprotect entries means GitLab's default: Maintainers may unprotect.
  const unprotect = live.unprotect_access_levels ?? [];
  return {
    push_access_levels: sortedKeys(live.push_access_levels ?? []),
    merge_access_levels: sortedKeys(live.merge_access_levels ?? []),
    unprotect_access_levels: unprotect.length === 0 ? ['maintainers'] : sortedKeys(unprotect),
    allow_force_push: live.allow_force_push === true,
    ...(live.code_owner_approval_required === undefined
      ? {}
      : { code_owner_approval_required: live.code_owner_approval_required }),
  };
}

function wantedBranchView(body: Record<string, unknown>): Record<string, unknown> {
  const wanted = wantedEntries(body);
  return {
    push_access_levels: sortedKeys(wanted.push),
    merge_access_levels: sortedKeys(wanted.merge),
    unprotect_access_levels: sortedKeys(wanted.unprotect),
    allow_force_push: body.allow_force_push === true,
    code_owner_approval_required: body.code_owner_approval_required === true,
  };
}

function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, source[key]]));
}

/** The merge settings of `PUT /projects/:id`; the rest of the rendered settings are approval settings. */
const PROJECT_MERGE_SETTINGS = [
  'merge_method',
  'only_allow_merge_if_pipeline_succeeds',
  'only_allow_merge_if_all_discussions_are_resolved',
] as const;

/** Whether a failure means the tier has no such feature: 403 or 404 on a project the token manages. */
function isTierRefusal(error: unknown): boolean {
  return error instanceof GitlabRequestError && (error.status === 403 || error.status === 404);
}

interface Reader {
  client: GitlabClient;
  connection: GitlabConnection;
  project: string;
}

async function call<T>(reader: Reader, action: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw explainGitlabFailure(error, { action, project: reader.project }, reader.connection);
  }
}

/** The token user's role on the project: the higher of the project's and the group's. */
function roleOf(project: GitlabProject): number | undefined {
  const levels = [project.permissions?.project_access?.access_level, project.permissions?.group_access?.access_level];
  const known = levels.filter((level): level is number => typeof level === 'number');
  return known.length === 0 ? undefined : known.reduce((most, level) => Math.max(most, level), 0);
}

async function readProtectedBranches(
  reader: Reader,
  projectId: number,
  protectedBranches: Record<string, unknown>[],
  items: GitlabDriftItem[],
  notes: string[],
): Promise<void> {
  const live = await call(reader, `reading the protected branches of ${reader.project}`, () =>
    reader.client.listProtectedBranches(projectId),
  );
  for (const body of protectedBranches) {
    const name = String(body.name);
    const found = live.find((branch) => branch.name === name);
    if (!found) {
      items.push({ kind: 'protected-branch', name, status: 'missing', differences: [], body });
      continue;
    }
    const wanted = wantedBranchView(body);
    const view = branchView(found);
    if (!('code_owner_approval_required' in view)) {
      // GitLab Free leaves the field out: code owner approval is a Premium feature.
      delete wanted.code_owner_approval_required;
      if (body.code_owner_approval_required === true)
        notes.push(
          `protected branch "${name}": code owner approval (code_owner_approval_required) ${PREMIUM}; ${reader.project} does not report it, so it is not compared`,
        );
    }
    const differences = compareFields(wanted, view, { extraFields: 'ignore' });
    items.push({
      kind: 'protected-branch',
      name,
      status: differences.length > 0 ? 'differs' : 'in-sync',
      differences,
      body,
      liveId: found.id,
      liveBranch: found,
    });
  }
}

async function readApprovalSettings(
  reader: Reader,
  projectId: number,
  wanted: Record<string, unknown>,
  items: GitlabDriftItem[],
): Promise<void> {
  if (Object.keys(wanted).length === 0) return;
  let live: Record<string, unknown>;
  try {
    live = await reader.client.getApprovalSettings(projectId);
  } catch (error) {
    if (!isTierRefusal(error))
      throw explainGitlabFailure(
        error,
        { action: `reading the merge request approval settings of ${reader.project}`, project: reader.project },
        reader.connection,
      );
    items.push({
      kind: 'approval-settings',
      name: 'project',
      status: 'unsupported',
      differences: [],
      reason: `merge request approval settings (${Object.keys(wanted).join(', ')}) ${PREMIUM}: ${reader.project} answered ${(error as GitlabRequestError).status ?? ''} on GET /projects/:id/approvals`,
      body: wanted,
    });
    return;
  }
  // A setting the answer leaves out is one this GitLab does not have (its tier or version).
  const absent = Object.keys(wanted).filter((key) => live[key] === undefined);
  if (absent.length > 0) {
    items.push({
      kind: 'approval-settings',
      name: 'project',
      status: 'unsupported',
      differences: [],
      reason: `merge request approval settings (${absent.join(', ')}) ${PREMIUM}: ${reader.project} does not report them, so they are not compared`,
      body: Object.fromEntries(absent.map((key) => [key, wanted[key]])),
    });
    for (const key of absent) delete wanted[key];
    if (Object.keys(wanted).length === 0) return;
  }
  const differences = compareFields(wanted, pick(live, Object.keys(wanted)), { extraFields: 'ignore' });
  items.push({
    kind: 'approval-settings',
    name: 'project',
    status: differences.length > 0 ? 'differs' : 'in-sync',
    differences,
    body: wanted,
  });
}

/** An approval rule as the comparison reads it: groups by path, sorted. */
function ruleView(
  rule: Record<string, unknown>,
  groupsOf: (rule: Record<string, unknown>) => string[],
): Record<string, unknown> {
  const view: Record<string, unknown> = {
    approvals_required: rule.approvals_required,
    rule_type: rule.rule_type,
    applies_to_all_protected_branches: rule.applies_to_all_protected_branches === true,
  };
  const groups = groupsOf(rule);
  if (groups.length > 0 || Array.isArray(rule.groups)) view.groups = groups;
  return view;
}

const ruleGroupPaths = (rule: Record<string, unknown>): string[] =>
  Array.isArray(rule.groups)
    ? (rule.groups as unknown[])
        .map((group) => (typeof group === 'string' ? group : ((group as { full_path?: string }).full_path ?? '')))
        .map((path) => path.toLowerCase())
        .sort()
    : [];

async function readApprovalRules(
  reader: Reader,
  projectId: number,
  wanted: Record<string, unknown>[],
  items: GitlabDriftItem[],
): Promise<void> {
  if (wanted.length === 0) return;
  let live: Awaited<ReturnType<GitlabClient['listApprovalRules']>>;
  try {
    live = await reader.client.listApprovalRules(projectId);
  } catch (error) {
    if (!isTierRefusal(error))
      throw explainGitlabFailure(
        error,
        { action: `reading the approval rules of ${reader.project}`, project: reader.project },
        reader.connection,
      );
    for (const body of wanted) {
      items.push({
        kind: 'approval-rule',
        name: String(body.name),
        status: 'unsupported',
        differences: [],
        reason: `approval rules ${PREMIUM}: ${reader.project} answered ${(error as GitlabRequestError).status ?? ''} on GET /projects/:id/approval_rules`,
        body,
      });
    }
    return;
  }
  for (const body of wanted) {
    const name = String(body.name);
    // A project has one "any approver" rule, whatever its name: it is updated, never duplicated.
    const found =
      live.find((rule) => rule.name === name) ??
      (body.rule_type === 'any_approver' ? live.find((rule) => rule.rule_type === 'any_approver') : undefined);
    if (!found) {
      items.push({ kind: 'approval-rule', name, status: 'missing', differences: [], body });
      continue;
    }
    const wantedView = ruleView(body, ruleGroupPaths);
    if (found.name !== name) wantedView.name = name;
    const liveView = { ...ruleView(found, ruleGroupPaths), ...(found.name !== name ? { name: found.name } : {}) };
    const differences = compareFields(wantedView, liveView, { extraFields: 'ignore' });
    items.push({
      kind: 'approval-rule',
      name,
      status: differences.length > 0 ? 'differs' : 'in-sync',
      differences,
      body,
      liveId: found.id,
    });
  }
}

function accessItems(
  access: GitlabAccess,
  project: GitlabProject,
  members: { id: number; username: string; access_level: number }[],
): GitlabDriftItem[] {
  const items: GitlabDriftItem[] = [];
  const compareLevel = (
    kind: 'group-share' | 'member',
    name: string,
    field: 'group_access' | 'access_level',
    want: number,
    live: number | undefined,
    liveId: number | undefined,
  ): void => {
    const status: GitlabItemStatus =
      live === undefined ? 'missing' : live === want ? 'in-sync' : live < want ? 'differs' : 'excess';
    items.push({
      kind,
      name,
      status,
      differences: status === 'differs' || status === 'excess' ? [{ path: field, expected: want, actual: live }] : [],
      body: { [field]: want },
      ...(liveId === undefined ? {} : { liveId }),
      ...(live === undefined ? {} : { liveLevel: live }),
    });
  };
  const shares = project.shared_with_groups ?? [];
  for (const grant of access.groups) {
    const live = shares.find((share) => share.group_full_path.toLowerCase() === grant.group_path.toLowerCase());
    compareLevel(
      'group-share',
      grant.group_path,
      'group_access',
      grant.group_access,
      live?.group_access_level,
      live?.group_id,
    );
  }
  for (const share of shares) {
    if (access.groups.some((grant) => grant.group_path.toLowerCase() === share.group_full_path.toLowerCase())) continue;
    compareLevel('group-share', share.group_full_path, 'group_access', 0, share.group_access_level, share.group_id);
  }
  for (const grant of access.members) {
    const live = members.find((member) => member.username.toLowerCase() === grant.username.toLowerCase());
    compareLevel('member', grant.username, 'access_level', grant.access_level, live?.access_level, live?.id);
  }
  for (const member of members) {
    if (access.members.some((grant) => grant.username.toLowerCase() === member.username.toLowerCase())) continue;
    compareLevel('member', member.username, 'access_level', 0, member.access_level, member.id);
  }
  return items;
}

/**
 * Reads what the policy decides on a GitLab project and compares it, field by field. Throws a
 * GitopsError with a one-line explanation for 401, 403 and 404 answers and for an unreachable host.
 */
export async function readGitlabDiff(
  connection: GitlabConnection,
  projectPath: string,
  policies: readonly ProtectionPolicy[],
  access: AccessPolicy | undefined,
  client?: GitlabClient,
): Promise<GitlabLiveDiff> {
  const reader: Reader = { client: client ?? (await createGitlabClient(connection)), connection, project: projectPath };
  const notes = reader.client.notes;
  const project = await call(reader, `reading ${projectPath}`, () => reader.client.getProject(projectPath));
  const role = roleOf(project);
  if (role !== undefined && role < GITLAB_ROLES.maintainer) {
    throw new GitopsError(
      'GITLAB_FORBIDDEN',
      `the token's user has access level ${role} on ${projectPath}: protected branches, approval rules and sharing need the Maintainer or Owner role; use a token (with the api scope) of a Maintainer or Owner`,
    );
  }
  const rendered = renderGitlab(policies);
  const items: GitlabDriftItem[] = [];
  await readProtectedBranches(reader, project.id, rendered.protectedBranches, items, notes);
  const settings = rendered.projectSettings;
  const mergeSettings = pick(settings, PROJECT_MERGE_SETTINGS);
  const mergeDifferences = compareFields(mergeSettings, pick(project, PROJECT_MERGE_SETTINGS), {
    extraFields: 'ignore',
  });
  items.push({
    kind: 'merge-settings',
    name: 'project',
    status: mergeDifferences.length > 0 ? 'differs' : 'in-sync',
    differences: mergeDifferences,
    body: mergeSettings,
  });
  const approvalSettings = Object.fromEntries(
    Object.entries(settings).filter(([key]) => !(PROJECT_MERGE_SETTINGS as readonly string[]).includes(key)),
  );
  await readApprovalSettings(reader, project.id, approvalSettings, items);
  await readApprovalRules(reader, project.id, rendered.approvalRules, items);
  if (access) {
    const members = await call(reader, `reading the members of ${projectPath}`, () =>
      reader.client.listMembers(project.id),
    );
    for (const item of accessItems(renderGitlabAccess(access), project, members)) items.push(item);
  }
  for (const item of items) if (item.status === 'unsupported' && item.reason) notes.push(item.reason);
  return { project: projectPath, projectId: project.id, items, notes: [...new Set(notes)] };
}

/** Whether an item is drift: anything but in-sync and unsupported. */
export function isDrift(item: GitlabDriftItem): boolean {
  return item.status !== 'in-sync' && item.status !== 'unsupported';
}

/** The PATCH body that turns a live protected branch into the rendered one, entry by entry. */
function branchUpdate(body: Record<string, unknown>, live: GitlabProtectedBranch): Record<string, unknown> {
  const wanted = wantedEntries(body);
  const update: Record<string, unknown> = { allow_force_push: body.allow_force_push === true };
  const lists = [
    ['push', 'allowed_to_push', live.push_access_levels ?? []],
    ['merge', 'allowed_to_merge', live.merge_access_levels ?? []],
    ['unprotect', 'allowed_to_unprotect', live.unprotect_access_levels ?? []],
  ] as const;
  for (const [list, parameter, liveEntries] of lists) {
    const want = wanted[list];
    const wantKeys = new Set(want.map(entryKey));
    const liveKeys = new Set(liveEntries.map(entryKey));
    // Unprotect: no entries at all is GitLab's default, Maintainers.
    if (list === 'unprotect' && liveEntries.length === 0 && [...wantKeys].every((key) => key === 'maintainers'))
      continue;
    const entries: Record<string, unknown>[] = [
      ...liveEntries
        .filter((entry) => !wantKeys.has(entryKey(entry)) && typeof entry.id === 'number')
        .map((entry) => ({ id: entry.id, _destroy: true })),
      ...want.filter((entry) => !liveKeys.has(entryKey(entry))),
    ];
    if (entries.length > 0) update[parameter] = entries;
  }
  // Always sent where GitLab has it: a PATCH without it resets it to false (gitlab-org/gitlab#422092).
  if (live.code_owner_approval_required !== undefined)
    update.code_owner_approval_required = body.code_owner_approval_required === true;
  return update;
}

async function resolveGroupIds(
  reader: Reader,
  paths: readonly string[],
  cache: Map<string, number>,
): Promise<number[]> {
  const ids: number[] = [];
  for (const path of paths) {
    const key = path.toLowerCase();
    let id = cache.get(key);
    if (id === undefined) {
      const group = await call(reader, `finding the group ${path}`, async () => {
        try {
          return await reader.client.getGroup(path);
        } catch (error) {
          if (error instanceof GitlabRequestError && error.status === 404)
            throw new GitopsError(
              'GITLAB_GROUP_NOT_FOUND',
              `group ${path} does not exist on ${reader.connection.apiUrl}, or the token cannot see it (404); the team @${path} in gitops.yaml is read as that group's path`,
            );
          throw error;
        }
      });
      id = group.id;
      cache.set(key, id);
    }
    ids.push(id);
  }
  return ids;
}

/** The approval rule's body for POST or PUT: groups by path become `group_ids`. */
async function ruleBody(
  reader: Reader,
  body: Record<string, unknown>,
  groups: Map<string, number>,
): Promise<Record<string, unknown> & { name: string; approvals_required: number }> {
  const { groups: paths, ...rest } = body;
  const request: Record<string, unknown> & { name: string; approvals_required: number } = {
    ...rest,
    name: String(body.name),
    approvals_required: Number(body.approvals_required),
  };
  if (Array.isArray(paths)) request.group_ids = await resolveGroupIds(reader, paths.map(String), groups);
  return request;
}

/**
 * Makes the project match the policy: what is missing is created, what differs is updated in
 * place; access beyond the policy is taken away only with `prune`. Items a tier does not
 * support are left alone.
 */
export async function applyGitlabDiff(
  connection: GitlabConnection,
  diff: GitlabLiveDiff,
  options: { prune?: boolean } = {},
  client?: GitlabClient,
): Promise<{ changes: GitlabAppliedChange[]; notes: string[] }> {
  const reader: Reader = {
    client: client ?? (await createGitlabClient(connection)),
    connection,
    project: diff.project,
  };
  const id = diff.projectId;
  const changes: GitlabAppliedChange[] = [];
  const notes: string[] = reader.client.notes;
  const groups = new Map<string, number>();
  const done = (item: GitlabDriftItem, action: GitlabAppliedChange['action']): void => {
    changes.push({ kind: item.kind, name: item.name, action });
  };
  try {
    for (const item of diff.items) {
      if (!isDrift(item)) continue;
      const verb = item.status === 'missing' ? 'creating' : 'updating';
      switch (item.kind) {
        case 'merge-settings':
          await call(reader, `updating the merge settings of ${diff.project}`, () =>
            reader.client.editProject(id, item.body),
          );
          done(item, 'updated');
          break;
        case 'approval-settings':
          await call(reader, `updating the merge request approval settings of ${diff.project}`, () =>
            reader.client.editApprovalSettings(id, item.body),
          );
          done(item, 'updated');
          break;
        case 'protected-branch': {
          const action = `${verb} the protected branch "${item.name}" of ${diff.project}`;
          if (item.liveBranch) {
            const update = branchUpdate(item.body, item.liveBranch);
            await call(reader, action, () => reader.client.editProtectedBranch(id, item.name, update));
            done(item, 'updated');
          } else {
            await call(reader, action, () =>
              reader.client.protectBranch(id, item.body as Record<string, unknown> & { name: string }),
            );
            done(item, 'created');
          }
          break;
        }
        case 'approval-rule': {
          const action = `${verb} the approval rule "${item.name}" of ${diff.project}`;
          const body = await ruleBody(reader, item.body, groups);
          const liveId = item.liveId;
          if (liveId !== undefined) {
            await call(reader, action, () => reader.client.editApprovalRule(id, liveId, body));
            done(item, 'updated');
          } else {
            await call(reader, action, () => reader.client.createApprovalRule(id, body));
            done(item, 'created');
          }
          break;
        }
        case 'group-share': {
          const level = Number(item.body.group_access);
          if (item.status === 'excess' && !options.prune) break;
          const [groupId] =
            item.liveId === undefined ? await resolveGroupIds(reader, [item.name], groups) : [item.liveId];
          if (groupId === undefined) break;
          const action = `sharing ${diff.project} with ${item.name}`;
          // A share's level has no update endpoint: it is removed and made again.
          if (item.liveLevel !== undefined) await call(reader, action, () => reader.client.unshareProject(id, groupId));
          if (level > 0) await call(reader, action, () => reader.client.shareProject(id, groupId, level));
          done(item, level === 0 ? 'removed' : item.status === 'missing' ? 'created' : 'updated');
          break;
        }
        case 'member': {
          const level = Number(item.body.access_level);
          if (item.status === 'excess' && !options.prune) break;
          const action = `giving ${item.name} access to ${diff.project}`;
          if (item.liveId !== undefined) {
            const userId = item.liveId;
            if (level === 0) await call(reader, action, () => reader.client.removeMember(id, userId));
            else await call(reader, action, () => reader.client.editMember(id, userId, level));
            done(item, level === 0 ? 'removed' : 'updated');
          } else {
            const user = await call(reader, `finding the user ${item.name}`, () => reader.client.findUser(item.name));
            if (!user) {
              notes.push(
                `user ${item.name} does not exist on ${connection.apiUrl}: not added; check access.collaborators in gitops.yaml`,
              );
              break;
            }
            await call(reader, action, () => reader.client.addMember(id, user.id, level));
            done(item, 'created');
          }
          break;
        }
      }
    }
  } catch (error) {
    // Say what was applied before the failure, so that nobody has to guess the project's state.
    if (changes.length === 0 || !(error instanceof GitopsError)) throw error;
    const applied = changes.map((change) => `${change.action} ${describeKind(change.kind)} ${change.name}`);
    throw new GitopsError(error.code, `${error.message} (already applied: ${applied.join(', ')})`, { cause: error });
  }
  const excess = diff.items.filter((item) => item.status === 'excess');
  if (excess.length > 0 && !options.prune)
    notes.push(
      `${excess.length} grant${excess.length === 1 ? '' : 's'} beyond the policy left as they are (${excess.map((item) => item.name).join(', ')}); apply with prune to take them away`,
    );
  return { changes, notes: [...new Set(notes)] };
}

/** How an item's kind reads in a sentence. */
export function describeKind(kind: GitlabItemKind): string {
  switch (kind) {
    case 'protected-branch':
      return 'protected branch';
    case 'merge-settings':
      return 'merge settings of';
    case 'approval-settings':
      return 'merge request approval settings of';
    case 'approval-rule':
      return 'approval rule';
    case 'group-share':
      return 'share with group';
    case 'member':
      return 'member';
  }
}
