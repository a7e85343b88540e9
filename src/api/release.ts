/**
 * `gitops-init release`: coordinated releases, the application and infrastructure versions
 * tested together, approved by both teams and promoted as one. Manifests live under
 * releases/ (gitops.yaml's releases.directory); where each application has a release line of
 * its own (releases.perApplication), under releases/<application>/, named and tagged
 * release-<application>-<app>-<infra> (releases.tagFormat). Each function takes `cwd`, returns data and
 * never prints; refusals are RefusedError, bad options UsageError.
 */
import type { AnyRule } from '../engine/rule.js';
import { compareDiagnostics, type Diagnostic } from '../engine/diagnostic.js';
import { toLintResults, type LintResult } from '../engine/results.js';
import { openRepository } from '../config/repository.js';
import { GitopsError, InternalError, RefusedError } from '../errors.js';
import {
  rollbackRelease as rollbackInRepository,
  type RollbackReleaseOptions as DomainRollbackOptions,
  type StoredRelease,
} from '../release/index.js';
import { locatePair } from '../release/pair.js';
import {
  checkPair,
  openVerification,
  recordVerification,
  type PairSide,
  type Verification,
} from '../release/verify.js';
import { lint, type LintReport } from './lint.js';

export {
  UnreachableRepositoryError,
  PAIR_CHECKS,
  PAIR_CHECK_DESCRIPTIONS,
  type Verification,
} from '../release/verify.js';
export {
  /** Writes releases/release-<app>-<infra>.yaml as a candidate, after every check passes. */
  createRelease,
  /** Records a team's approval; the release is approved once every required team has approved. */
  approveRelease,
  /** Marks an approved release promoted (inside a release window), or any release with `emergency` and a reason. */
  promoteRelease,
  /** Creates the annotated tag named like the release on HEAD; the manifest must be approved and committed. */
  tagRelease,
  /** Every release, in semver order; with `app`, one application's. */
  listReleases,
  /** Writes RELEASES.md (or releases.changelog) from the manifests, newest first. */
  writeReleaseLog,
  RELEASE_SCHEMA_URL,
  type ApproveReleaseOptions,
  type Approval,
  type CreateReleaseOptions,
  type PromoteReleaseOptions,
  type Release,
  type ReleaseLogResult,
  type ReleaseStatus,
  type ReleaseTagResult,
} from '../release/index.js';

export interface VerifyReleaseOptions {
  cwd?: string;
  /** The release, e.g. release-1.5.3-2.1.0. */
  name: string;
  /** The application repository (a path, file:// or remote URL), instead of what gitops.yaml says. */
  appRepo?: string;
  /** The infrastructure repository, instead of what gitops.yaml says. */
  infraRepo?: string;
  /** Where fetched repositories are kept; default $XDG_CACHE_HOME/gitops-init (~/.cache/gitops-init). */
  cacheDirectory?: string;
  /** The kubectl that builds the kustomizations; default `kubectl` on PATH. */
  kubectl?: string;
  /** Record a successful verification in the manifest (default true). */
  record?: boolean;
  now?: Date;
}

/** One repository of a verified pair. */
export interface VerifiedSide {
  /** The repository as located: a path or URL. */
  repository: string;
  tag: string;
  commit: string;
  /** `name@tag`, the prefix of its files in the results. */
  label: string;
}

export interface VerifyReleaseReport {
  /** The current repository's root; results' paths are `<name>@<tag>/<file>` below it. */
  root: string;
  release: string;
  /** No error: the versions work together. */
  compatible: boolean;
  application: VerifiedSide;
  infrastructure: VerifiedSide;
  /** ESLint-shaped results for the formatters. */
  results: LintResult[];
  diagnostics: Diagnostic[];
  rulesMeta: Record<string, AnyRule['meta']>;
  notices: string[];
  /** Whether the kustomizations were built (false: kubectl is missing). */
  kustomizeBuilt: boolean;
  /** The verification written into the manifest, when the pair is compatible and `record` allowed it. */
  verified?: Verification;
}

function isoNow(now: Date | undefined): string {
  return (now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

async function lintSide(
  side: PairSide,
): Promise<{ diagnostics: Diagnostic[]; rulesMeta: LintReport['rulesMeta']; notices: string[] }> {
  try {
    // manifest-schema runs whatever the repository's own configuration says: the pair is checked against the schemas.
    const report = await lint({ cwd: side.directory, rules: { 'manifest-schema': 'error' } });
    return {
      diagnostics: report.diagnostics.map((diagnostic) => ({
        ...diagnostic,
        file: `${side.label}/${diagnostic.file}`,
      })),
      rulesMeta: report.rulesMeta,
      notices: report.notices.map((notice) => `${side.label}: ${notice}`),
    };
  } catch (error) {
    if (!(error instanceof GitopsError) || error instanceof InternalError) throw error;
    return {
      diagnostics: [
        {
          ruleId: 'release-verify/lint',
          severity: 2,
          message: `${side.label}: cannot be linted: ${error.message}`,
          file: `${side.label}/gitops.yaml`,
        },
      ],
      rulesMeta: {},
      notices: [],
    };
  }
}

/**
 * Tests a release's pair at its tags: checks out the application repository at `v<app>` and the
 * infrastructure repository at `v<infra>`, lints each (with manifest-schema on), and checks them
 * together (tenant onboarding, custom resource kinds, sources, kustomize builds). Findings are
 * data; an unreachable repository or a missing tag throws (exit 2). A compatible pair is
 * recorded in the manifest as `verified`, which `release promote` asks for.
 */
export async function verifyRelease(options: VerifyReleaseOptions): Promise<VerifyReleaseReport> {
  const opened = await openVerification(options);
  try {
    const sides = [opened.application, opened.infrastructure];
    const lints = [];
    for (const side of sides) lints.push(await lintSide(side));
    const pair = await checkPair(opened, options.kubectl === undefined ? {} : { kubectl: options.kubectl });
    const pairDiagnostics: Diagnostic[] = pair.findings.map((finding) => {
      const side = finding.role === 'application' ? opened.application : opened.infrastructure;
      return {
        ruleId: `release-verify/${finding.check}`,
        severity: 2,
        message: finding.message,
        file: `${side.label}/${finding.file}`,
        ...(finding.line === undefined ? {} : { line: finding.line, column: finding.column ?? 1 }),
      };
    });
    const diagnostics = [...lints.flatMap((result) => result.diagnostics), ...pairDiagnostics].sort(compareDiagnostics);
    const compatible = !diagnostics.some((diagnostic) => diagnostic.severity === 2);
    const summary = (side: PairSide): VerifiedSide => ({
      repository: side.repository,
      tag: side.tag,
      commit: side.commit,
      label: side.label,
    });
    let verified: Verification | undefined;
    if (compatible && options.record !== false) {
      const record: Verification = {
        time: isoNow(options.now),
        application_commit: opened.application.commit,
        infrastructure_commit: opened.infrastructure.commit,
      };
      if (
        await recordVerification({
          ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
          name: opened.release.name,
          verified: record,
        })
      )
        verified = record;
    }
    return {
      root: opened.root,
      release: opened.release.name,
      compatible,
      application: summary(opened.application),
      infrastructure: summary(opened.infrastructure),
      results: toLintResults(opened.root, diagnostics),
      diagnostics,
      rulesMeta: Object.assign({}, ...lints.map((result) => result.rulesMeta)) as VerifyReleaseReport['rulesMeta'],
      notices: [...lints.flatMap((result) => result.notices), ...pair.notices],
      kustomizeBuilt: pair.kustomizeBuilt,
      ...(verified === undefined ? {} : { verified }),
    };
  } finally {
    opened.dispose();
  }
}

export interface RollbackReleaseOptions extends Omit<DomainRollbackOptions, 'verifyTarget'> {
  /** Skip the verification of the target pair (default: verify it where its repositories can be located). */
  verify?: boolean;
  appRepo?: string;
  infraRepo?: string;
  cacheDirectory?: string;
  kubectl?: string;
}

/** A rollback that did not happen: the target pair does not verify. The report says why. */
export class UnverifiedRollbackError extends RefusedError {
  readonly report: VerifyReleaseReport;

  constructor(report: VerifyReleaseReport) {
    const problems = report.diagnostics.filter((diagnostic) => diagnostic.severity === 2).length;
    super(
      `the pair of ${report.release} does not verify (${problems} problem${problems === 1 ? '' : 's'}); fix them, or roll back with {{option:noVerify}}`,
      { code: 'UNVERIFIED' },
    );
    this.report = report;
  }
}

/**
 * Rolls back by rolling forward: a new candidate manifest with the versions of the previous (or
 * `to`) release, after verifying that pair as `verifyRelease` does, unless `verify: false`. The
 * verification is recorded in the new manifest. Where gitops.yaml does not locate both
 * repositories and no flag does, the pair is not verified (the result has no `verified`).
 */
export async function rollbackRelease(options: RollbackReleaseOptions): Promise<StoredRelease> {
  const { verify, appRepo, infraRepo, cacheDirectory, kubectl, ...domain } = options;
  if (verify === false) return rollbackInRepository(domain);
  const descriptor = openRepository(domain.cwd).loaded?.descriptor;
  return rollbackInRepository({
    ...domain,
    verifyTarget: async (target) => {
      const located = descriptor === undefined ? undefined : locatePair(descriptor, target, { appRepo, infraRepo });
      if (located?.application === undefined || located.infrastructure === undefined) return undefined;
      const report = await verifyRelease({
        ...(domain.cwd === undefined ? {} : { cwd: domain.cwd }),
        name: target.name,
        record: false,
        ...(appRepo === undefined ? {} : { appRepo }),
        ...(infraRepo === undefined ? {} : { infraRepo }),
        ...(cacheDirectory === undefined ? {} : { cacheDirectory }),
        ...(kubectl === undefined ? {} : { kubectl }),
      });
      if (!report.compatible) throw new UnverifiedRollbackError(report);
      return {
        time: isoNow(domain.now),
        application_commit: report.application.commit,
        infrastructure_commit: report.infrastructure.commit,
      };
    },
  });
}

export type { StoredRelease };

export {
  /**
   * Records the approvals a pull request (GitHub) or merge request (GitLab) carries: APPROVED
   * reviews on its current head by members of the team, checked through the host's API, as
   * verified approvals with the request's URL.
   */
  approveReleaseFromReview,
  /** Why a review did not count, in a few words (for the CLI and other callers). */
  describeRejection,
  type ApproveFromReviewOptions,
  type ApproveFromReviewResult,
  type ReviewedApproval,
  type ReviewVerdict,
  type ReviewRejection,
} from '../release/review-approvals.js';
