import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LoadedDescriptor, RepositoryKind } from '../config/descriptor.js';
import { ConfigError, GitopsError, RefusedError, UsageError, type ConfigProblem } from '../errors.js';
import { assertInsideRepository, writeFileAtomically } from '../files/atomic-write.js';
import { withRepositoryLock } from '../files/lock.js';
import { packageInfo } from '../package-info.js';
import {
  accessFloorProblems,
  accessPolicy,
  declaredAccessPolicy,
  type AccessDriftItem,
  type AccessPolicy,
} from '../protection/access.js';
import { protectionFileState, protectionTargets, renderProtectionFiles } from '../protection/files.js';
import { applyAccess, readAccessDrift, type AccessChange } from '../protection/github-access.js';
import {
  applyLiveDiff,
  readLiveDiff,
  type AppliedChange,
  type GithubConnection,
  type LiveDiff,
  type LiveTarget,
} from '../protection/github.js';
import {
  floorViolations,
  resolvePolicies,
  type ProtectionPolicy,
  type ProtectionTarget,
} from '../protection/policy.js';
import { unresolvedTeamsNote, withReleaseApprovals } from '../protection/release-reviewers.js';
import { DEFAULT_GITLAB_API_URL, type GitlabConnection } from '../protection/gitlab-client.js';
import {
  applyGitlabDiff,
  describeKind,
  isDrift,
  readGitlabDiff,
  type GitlabAppliedChange,
  type GitlabLiveDiff,
} from '../protection/gitlab.js';
import { openCodeowners } from './owners.js';

export type { FieldDifference } from '../protection/compare.js';
export type { LiveTarget, DriftItem, AppliedChange } from '../protection/github.js';
export type { AccessDriftItem, AccessStatus } from '../protection/access.js';
export type { AccessChange } from '../protection/github-access.js';
/** One access item or change as one line, as `protect diff` and `protect apply` print them. */
export { describeAccessItem, takesAccessAway } from '../protection/access.js';
export { describeAccessChange } from '../protection/github-access.js';
export type { ProtectionTarget } from '../protection/policy.js';
export type { GitlabDriftItem, GitlabAppliedChange, GitlabItemKind } from '../protection/gitlab.js';
export { describeGitlabItem } from '../protection/gitlab.js';
/**
 * One difference as one line, `path: <actual> X, policy Y`: the wording the
 * protection-files-in-sync rule uses for files, for callers that show a live diff the same way.
 */
export { describeDifference } from '../protection/compare.js';

interface LoadedProtection {
  root: string;
  loaded: LoadedDescriptor;
  kind: RepositoryKind;
  host: 'github' | 'gitlab';
  policies: ProtectionPolicy[];
  targets: ProtectionTarget[];
  /**
   * Who may do what on the repository: the kind's defaults with gitops.yaml's `access` applied;
   * undefined when gitops.yaml names no team and has no `access` section.
   */
  access: AccessPolicy | undefined;
}

/**
 * Reads the policy from gitops.yaml. An infrastructure policy below the floor is a
 * configuration error: it is neither rendered nor applied, whatever the lint rules say.
 */
function loadProtection(cwd: string | undefined, configFile: string | undefined): LoadedProtection {
  // The repository and its host, found as the owners commands find them.
  const { repository, host } = openCodeowners(cwd, configFile);
  const loaded = repository.loaded;
  if (!loaded) {
    throw new ConfigError(
      `no gitops.yaml in ${repository.root}: the branch protection policy is kept there; create one with 'gitops-init new'`,
    );
  }
  const { descriptor } = loaded;
  const root = repository.root;
  // The default branch's policy also requires the release approvers where there are releases.
  const policies = withReleaseApprovals(resolvePolicies(descriptor, descriptor.kind), descriptor, (directory) =>
    isDirectory(path.join(root, ...directory.split('/'))),
  );
  if (descriptor.kind === 'infrastructure') {
    const problems: ConfigProblem[] = policies.flatMap((policy) =>
      floorViolations(policy, 'infrastructure').map((violation) => ({
        file: loaded.file,
        line:
          loaded.lineOf(['protection', 'branches', violation.branch, violation.field]) ??
          loaded.lineOf(['protection', 'branches', violation.branch]),
        message: `branch "${violation.branch}": ${violation.field} is ${violation.actual}; infrastructure repositories require ${violation.required}`,
      })),
    );
    if (problems.length > 0) {
      throw new ConfigError(
        `${loaded.file}: the protection policy is below the floor of an infrastructure repository, which cannot be lowered; raise it`,
        problems,
      );
    }
  }
  const access = declaredAccessPolicy(descriptor);
  if (access && descriptor.kind === 'infrastructure') {
    const problems: ConfigProblem[] = accessFloorProblems(descriptor, access).map((problem) => ({
      file: loaded.file,
      line:
        loaded.lineOf(['access', problem.section, problem.principal]) ??
        loaded.lineOf(['access', problem.section]) ??
        loaded.lineOf(['access']),
      message: problem.message,
    }));
    if (problems.length > 0) {
      throw new ConfigError(
        `${loaded.file}: the access policy is below the floor of an infrastructure repository, which cannot be lowered; change it`,
        problems,
      );
    }
  }
  return { root, loaded, kind: descriptor.kind, host, policies, targets: protectionTargets(descriptor, host), access };
}

export interface RenderProtectionOptions {
  /** Directory the command runs in. Defaults to process.cwd(). */
  cwd?: string;
  /** A descriptor other than <root>/gitops.yaml. */
  configFile?: string;
  /** Render this target only; default: `protection.targets` of gitops.yaml, else the host's. */
  target?: ProtectionTarget;
  /** Overwrite files whose content differs from the policy. */
  force?: boolean;
  /** Plan only: write nothing. */
  dryRun?: boolean;
}

export interface RenderedProtectionFile {
  /** Repository-relative POSIX path. */
  path: string;
  target: ProtectionTarget;
  status: 'create' | 'unchanged' | 'conflict' | 'overwrite';
}

export interface RenderProtectionResult {
  /** Absolute path of the repository root. */
  root: string;
  files: RenderedProtectionFile[];
  /** Paths written in this run. */
  written: string[];
  dryRun: boolean;
  /** Branch patterns a target cannot express, as one-line notes. */
  notes: string[];
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function readExisting(file: string): { text: string | undefined; mode?: number; unreadable?: boolean } {
  try {
    const mode = statSync(file).mode & 0o7777;
    return { text: readFileSync(file, 'utf8'), mode };
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT'
      ? { text: undefined }
      : { text: undefined, unreadable: true };
  }
}

/**
 * Writes the policy's files for each target, atomically. A file is rewritten only when its
 * content says something other than the policy, and then only with `force`: otherwise nothing
 * is written, every conflict is listed and a RefusedError is thrown (as the scaffolder does).
 */
export async function renderProtection(options: RenderProtectionOptions = {}): Promise<RenderProtectionResult> {
  if (options.dryRun) return renderProtectionUnlocked(options);
  const { root } = openCodeowners(options.cwd, options.configFile).repository;
  // gitops.yaml and the files it renders are read again under the lock.
  return withRepositoryLock(root, () => renderProtectionUnlocked(options));
}

async function renderProtectionUnlocked(options: RenderProtectionOptions): Promise<RenderProtectionResult> {
  const protection = loadProtection(options.cwd, options.configFile);
  const { root } = protection;
  const targets = options.target ? [options.target] : protection.targets;
  const rendered = renderProtectionFiles(
    protection.policies,
    targets,
    (file) => existsSync(path.join(root, file)),
    protection.access,
  );
  const plan = rendered.files.map((file) => {
    const absolute = path.join(root, ...file.path.split('/'));
    const existing = readExisting(absolute);
    const state = existing.unreadable ? { status: 'unreadable' as const } : protectionFileState(file, existing.text);
    const status: RenderedProtectionFile['status'] =
      state.status === 'missing'
        ? 'create'
        : state.status === 'unchanged'
          ? 'unchanged'
          : options.force
            ? 'overwrite'
            : 'conflict';
    return { file, absolute, existing, status };
  });
  const result: RenderProtectionResult = {
    root,
    files: plan.map(({ file, status }) => ({ path: file.path, target: file.target, status })),
    written: [],
    dryRun: options.dryRun === true,
    notes: rendered.skipped.map(
      ({ target, branch }) =>
        `${target}: "${branch}" is a pattern, which ${target === 'settings' ? "safe-settings' branches" : 'the classic branch protection API'} cannot express; its ruleset protects it`,
    ),
  };
  const unresolved = targets.some((target) => target === 'github-ruleset' || target === 'settings')
    ? unresolvedTeamsNote(protection.policies)
    : undefined;
  if (unresolved !== undefined) result.notes.push(unresolved);
  if (options.dryRun) return result;
  const conflicts = plan.filter((entry) => entry.status === 'conflict');
  if (conflicts.length > 0) {
    throw new RefusedError(
      `refusing to overwrite ${conflicts.length} file${conflicts.length === 1 ? '' : 's'} whose content differs from the policy in ${protection.loaded.file} (nothing was written; use {{option:force}} to overwrite, or lint {{option:fix}}):\n${conflicts.map((entry) => `  ${entry.file.path}`).join('\n')}`,
      { code: 'CONFLICT' },
    );
  }
  // Every target is checked before the first write: a refused link leaves the others as they were.
  for (const entry of plan) if (entry.status !== 'unchanged') assertInsideRepository(root, entry.absolute);
  for (const entry of plan) {
    if (entry.status === 'unchanged') continue;
    await writeFileAtomically(entry.absolute, entry.file.render(entry.existing.text), {
      root,
      ...(entry.existing.mode === undefined ? {} : { mode: entry.existing.mode }),
    });
    result.written.push(entry.file.path);
  }
  return result;
}

export interface LiveProtectionOptions {
  /** Directory the command runs in. Defaults to process.cwd(). */
  cwd?: string;
  /** A descriptor other than <root>/gitops.yaml. */
  configFile?: string;
  /** The GitHub repository, as owner/name. */
  repository: string;
  /** A token with admin rights on the repository. It is never part of a result or a message. */
  token: string;
  /** REST API root (GitHub Enterprise: https://HOST/api/v3). Default https://api.github.com. */
  apiUrl?: string;
  /**
   * What to compare: rulesets, classic protection, access (teams and collaborators); default:
   * the GitHub targets of `protection.targets`, and access with them.
   */
  targets?: readonly LiveTarget[];
  /** Base of the waits between retries, in ms (default 1000). */
  retryDelayMs?: number;
  /** How long one call may take, in ms, its retries and the waits between them included (default 30 s). */
  timeoutMs?: number;
  /** Retries of a 5xx answer or a rate limit (default 3). */
  retries?: number;
}

export interface ProtectionDiffReport extends LiveDiff {
  /** The API root that was asked. */
  apiUrl: string;
  /**
   * Every team and person that the policy or the repository names, compared (with the
   * `github-access` target): anyone with more access than the policy is `above` or `extra`.
   */
  access?: AccessDriftItem[];
  /** Whether anything differs from the policy. */
  drift: boolean;
}

export interface ProtectionApplyResult {
  diff: ProtectionDiffReport;
  changes: AppliedChange[];
  /** Who was granted access, or had it taken away (with `prune`). */
  accessChanges: AccessChange[];
  /** Access beyond the policy that was left as it is, for want of `prune`. */
  accessLeftAlone: AccessDriftItem[];
  notes: string[];
}

export const DEFAULT_API_URL = 'https://api.github.com';

function checkedApiUrl(given: string): string {
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new UsageError(
      `{{option:apiUrl}} "${given}": not a URL; give the REST API root, e.g. https://api.github.com or https://github.example.com/api/v3`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new UsageError('{{option:apiUrl}} must not contain credentials; give the token in GITHUB_TOKEN or GH_TOKEN');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`{{option:apiUrl}} "${given}": use an http or https URL, e.g. https://api.github.com`);
  }
  return url.href.replace(/\/+$/, '');
}

function liveSetup(options: LiveProtectionOptions): {
  protection: LoadedProtection;
  apiUrl: string;
  targets: LiveTarget[];
} {
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\/[A-Za-z0-9._-]+$/.test(options.repository)) {
    throw new UsageError(
      `{{option:repository}} "${options.repository}": give the GitHub repository as owner/name, e.g. {{option:repository}} acme/platform`,
    );
  }
  if (options.token === '') {
    throw new UsageError(
      'no GitHub token: set GITHUB_TOKEN or GH_TOKEN to a token with admin rights on the repository',
    );
  }
  const apiUrl = checkedApiUrl(options.apiUrl ?? DEFAULT_API_URL);
  const protection = loadProtection(options.cwd, options.configFile);
  const targets: LiveTarget[] = options.targets
    ? [...options.targets]
    : [
        ...(protection.targets.includes('github-ruleset') ? (['github-ruleset'] as const) : []),
        ...(protection.targets.some((target) => target === 'github-branch-protection' || target === 'settings')
          ? (['github-branch-protection'] as const)
          : []),
      ];
  // Access goes with the rest of the policy: wherever GitHub applies something of it.
  if (!options.targets && targets.length > 0 && protection.access) targets.push('github-access');
  if (targets.length === 0) {
    throw new UsageError(
      `the protection targets of ${protection.loaded.file} (${protection.targets.join(', ')}) include nothing GitHub applies; protect diff and apply manage GitHub rulesets and branch protection: give {{option:targets}} github-ruleset or github-branch-protection`,
    );
  }
  return { protection, apiUrl, targets };
}

function connection(options: LiveProtectionOptions, apiUrl: string): GithubConnection {
  return {
    token: options.token,
    apiUrl,
    userAgent: `gitops-init/${packageInfo().version}`,
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.retries === undefined ? {} : { retries: options.retries }),
  };
}

/**
 * Compares the live rulesets and classic branch protection of a GitHub repository with the
 * policy in gitops.yaml, field by field. Throws a GitopsError with a one-line explanation for
 * 401, 403 and 404 answers, and for a host that cannot be reached.
 */
export async function diffProtection(options: LiveProtectionOptions): Promise<ProtectionDiffReport> {
  const { protection, apiUrl, targets } = liveSetup(options);
  const github = connection(options, apiUrl);
  const diff = await readLiveDiff(github, options.repository, protection.policies, targets);
  // `--target github-access` on a descriptor that names no team: the policy grants nobody anything.
  const access = targets.includes('github-access')
    ? await readAccessDrift(github, options.repository, protection.access ?? { teams: [], collaborators: [] })
    : undefined;
  return {
    ...diff,
    ...(access ? { access } : {}),
    apiUrl,
    drift: [...diff.items, ...(access ?? [])].some((item) => item.status !== 'in-sync'),
  };
}

/**
 * Makes the live repository match the policy: creates or updates rulesets by name and sets each
 * branch's classic protection. Pass the `diff` that was shown to the user to apply exactly it.
 */
export async function applyProtection(
  options: LiveProtectionOptions & {
    diff?: ProtectionDiffReport;
    /** Also take away access the policy does not grant (and lower access above it). */
    prune?: boolean;
  },
): Promise<ProtectionApplyResult> {
  const diff = options.diff ?? (await diffProtection(options));
  const { apiUrl } = liveSetup(options);
  const github = connection(options, apiUrl);
  const { changes, notes } = await applyLiveDiff(github, diff);
  let access: Awaited<ReturnType<typeof applyAccess>>;
  try {
    access = await applyAccess(github, diff.repository, diff.access ?? [], { prune: options.prune === true });
  } catch (error) {
    // Say which protection was applied before access failed, as applyLiveDiff does for its own.
    if (changes.length === 0 || !(error instanceof GitopsError)) throw error;
    const done = changes.map(
      (change) =>
        `${change.action} ${change.target === 'github-ruleset' ? `ruleset "${change.name}"` : `the classic protection of ${change.name}`}`,
    );
    throw new GitopsError(error.code, `${error.message} (protection already applied: ${done.join(', ')})`, {
      cause: error,
    });
  }
  return { diff, changes, accessChanges: access.changes, accessLeftAlone: access.leftAlone, notes };
}

/** The host whose protection `protect diff` and `protect apply` manage: `host` in gitops.yaml. */
export function protectionHost(options: { cwd?: string; configFile?: string } = {}): 'github' | 'gitlab' {
  return openCodeowners(options.cwd, options.configFile).host;
}

export interface GitlabProtectionOptions {
  /** Directory the command runs in. Defaults to process.cwd(). */
  cwd?: string;
  /** A descriptor other than <root>/gitops.yaml. */
  configFile?: string;
  /** The GitLab project, as its path: `group/project` or `group/subgroup/project`. */
  repository: string;
  /** A token with the api scope of a Maintainer or Owner. It is never part of a result or a message. */
  token: string;
  /** REST API root. Default https://gitlab.com/api/v4 (in GitLab CI the CLI passes CI_API_V4_URL). */
  apiUrl?: string;
  /** Base of the waits between retries, in ms (default 1000). */
  retryDelayMs?: number;
  /** How long one call may take, in ms, retries included (default 30 s). */
  timeoutMs?: number;
  /** Retries of a 429 or 5xx answer (default 3). */
  retries?: number;
  /** Also take away access the policy does not grant (apply only; diff names it either way). */
  prune?: boolean;
}

export interface GitlabDiffReport extends GitlabLiveDiff {
  /** The API root that was asked. */
  apiUrl: string;
  /** Whether anything differs from the policy (settings the tier lacks are notes, not drift). */
  drift: boolean;
}

export interface GitlabApplyResult {
  diff: GitlabDiffReport;
  changes: GitlabAppliedChange[];
  notes: string[];
}

function gitlabSetup(options: GitlabProtectionOptions): {
  protection: LoadedProtection;
  connection: GitlabConnection;
} {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_][A-Za-z0-9_.-]*)+$/.test(options.repository)) {
    throw new UsageError(
      `{{option:repository}} "${options.repository}": give the GitLab project as its path, group/project, e.g. {{option:repository}} acme/platform`,
    );
  }
  if (options.token === '') {
    throw new UsageError(
      'no GitLab token: set GITLAB_TOKEN to a token with the api scope of a Maintainer or Owner of the project',
    );
  }
  const given = options.apiUrl ?? DEFAULT_GITLAB_API_URL;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new UsageError(
      `{{option:apiUrl}} "${given}": not a URL; give the REST API root, e.g. https://gitlab.com/api/v4 or https://gitlab.example.com/api/v4`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new UsageError('{{option:apiUrl}} must not contain credentials; give the token in GITLAB_TOKEN');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`{{option:apiUrl}} "${given}": use an http or https URL, e.g. https://gitlab.com/api/v4`);
  }
  const protection = loadProtection(options.cwd, options.configFile);
  if (!protection.targets.includes('gitlab')) {
    throw new UsageError(
      `the protection targets of ${protection.loaded.file} (${protection.targets.join(', ')}) do not include gitlab; add it to protection.targets to manage the GitLab project`,
    );
  }
  return {
    protection,
    connection: {
      token: options.token,
      apiUrl: url.href.replace(/\/+$/, ''),
      userAgent: `gitops-init/${packageInfo().version}`,
      ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.retries === undefined ? {} : { retries: options.retries }),
    },
  };
}

/**
 * Compares a GitLab project's protected branches, approval settings and rules, merge settings,
 * group shares and members with the policy in gitops.yaml, field by field. Throws a GitopsError
 * with a one-line explanation for 401, 403 and 404 answers and for a host that cannot be reached.
 */
export async function diffGitlabProtection(options: GitlabProtectionOptions): Promise<GitlabDiffReport> {
  const { protection, connection } = gitlabSetup(options);
  const diff = await readGitlabDiff(
    connection,
    options.repository,
    protection.policies,
    accessPolicy(protection.loaded.descriptor),
  );
  return { ...diff, apiUrl: connection.apiUrl, drift: diff.items.some(isDrift) };
}

/**
 * Makes the GitLab project match the policy: creates or updates protected branches and approval
 * rules in place, sets merge and approval settings, shares the project with the policy's groups
 * and gives its members their access; takes access away only with `prune`. Pass the `diff` that
 * was shown to the user to apply exactly it.
 */
export async function applyGitlabProtection(
  options: GitlabProtectionOptions & { diff?: GitlabDiffReport },
): Promise<GitlabApplyResult> {
  const diff = options.diff ?? (await diffGitlabProtection(options));
  const { protection, connection } = gitlabSetup(options);
  const { changes, notes } = await applyGitlabDiff(connection, diff, { prune: options.prune === true });
  if (changes.length > 0) {
    // GitLab answers 200 to some settings its tier does not have and keeps the old value: read
    // back what was written, so that such a setting is named rather than reported as applied.
    const after = await readGitlabDiff(
      connection,
      options.repository,
      protection.policies,
      accessPolicy(protection.loaded.descriptor),
    );
    for (const change of changes) {
      const item = after.items.find(
        (candidate) => candidate.kind === change.kind && candidate.name === change.name && isDrift(candidate),
      );
      if (!item || item.status === 'excess') continue;
      const fields = item.differences.map((difference) => difference.path).join(', ');
      notes.push(
        `${describeKind(change.kind)} ${change.name === 'project' ? diff.project : change.name}: GitLab kept ${fields || 'it'} as it was after apply; the project's tier may not have it (needs GitLab Premium)`,
      );
    }
  }
  return { diff, changes, notes };
}
