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
  unproducedCheckFindings,
  unreadable,
  AUDIT_FINDINGS,
  type AuditFinding,
  type AuditSummary,
  type RepositoryAudit,
} from '../audit/findings.js';
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
import { resolvePolicies } from '../protection/policy.js';
import { DEFAULT_API_URL } from './protection.js';
import { lintSource } from './lint.js';

export type { AuditFinding, AuditSummary, RepositoryAudit, RepositoryStatus } from '../audit/findings.js';

/**
 * The lint rules an audit runs on the files it read: those that need the descriptor, CODEOWNERS,
 * the protection files and the CI configuration only, never the rest of the tree.
 */
export const AUDIT_RULES = [
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
  /** The GitLab group (not supported yet: a UsageError says so). */
  group?: string;
  /** A token that can read the organisation's repositories (admin rights to read their protection). Never part of a result. */
  token: string;
  /** REST API root (GitHub Enterprise: https://HOST/api/v3). Default https://api.github.com. */
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

function checkedApiUrl(given: string): string {
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new UsageError(
      `{{option:apiUrl}} "${given}": not a URL; give the REST API root, e.g. https://api.github.com or https://github.example.com/api/v3`,
    );
  }
  if (url.username !== '' || url.password !== '')
    throw new UsageError('{{option:apiUrl}} must not contain credentials; give the token in GITHUB_TOKEN or GH_TOKEN');
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`{{option:apiUrl}} "${given}": use an http or https URL, e.g. https://api.github.com`);
  return url.href.replace(/\/+$/, '');
}

function checkOptions(options: AuditOptions): { org: string; concurrency: number; apiUrl: string } {
  if (options.group !== undefined) {
    throw new UsageError(
      '{{option:group}}: auditing a GitLab group is not supported yet; audit a GitHub organisation with {{option:org}}',
    );
  }
  const org = options.org ?? '';
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(org)) {
    throw new UsageError(
      org === ''
        ? 'no organisation: give the GitHub organisation to audit with {{option:org}}, e.g. {{option:org}} acme'
        : `{{option:org}} "${org}": not a GitHub organisation name (letters, digits and single hyphens)`,
    );
  }
  const concurrency = options.concurrency ?? DEFAULT_AUDIT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UsageError(`{{option:concurrency}} ${concurrency}: give a whole number of repositories from 1 to 64`);
  }
  if (options.token === '') {
    throw new UsageError(
      'no GitHub token: set GITHUB_TOKEN or GH_TOKEN to a token that can read the repositories of the organisation (admin rights to read their protection)',
    );
  }
  return { org, concurrency, apiUrl: checkedApiUrl(options.apiUrl ?? DEFAULT_API_URL) };
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

function externalChecksOf(loaded: LoadedDescriptor): string[] {
  const entry = loaded.descriptor.rules?.['protection-checks-exist'];
  const options = Array.isArray(entry) ? (entry as readonly unknown[])[1] : undefined;
  const external = (options as { externalChecks?: unknown } | undefined)?.externalChecks;
  return Array.isArray(external) ? external.filter((item): item is string => typeof item === 'string') : [];
}

interface RunState {
  client: Awaited<ReturnType<typeof createClient>>;
  connection: GithubConnection;
  fix: boolean;
  rulesMeta: Record<string, AnyRule['meta']>;
}

async function auditRepository(state: RunState, listed: ListedRepository): Promise<RepositoryAudit> {
  const { client, connection } = state;
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
  const list = await readFileList(client, connection, listed);
  if (!list.ok) {
    audit.findings.push(unreadable(`${list.error.message}`));
    return done();
  }
  if (list.value.truncated)
    audit.notes.push(`${listed.fullName}: GitHub cut the file list short; files beyond it were not audited`);
  const texts = new Map<string, string>();
  for (const file of filesToRead(list.value.files)) {
    const read = await readFileText(client, connection, listed, file);
    if (read.ok) texts.set(file, read.value);
    else audit.findings.push(unreadable(read.error.message, file));
  }
  if (audit.findings.length > 0) return done();

  const descriptorFile = DESCRIPTOR_FILES.find((file) => texts.has(file));
  if (descriptorFile === undefined) {
    audit.findings.push(missingDescriptor());
    const codeowners = missingCodeowners('github', list.value.files);
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
  if (descriptor.host === 'gitlab') {
    audit.notes.push(`${listed.fullName}: gitops.yaml says host: gitlab; its live protection was not compared`);
    return done();
  }
  const policies = resolvePolicies(descriptor, descriptor.kind);
  const lineOf = (branch: string): number | undefined =>
    loaded.lineOf(['protection', 'branches', branch]) ?? loaded.lineOf(['protection']);
  // protection-checks-exist reads the protection files; without any, the policy's checks are checked.
  if (!hasProtectionFiles(texts.keys()))
    for (const item of unproducedCheckFindings(policies, texts, descriptorFile, lineOf, externalChecksOf(loaded)))
      audit.findings.push(item);

  const targets = liveTargets(loaded);
  if (targets.length === 0) return done();
  let diff: LiveDiff;
  try {
    diff = await readLiveDiff(connection, listed.fullName, policies, targets, client);
  } catch (error) {
    if (!(error instanceof GitopsError)) throw error;
    audit.findings.push(unreadable(`the live protection could not be read: ${error.message}`, descriptorFile));
    return done();
  }
  for (const note of diff.notes) audit.notes.push(`${listed.fullName}: ${note}`);
  const drift = driftFindings(diff, descriptorFile, lineOf);
  const belowFloor = audit.findings.some((finding) => finding.ruleId === 'protection-policy-minimum');
  if (state.fix && drift.length > 0 && !belowFloor) {
    try {
      const { changes } = await applyLiveDiff(connection, diff);
      for (const change of changes)
        audit.applied.push(
          `${change.action} ${change.target === 'github-ruleset' ? `ruleset "${change.name}"` : `the classic protection of ${change.name}`}`,
        );
      return done();
    } catch (error) {
      if (!(error instanceof GitopsError)) throw error;
      audit.notes.push(`${listed.fullName}: the policy could not be applied: ${error.message}`);
    }
  } else if (state.fix && drift.length > 0) {
    audit.notes.push(`${listed.fullName}: the policy is below the floor of its kind; it was not applied`);
  }
  for (const item of drift) audit.findings.push(item);
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
  const { org, concurrency, apiUrl } = checkOptions(options);
  const notes: string[] = [];
  const connection: GithubConnection = {
    token: options.token,
    apiUrl,
    userAgent: `gitops-init/${packageInfo().version}`,
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    retries: options.retries ?? DEFAULT_AUDIT_RETRIES,
  };
  const client = await createClient(connection, notes);
  const listed = await listOrganisationRepositories(client, connection, org);
  const wanted = matcher(options.repos);
  const archived = listed.filter((repository) => repository.archived && options.includeArchived !== true).length;
  const chosen = listed
    .filter((repository) => options.includeArchived === true || !repository.archived)
    .filter(wanted)
    .sort((a, b) => (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0));
  const state: RunState = { client, connection, fix: options.fix === true, rulesMeta: {} };
  let done = 0;
  const repositories = await mapBounded(chosen, concurrency, async (repository) => {
    const result = await auditRepository(state, repository);
    done += 1;
    options.onProgress?.({ done, total: chosen.length, repository: repository.fullName });
    return result;
  });
  for (const repository of repositories) for (const item of repository.notes) notes.push(item);
  return {
    owner: org,
    apiUrl,
    repositories,
    results: toAuditResults(repositories),
    summary: summarize(repositories),
    skipped: { archived, filtered: listed.length - archived - chosen.length },
    rulesMeta: state.rulesMeta,
    notes,
  };
}
