/**
 * What an audit finds in one repository, as data, and the report of a whole organisation in
 * ESLint's result shape (`filePath` is `<owner>/<repo>/<path>`), so that every formatter reads it.
 */
import picomatch from 'picomatch';
import type { CheckProducer } from '../ci/check-producers.js';
import { isWorkflowFile, workflowCheckProducers } from '../ci/github-actions.js';
import { GITLAB_CI_FILE, gitlabCheckProducers } from '../ci/gitlab-ci.js';
import { DESCRIPTOR_FILES } from '../config/descriptor.js';
import {
  CODEOWNERS_LOCATIONS,
  DEFAULT_CODEOWNERS_LOCATION,
  locateCodeowners,
  type Dialect,
} from '../codeowners/dialect.js';
import type { LintMessage, LintResult } from '../engine/results.js';
import { parseYamlFile } from '../manifests/yaml-file.js';
import { describeDifference } from '../protection/compare.js';
import { BRANCH_PROTECTION_DIRECTORY, GITLAB_FILES } from '../protection/files.js';
import type { LiveDiff } from '../protection/github.js';
import { describeGitlabItem, type GitlabLiveDiff } from '../protection/gitlab.js';
import type { ProtectionPolicy } from '../protection/policy.js';
import { RULESET_FILE, SETTINGS_FILES } from '../protection/required-checks.js';

/** The audit's own finding ids (lint rules' findings keep the rule's id). */
export const AUDIT_FINDINGS = {
  /** The repository could not be read (or its protection could not). */
  unreadable: 'audit-unreadable',
  /** No gitops.yaml: no policy to hold the repository to. */
  descriptor: 'audit-descriptor-exists',
  /** gitops.yaml is not valid. */
  descriptorValid: 'audit-descriptor-valid',
  /** No CODEOWNERS where the host reads one (repositories without a descriptor). */
  codeowners: 'audit-codeowners-exists',
  /** The live protection differs from the policy. */
  protectionDrift: 'audit-protection-drift',
  /** Someone has more access than the policy grants. */
  accessDrift: 'audit-access-drift',
  /** A required check of the policy that no CI job produces. */
  requiredChecks: 'audit-required-checks-produced',
} as const;

/** One finding in a repository, at a repository-relative path ('' for the repository itself). */
export interface AuditFinding {
  ruleId: string;
  severity: 1 | 2;
  message: string;
  file: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

/** `compliant`: no finding; `drifted`: findings; `unreadable`: some part of it could not be read. */
export type RepositoryStatus = 'compliant' | 'drifted' | 'unreadable';

export interface RepositoryAudit {
  /** owner/name (GitHub) or the project's full path (GitLab). */
  repository: string;
  status: RepositoryStatus;
  findings: AuditFinding[];
  /** Changes `fix` made, one line each. */
  applied: string[];
  /** One-line notes that are not findings (rate limits waited out, patterns a target cannot express). */
  notes: string[];
}

export interface AuditSummary {
  checked: number;
  compliant: number;
  drifted: number;
  unreadable: number;
}

/** The status of a repository from its findings. */
export function statusOf(findings: readonly AuditFinding[]): RepositoryStatus {
  if (findings.some((finding) => finding.ruleId === AUDIT_FINDINGS.unreadable)) return 'unreadable';
  return findings.length > 0 ? 'drifted' : 'compliant';
}

export function summarize(audits: readonly RepositoryAudit[]): AuditSummary {
  const count = (status: RepositoryStatus): number => audits.filter((audit) => audit.status === status).length;
  return {
    checked: audits.length,
    compliant: count('compliant'),
    drifted: count('drifted'),
    unreadable: count('unreadable'),
  };
}

/**
 * The files of a repository the audit reads: the descriptor, every CODEOWNERS a host reads, the
 * rendered protection files and the CI configuration (for the required checks).
 */
export function filesToRead(files: readonly string[]): string[] {
  const codeowners = new Set([...CODEOWNERS_LOCATIONS.github, ...CODEOWNERS_LOCATIONS.gitlab]);
  const gitlabFiles = new Set<string>(Object.values(GITLAB_FILES));
  return files.filter(
    (file) =>
      (DESCRIPTOR_FILES as readonly string[]).includes(file) ||
      codeowners.has(file) ||
      RULESET_FILE.test(file) ||
      (SETTINGS_FILES as readonly string[]).includes(file) ||
      (file.startsWith(`${BRANCH_PROTECTION_DIRECTORY}/`) && file.endsWith('.json')) ||
      gitlabFiles.has(file) ||
      isWorkflowFile(file) ||
      file === GITLAB_CI_FILE,
  );
}

/** The finding of a repository without a descriptor. */
export function missingDescriptor(): AuditFinding {
  return {
    ruleId: AUDIT_FINDINGS.descriptor,
    severity: 2,
    file: DESCRIPTOR_FILES[0],
    message:
      'No gitops.yaml: the repository has no policy (kind, teams, protection) to be held to; add one with gitops-init init',
  };
}

/** The finding of a repository without CODEOWNERS where its host reads one (when it has no descriptor). */
export function missingCodeowners(dialect: Dialect, files: readonly string[]): AuditFinding | undefined {
  const present = new Set(files);
  if (locateCodeowners(dialect, (file) => present.has(file)).active !== undefined) return undefined;
  const suggested = DEFAULT_CODEOWNERS_LOCATION[dialect];
  return {
    ruleId: AUDIT_FINDINGS.codeowners,
    severity: 2,
    file: suggested,
    message: `No CODEOWNERS file where ${dialect === 'github' ? 'GitHub' : 'GitLab'} reads one (${CODEOWNERS_LOCATIONS[dialect].join(', ')}), so nobody has to review any change; create ${suggested}`,
  };
}

/** A repository, or a part of it, that could not be read: a finding, never the end of the run. */
export function unreadable(message: string, file = ''): AuditFinding {
  return { ruleId: AUDIT_FINDINGS.unreadable, severity: 2, file, message };
}

/** Where a finding about a branch's policy points: its line in gitops.yaml when known. */
export type PolicyLine = (branch: string) => number | undefined;

/** Each ruleset or branch protection that differs from the policy, field by field, as `protect diff` says it. */
export function driftFindings(diff: LiveDiff, descriptorFile: string, lineOf: PolicyLine): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const item of diff.items) {
    if (item.status === 'in-sync') continue;
    const label =
      item.target === 'github-ruleset'
        ? `ruleset "${item.name}" (${item.branch})`
        : `the classic protection of branch ${item.name}`;
    const line = lineOf(item.branch);
    const at = { file: descriptorFile, ...(line === undefined ? {} : { line }) };
    if (item.status === 'missing') {
      findings.push({
        ruleId: AUDIT_FINDINGS.protectionDrift,
        severity: 2,
        ...at,
        message: `${label} is not on the live repository; apply the policy with gitops-init protect apply`,
      });
      continue;
    }
    for (const difference of item.differences) {
      findings.push({
        ruleId: AUDIT_FINDINGS.protectionDrift,
        severity: 2,
        ...at,
        message: `${label}: ${describeDifference(difference, 'live')}; apply the policy with gitops-init protect apply`,
      });
    }
  }
  return findings;
}

/**
 * The policy's required checks that no CI job of the repository produces (its workflows and
 * .gitlab-ci.yml): pull requests would wait for them forever. `externalChecks` are globs of
 * checks reported by a service outside the repository (the protection-checks-exist option).
 */
export function unproducedCheckFindings(
  policies: readonly ProtectionPolicy[],
  texts: ReadonlyMap<string, string>,
  descriptorFile: string,
  lineOf: PolicyLine,
  externalChecks: readonly string[] = [],
): AuditFinding[] {
  const producers: CheckProducer[] = [];
  for (const [file, text] of texts) {
    if (!isWorkflowFile(file) && file !== GITLAB_CI_FILE) continue;
    const parsed = parseYamlFile(file, text);
    const value = parsed.errors.length === 0 ? parsed.documents[0]?.value : undefined;
    for (const producer of file === GITLAB_CI_FILE
      ? gitlabCheckProducers(file, value)
      : workflowCheckProducers(file, value))
      producers.push(producer);
  }
  const isExternal = externalChecks.length > 0 ? picomatch([...externalChecks]) : () => false;
  const findings: AuditFinding[] = [];
  for (const policy of policies) {
    for (const check of policy.requiredStatusChecks) {
      if (isExternal(check)) continue;
      const producing = producers.filter((producer) => producer.produces(check));
      if (producing.some((producer) => producer.runsOnPullRequests)) continue;
      const line = lineOf(policy.branch);
      findings.push({
        ruleId: AUDIT_FINDINGS.requiredChecks,
        severity: 2,
        file: descriptorFile,
        ...(line === undefined ? {} : { line }),
        message:
          producing.length === 0
            ? `Required status check "${check}" of branch "${policy.branch}" is produced by no CI job of the repository, so pull requests would wait for it forever; add the job, or list the check in protection-checks-exist's externalChecks`
            : `Required status check "${check}" of branch "${policy.branch}" comes from job "${producing[0]?.job ?? ''}" in ${producing[0]?.file ?? ''}, which does not run on pull requests; add pull_request to its "on:"`,
      });
    }
  }
  return findings;
}

/** Whether the repository has protection files whose required checks protection-checks-exist looks at. */
export function hasProtectionFiles(files: Iterable<string>): boolean {
  for (const file of files)
    if (RULESET_FILE.test(file) || (SETTINGS_FILES as readonly string[]).includes(file)) return true;
  return false;
}

function compareFindings(a: AuditFinding, b: AuditFinding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

/**
 * ESLint-shaped results: one per file with findings, `filePath` `<repository>/<path>` (the
 * repository itself for findings about it as a whole), sorted by path.
 */
export function toAuditResults(audits: readonly RepositoryAudit[]): LintResult[] {
  const results = new Map<string, LintResult>();
  for (const audit of audits) {
    for (const finding of [...audit.findings].sort(compareFindings)) {
      const filePath = finding.file === '' ? audit.repository : `${audit.repository}/${finding.file}`;
      let result = results.get(filePath);
      if (!result) {
        result = {
          filePath,
          messages: [],
          suppressedMessages: [],
          errorCount: 0,
          fatalErrorCount: 0,
          warningCount: 0,
          fixableErrorCount: 0,
          fixableWarningCount: 0,
        };
        results.set(filePath, result);
      }
      const message: LintMessage = {
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        line: finding.line ?? 1,
        column: finding.column ?? 1,
        ...(finding.endLine === undefined ? {} : { endLine: finding.endLine }),
        ...(finding.endColumn === undefined ? {} : { endColumn: finding.endColumn }),
      };
      result.messages.push(message);
      if (finding.severity === 2) result.errorCount += 1;
      else result.warningCount += 1;
    }
  }
  return [...results.values()].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
}

const GITLAB_ROLE_NAMES: Readonly<Record<number, string>> = {
  0: 'no access',
  10: 'Guest',
  20: 'Reporter',
  30: 'Developer',
  40: 'Maintainer',
  50: 'Owner',
};

function gitlabRole(level: number | undefined): string {
  return level === undefined ? 'no access' : (GITLAB_ROLE_NAMES[level] ?? `level ${level}`);
}

/**
 * A GitLab project's drift, as `protect diff` says it: protection item by item and field by
 * field; access (group shares and members) as access drift, every group or person with more
 * access than the policy grants named. Settings the project's tier lacks are not drift.
 */
export function gitlabDriftFindings(diff: GitlabLiveDiff, descriptorFile: string, lineOf: PolicyLine): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const item of diff.items) {
    if (item.status === 'in-sync' || item.status === 'unsupported') continue;
    const isAccess = item.kind === 'group-share' || item.kind === 'member';
    const line = item.kind === 'protected-branch' ? lineOf(item.name) : undefined;
    const at = { file: descriptorFile, ...(line === undefined ? {} : { line }) };
    if (isAccess) {
      const want = Number(item.body.group_access ?? item.body.access_level);
      const what =
        item.status === 'missing'
          ? `no access, policy ${gitlabRole(want)}`
          : item.status === 'excess'
            ? `${gitlabRole(item.liveLevel)}, more than the policy's ${gitlabRole(want)}`
            : `${gitlabRole(item.liveLevel)}, policy ${gitlabRole(want)}`;
      findings.push({
        ruleId: AUDIT_FINDINGS.accessDrift,
        severity: 2,
        ...at,
        message: `${describeGitlabItem(item)}: ${what}; ${item.status === 'excess' ? 'take it away (gitops-init protect apply, pruning), or grant it in gitops.yaml' : 'apply the policy with gitops-init protect apply'}`,
      });
      continue;
    }
    if (item.status === 'missing') {
      findings.push({
        ruleId: AUDIT_FINDINGS.protectionDrift,
        severity: 2,
        ...at,
        message: `${describeGitlabItem(item)} is not on the live project; apply the policy with gitops-init protect apply`,
      });
      continue;
    }
    for (const difference of item.differences) {
      findings.push({
        ruleId: AUDIT_FINDINGS.protectionDrift,
        severity: 2,
        ...at,
        message: `${describeGitlabItem(item)}: ${describeDifference(difference, 'live')}; apply the policy with gitops-init protect apply`,
      });
    }
  }
  return findings;
}
