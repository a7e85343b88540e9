/**
 * `gitops-init audit`: every repository of a GitHub organisation held to its own policy, without
 * cloning: its gitops.yaml, CODEOWNERS and protection files read through the API, the live
 * protection compared with the policy as `protect diff` compares it, and the repository rules
 * that need no more than those files run on them in memory.
 */
import path from 'node:path';
import picomatch from 'picomatch';
import { rules as registeredRules } from '../../rules/index.js';
import {
  filesToRead,
  hasProtectionFiles,
  missingCodeowners,
  missingDescriptor,
  statusOf,
  summarize,
  toAuditResults,
  driftFindings,
  gitlabDriftFindings,
  unproducedCheckFindings,
  unreadable,
  AUDIT_FINDINGS,
  type AuditFinding,
  type AuditSummary,
  type RepositoryAudit,
} from '../audit/findings.js';
import { listGroupProjects, readProjectFiles } from '../audit/gitlab.js';
import { listOrganisationRepositories, readFileList, readFileText, type ListedRepository } from '../audit/github.js';
import { DESCRIPTOR_FILES, parseDescriptor, type LoadedDescriptor, type RuleEntry } from '../config/descriptor.js';
import { MemorySource } from '../engine/memory-source.js';
import type { AnyRule } from '../engine/rule.js';
import type { LintResult } from '../engine/results.js';
import { ConfigError, GitopsError, UsageError } from '../errors.js';
import { packageInfo } from '../package-info.js';
import { protectionTargets } from '../protection/files.js';
import {
  applyLiveDiff,
  createClient,
  readLiveDiff,
  type GithubConnection,
  type LiveDiff,
  type LiveTarget,
} from '../protection/github.js';
import {
  accessPolicy,
  declaredAccessPolicy,
  describeAccessItem,
  takesAccessAway,
  type AccessDriftItem,
} from '../protection/access.js';
import { applyAccess, describeAccessChange, readAccessDrift } from '../protection/github-access.js';
import {
  createGitlabClient,
  DEFAULT_GITLAB_API_URL,
  type GitlabClient,
  type GitlabConnection,
} from '../protection/gitlab-client.js';
import { applyGitlabDiff, describeKind, readGitlabDiff, type GitlabLiveDiff } from '../protection/gitlab.js';
import { resolvePolicies, type ProtectionPolicy } from '../protection/policy.js';
import { DEFAULT_API_URL } from './protection.js';
import { lintSource } from './lint.js';

export type { AuditFinding, AuditSummary, RepositoryAudit, RepositoryStatus } from '../audit/findings.js';

/**
 * The lint rules an audit runs on the files it read: those that need the descriptor, CODEOWNERS,
 * the protection files and the CI configuration only, never the rest of the tree.
 */
export const AUDIT_RULES = [
  'access-policy-minimum',
  'codeowners-exists',
  'codeowners-syntax',
  'codeowners-duplicate-pattern',
  'codeowners-owners-declared',
  'protection-files-in-sync',
  'protection-policy-minimum',
  'protection-checks-exist',
] as const;

/** How many times a rate-limited request is retried by default. */
const DEFAULT_AUDIT_RETRIES = 6;

/** How many repositories are read at once by default. */
export const DEFAULT_AUDIT_CONCURRENCY = 8;

export interface AuditOptions {
  /** Directory the command runs in (unused by the audit itself; kept for the API's shape). */
  cwd?: string;
  /** The GitHub organisation. */
  org?: string;
  /** The GitLab group (its full path), instead of `org`: its projects and those of its subgroups. */
  group?: string;
  /**
   * A token that can read the repositories (GitHub: admin rights to read their protection;
   * GitLab: the api scope, Maintainer or Owner). Never part of a result or a message.
   */
  token: string;
  /** REST API root: default https://api.github.com (Enterprise: https://HOST/api/v3), or https://gitlab.com/api/v4. */
  apiUrl?: string;
  /** Only repositories whose name (or owner/name, when the glob has a slash) matches this glob. */
  repos?: string;
  /** Audit archived repositories too (skipped by default). */
  includeArchived?: boolean;
  /** Repositories read at once (default 8). */
  concurrency?: number;
  /** Apply the policy where the live protection differs from it (as `protect apply`). */
  fix?: boolean;
  /** Base of the waits between retries and of rate-limit waits, in ms (default 1000). */
  retryDelayMs?: number;
  /** How long one request may take, in ms (default 30 s). */
  timeoutMs?: number;
  /**
   * Retries of a rate-limited request (default 6: an organisation's audit meets GitHub's
   * secondary limits often, and each wait is short).
   */
  retries?: number;
  /** Called after each repository, for a progress line. */
  onProgress?: (progress: { done: number; total: number; repository: string }) => void;
}

export interface AuditReport {
  host: 'github' | 'gitlab';
  /** The organisation (or group) audited. */
  owner: string;
  apiUrl: string;
  /** One entry per repository audited, sorted by name. */
  repositories: RepositoryAudit[];
  /** The findings in ESLint's result shape, `filePath` `<owner>/<repo>/<path>`. */
  results: LintResult[];
  summary: AuditSummary;
  /** Repositories left out: archived ones (unless asked for) and those the `repos` glob does not match. */
  skipped: { archived: number; filtered: number };
  /** Metadata of the lint rules the audit ran, for formatters (SARIF describes them). */
  rulesMeta: Record<string, AnyRule['meta']>;
  /** Notes for the user that are not findings (rate limits waited out, lists GitHub cut short). */
  notes: string[];
}

function checkedApiUrl(given: string, host: 'github' | 'gitlab'): string {
  const example = host === 'gitlab' ? 'https://gitlab.com/api/v4' : 'https://api.github.com';
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new UsageError(`{{option:apiUrl}} "${given}": not a URL; give the REST API root, e.g. ${example}`);
  }
  if (url.username !== '' || url.password !== '')
    throw new UsageError(
      `{{option:apiUrl}} must not contain credentials; give the token in ${host === 'gitlab' ? 'GITLAB_TOKEN' : 'GITHUB_TOKEN or GH_TOKEN'}`,
    );
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`{{option:apiUrl}} "${given}": use an http or https URL, e.g. ${example}`);
  return url.href.replace(/\/+$/, '');
}

interface CheckedOptions {
  host: 'github' | 'gitlab';
  /** The organisation or group. */
  owner: string;
  concurrency: number;
  apiUrl: string;
}

function checkOptions(options: AuditOptions): CheckedOptions {
  if (options.org !== undefined && options.group !== undefined) {
    throw new UsageError('give {{option:org}} (a GitHub organisation) or {{option:group}} (a GitLab group), not both');
  }
  const host = options.group !== undefined ? 'gitlab' : 'github';
  const owner = (host === 'gitlab' ? options.group : options.org) ?? '';
  if (host === 'github' && !/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(owner)) {
    throw new UsageError(
      owner === ''
        ? 'nothing to audit: give a GitHub organisation with {{option:org}} (e.g. {{option:org}} acme) or a GitLab group with {{option:group}}'
        : `{{option:org}} "${owner}": not a GitHub organisation name (letters, digits and single hyphens)`,
    );
  }
  if (host === 'gitlab' && !/^[A-Za-z0-9_][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/.test(owner)) {
    throw new UsageError(`{{option:group}} "${owner}": give the GitLab group's full path, e.g. acme or acme/platform`);
  }
  const concurrency = options.concurrency ?? DEFAULT_AUDIT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UsageError(`{{option:concurrency}} ${concurrency}: give a whole number of repositories from 1 to 64`);
  }
  if (options.token === '') {
    throw new UsageError(
      host === 'gitlab'
        ? 'no GitLab token: set GITLAB_TOKEN to a token with the api scope of a Maintainer or Owner of the group'
        : 'no GitHub token: set GITHUB_TOKEN or GH_TOKEN to a token that can read the repositories of the organisation (admin rights to read their protection)',
    );
  }
  const apiUrl = checkedApiUrl(options.apiUrl ?? (host === 'gitlab' ? DEFAULT_GITLAB_API_URL : DEFAULT_API_URL), host);
  return { host, owner, concurrency, apiUrl };
}

/** Runs `work` on every item, at most `limit` at a time, keeping the order of the items in the results. */
async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Every rule registered (so that a descriptor may name any), only the audit's switched on. */
const AUDIT_RULE_SETTINGS: Record<string, RuleEntry> = Object.fromEntries(
  registeredRules
    .filter((rule) => !(AUDIT_RULES as readonly string[]).includes(rule.id))
    .map((rule) => [rule.id, 'off' as const]),
);

/** The audit's lint rules over the files read, in memory. */
async function lintFiles(
  repository: string,
  texts: ReadonlyMap<string, string>,
): Promise<{ findings: AuditFinding[]; rulesMeta: Record<string, AnyRule['meta']> }> {
  const root = path.resolve('/gitops-init-audit', repository);
  const report = await lintSource(new MemorySource(root, Object.fromEntries(texts)), root, {
    rules: AUDIT_RULE_SETTINGS,
    concurrency: 1,
  });
  const findings = report.diagnostics.map((diagnostic): AuditFinding => ({
    ruleId: diagnostic.ruleId ?? AUDIT_FINDINGS.descriptorValid,
    severity: diagnostic.severity,
    message: diagnostic.message,
    file: diagnostic.file,
    ...(diagnostic.line === undefined ? {} : { line: diagnostic.line }),
    ...(diagnostic.column === undefined ? {} : { column: diagnostic.column }),
    ...(diagnostic.endLine === undefined ? {} : { endLine: diagnostic.endLine }),
    ...(diagnostic.endColumn === undefined ? {} : { endColumn: diagnostic.endColumn }),
  }));
  return { findings, rulesMeta: report.rulesMeta };
}

function configFindings(error: ConfigError, file: string): AuditFinding[] {
  if (error.problems.length === 0)
    return [{ ruleId: AUDIT_FINDINGS.descriptorValid, severity: 2, file, message: error.message }];
  return error.problems.map((problem) => ({
    ruleId: AUDIT_FINDINGS.descriptorValid,
    severity: 2,
    file: problem.file,
    message: problem.message,
    ...(problem.line === undefined ? {} : { line: problem.line }),
    ...(problem.column === undefined ? {} : { column: problem.column }),
  }));
}

/** The live targets of a repository's policy, as `protect diff` chooses them. */
function liveTargets(loaded: LoadedDescriptor): LiveTarget[] {
  const targets = protectionTargets(loaded.descriptor, 'github');
  return [
    ...(targets.includes('github-ruleset') ? (['github-ruleset'] as const) : []),
    ...(targets.some((target) => target === 'github-branch-protection' || target === 'settings')
      ? (['github-branch-protection'] as const)
      : []),
  ];
}

/** Access drift: each team or person whose access differs from the policy, as protect diff names them. */
function accessFindings(items: readonly AccessDriftItem[], loaded: LoadedDescriptor): AuditFinding[] {
  return items
    .filter((item) => item.status !== 'in-sync')
    .map((item) => {
      const section = item.kind === 'team' ? 'teams' : 'collaborators';
      const line =
        loaded.lineOf(['access', section, item.principal]) ?? loaded.lineOf(['access']) ?? loaded.lineOf(['teams']);
      return {
        ruleId: AUDIT_FINDINGS.accessDrift,
        severity: 2 as const,
        file: loaded.file,
        ...(line === undefined ? {} : { line }),
        message: `${describeAccessItem(item)}; ${takesAccessAway(item) ? 'take it away (gitops-init protect apply, pruning), or grant it in gitops.yaml' : 'apply the policy with gitops-init protect apply'}`,
      };
    });
}

function externalChecksOf(loaded: LoadedDescriptor): string[] {
  const entry = loaded.descriptor.rules?.['protection-checks-exist'];
  const options = Array.isArray(entry) ? (entry as readonly unknown[])[1] : undefined;
  const external = (options as { externalChecks?: unknown } | undefined)?.externalChecks;
  return Array.isArray(external) ? external.filter((item): item is string => typeof item === 'string') : [];
}

/** The live side of a repository: its drift, and how to apply the policy (what remains after it). */
interface LiveAudit {
  drift: AuditFinding[];
  notes: string[];
  apply: () => Promise<{ changes: string[]; remaining: AuditFinding[] }>;
}

/** What the audit reads of a repository on its host, and how it compares and applies the live policy. */
interface HostAudit {
  host: 'github' | 'gitlab';
  /** The repository's files (as far as the audit knows them) and the texts of those it reads. */
  read(
    listed: ListedRepository,
  ): Promise<{ files: string[]; texts: Map<string, string>; notes: string[] } | { findings: AuditFinding[] }>;
  /** The live drift, and a way to apply the policy; an error when the live side cannot be read. */
  live(
    listed: ListedRepository,
    loaded: LoadedDescriptor,
    policies: ProtectionPolicy[],
    lineOf: (branch: string) => number | undefined,
  ): Promise<LiveAudit | GitopsError | undefined>;
}

function githubAudit(client: Awaited<ReturnType<typeof createClient>>, connection: GithubConnection): HostAudit {
  return {
    host: 'github',
    async read(listed) {
      const list = await readFileList(client, connection, listed);
      if (!list.ok) return { findings: [unreadable(list.error.message)] };
      const notes = list.value.truncated
        ? [`${listed.fullName}: GitHub cut the file list short; files beyond it were not audited`]
        : [];
      const texts = new Map<string, string>();
      const findings: AuditFinding[] = [];
      for (const file of filesToRead(list.value.files)) {
        const read = await readFileText(client, connection, listed, file);
        if (read.ok) texts.set(file, read.value);
        else findings.push(unreadable(read.error.message, file));
      }
      return findings.length > 0 ? { findings } : { files: list.value.files, texts, notes };
    },
    async live(listed, loaded, policies, lineOf) {
      const targets = liveTargets(loaded);
      // Access is compared where gitops.yaml says anything of it, as protect diff does.
      const access = declaredAccessPolicy(loaded.descriptor);
      if (targets.length === 0 && !access) return undefined;
      let diff: LiveDiff | undefined;
      let accessItems: AccessDriftItem[] = [];
      try {
        if (targets.length > 0) diff = await readLiveDiff(connection, listed.fullName, policies, targets, client);
        if (access) accessItems = await readAccessDrift(connection, listed.fullName, access, client);
      } catch (error) {
        if (error instanceof GitopsError) return error;
        throw error;
      }
      const accessAt = (items: readonly AccessDriftItem[]): AuditFinding[] => accessFindings(items, loaded);
      return {
        drift: [...(diff ? driftFindings(diff, loaded.file, lineOf) : []), ...accessAt(accessItems)],
        notes: diff?.notes ?? [],
        apply: async () => {
          const changes: string[] = [];
          if (diff)
            for (const change of (await applyLiveDiff(connection, diff)).changes)
              changes.push(
                `${change.action} ${change.target === 'github-ruleset' ? `ruleset "${change.name}"` : `the classic protection of ${change.name}`}`,
              );
          // Access beyond the policy is taken away only by protect apply with prune: it stays a finding.
          const applied = await applyAccess(connection, listed.fullName, accessItems, { client });
          for (const change of applied.changes) changes.push(describeAccessChange(change));
          return { changes, remaining: accessAt(applied.leftAlone) };
        },
      };
    },
  };
}

function gitlabAudit(client: GitlabClient, connection: GitlabConnection): HostAudit {
  return {
    host: 'gitlab',
    async read(listed) {
      const read = await readProjectFiles(client, connection, listed);
      if (!read.ok) return { findings: [unreadable(read.error.message)] };
      return { files: [...read.value.keys()], texts: read.value, notes: [] };
    },
    async live(listed, loaded, policies, lineOf) {
      if (!protectionTargets(loaded.descriptor, 'gitlab').includes('gitlab')) return undefined;
      let diff: GitlabLiveDiff;
      try {
        diff = await readGitlabDiff(connection, listed.fullName, policies, accessPolicy(loaded.descriptor), client);
      } catch (error) {
        if (error instanceof GitopsError) return error;
        throw error;
      }
      return {
        drift: gitlabDriftFindings(diff, loaded.file, lineOf),
        notes: [],
        apply: async () => {
          const changes = (await applyGitlabDiff(connection, diff, { prune: false })).changes.map(
            (change) => `${change.action} ${describeKind(change.kind)} ${change.name}`,
          );
          // Access beyond the policy is taken away only by protect apply with prune: it stays a finding.
          const remaining = gitlabDriftFindings(
            { ...diff, items: diff.items.filter((item) => item.status === 'excess') },
            loaded.file,
            lineOf,
          );
          return { changes, remaining };
        },
      };
    },
  };
}

interface RunState {
  reader: HostAudit;
  fix: boolean;
  rulesMeta: Record<string, AnyRule['meta']>;
}

async function auditRepository(state: RunState, listed: ListedRepository): Promise<RepositoryAudit> {
  const { reader } = state;
  const audit: RepositoryAudit = {
    repository: listed.fullName,
    status: 'compliant',
    findings: [],
    applied: [],
    notes: [],
  };
  const done = (): RepositoryAudit => {
    audit.status = statusOf(audit.findings);
    return audit;
  };
  const read = await reader.read(listed);
  if ('findings' in read) {
    for (const item of read.findings) audit.findings.push(item);
    return done();
  }
  const { files, texts } = read;
  for (const note of read.notes) audit.notes.push(note);

  const descriptorFile = DESCRIPTOR_FILES.find((file) => texts.has(file));
  if (descriptorFile === undefined) {
    audit.findings.push(missingDescriptor());
    const codeowners = missingCodeowners(reader.host, files);
    if (codeowners) audit.findings.push(codeowners);
    return done();
  }
  let loaded: LoadedDescriptor;
  try {
    loaded = parseDescriptor(descriptorFile, texts.get(descriptorFile) ?? '');
    const linted = await lintFiles(listed.fullName, texts);
    Object.assign(state.rulesMeta, linted.rulesMeta);
    for (const item of linted.findings) audit.findings.push(item);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const item of configFindings(error, descriptorFile)) audit.findings.push(item);
    return done();
  }
  const { descriptor } = loaded;
  const policies = resolvePolicies(descriptor, descriptor.kind);
  const lineOf = (branch: string): number | undefined =>
    loaded.lineOf(['protection', 'branches', branch]) ?? loaded.lineOf(['protection']);
  // protection-checks-exist reads the protection files; without any, the policy's checks are checked.
  if (!hasProtectionFiles(texts.keys()))
    for (const item of unproducedCheckFindings(policies, texts, descriptorFile, lineOf, externalChecksOf(loaded)))
      audit.findings.push(item);
  if ((descriptor.host ?? 'github') !== reader.host) {
    audit.notes.push(
      `${listed.fullName}: gitops.yaml says host: ${descriptor.host ?? 'github'}; its live protection was not compared`,
    );
    return done();
  }

  const live = await reader.live(listed, loaded, policies, lineOf);
  if (live === undefined) return done();
  if (live instanceof GitopsError) {
    audit.findings.push(unreadable(`the live protection could not be read: ${live.message}`, descriptorFile));
    return done();
  }
  for (const note of live.notes) audit.notes.push(`${listed.fullName}: ${note}`);
  const belowFloor = audit.findings.some(
    (finding) => finding.ruleId === 'protection-policy-minimum' || finding.ruleId === 'access-policy-minimum',
  );
  if (state.fix && live.drift.length > 0 && !belowFloor) {
    try {
      const { changes, remaining } = await live.apply();
      for (const change of changes) audit.applied.push(change);
      for (const item of remaining) audit.findings.push(item);
      return done();
    } catch (error) {
      if (!(error instanceof GitopsError)) throw error;
      audit.notes.push(`${listed.fullName}: the policy could not be applied: ${error.message}`);
    }
  } else if (state.fix && live.drift.length > 0) {
    audit.notes.push(`${listed.fullName}: the policy is below the floor of its kind; it was not applied`);
  }
  for (const item of live.drift) audit.findings.push(item);
  return done();
}

function matcher(glob: string | undefined): (repository: ListedRepository) => boolean {
  if (glob === undefined || glob === '') return () => true;
  const isMatch = picomatch(glob, { dot: true, nocase: true });
  return glob.includes('/') ? (repository) => isMatch(repository.fullName) : (repository) => isMatch(repository.name);
}

/**
 * Audits every repository of a GitHub organisation against its own policy. A repository that
 * cannot be read is a finding (`audit-unreadable`), never the end of the run; a token GitHub
 * rejects, an organisation it cannot find and bad options throw a GitopsError (exit 2).
 */
export async function audit(options: AuditOptions): Promise<AuditReport> {
  const { host, owner, concurrency, apiUrl } = checkOptions(options);
  const notes: string[] = [];
  const connection = {
    token: options.token,
    apiUrl,
    userAgent: `gitops-init/${packageInfo().version}`,
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    retries: options.retries ?? DEFAULT_AUDIT_RETRIES,
  };
  let reader: HostAudit;
  let listed: ListedRepository[];
  // The GitLab client keeps its notes (retries after a rate limit); GitHub's writes them here.
  let clientNotes: string[] = [];
  if (host === 'gitlab') {
    const client = await createGitlabClient(connection);
    clientNotes = client.notes;
    listed = await listGroupProjects(client, connection, owner);
    reader = gitlabAudit(client, connection);
  } else {
    const client = await createClient(connection, notes);
    listed = await listOrganisationRepositories(client, connection, owner);
    reader = githubAudit(client, connection);
  }
  const wanted = matcher(options.repos);
  const archived = listed.filter((repository) => repository.archived && options.includeArchived !== true).length;
  const chosen = listed
    .filter((repository) => options.includeArchived === true || !repository.archived)
    .filter(wanted)
    .sort((a, b) => (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0));
  const state: RunState = { reader, fix: options.fix === true, rulesMeta: {} };
  let done = 0;
  const repositories = await mapBounded(chosen, concurrency, async (repository) => {
    const result = await auditRepository(state, repository);
    done += 1;
    options.onProgress?.({ done, total: chosen.length, repository: repository.fullName });
    return result;
  });
  for (const note of clientNotes) notes.push(note);
  for (const repository of repositories) for (const item of repository.notes) notes.push(item);
  return {
    host,
    owner,
    apiUrl,
    repositories,
    results: toAuditResults(repositories),
    summary: summarize(repositories),
    skipped: { archived, filtered: listed.length - archived - chosen.length },
    rulesMeta: state.rulesMeta,
    notes,
  };
}
