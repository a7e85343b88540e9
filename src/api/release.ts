/**
 * `gitops-init release`: coordinated releases, the application and infrastructure versions
 * tested together, approved by both teams and promoted as one. Manifests live under
 * releases/ (gitops.yaml's releases.directory). Each function takes `cwd`, returns data and
 * never prints; refusals are RefusedError, bad options UsageError.
 */
export {
  /** Writes releases/release-<app>-<infra>.yaml as a candidate, after every check passes. */
  createRelease,
  /** Records a team's approval; the release is approved once every required team has approved. */
  approveRelease,
  /** Marks an approved release promoted (inside a release window), or any release with `emergency` and a reason. */
  promoteRelease,
  /** Creates the annotated tag named like the release on HEAD; the manifest must be approved and committed. */
  tagRelease,
  /** Every release, in semver order. */
  listReleases,
  /** Writes RELEASES.md (or releases.changelog) from the manifests, newest first. */
  writeReleaseLog,
  /** Rolls back by rolling forward: a new candidate manifest with the versions of an earlier release. */
  rollbackRelease,
  RELEASE_SCHEMA_URL,
  type ApproveReleaseOptions,
  type Approval,
  type CreateReleaseOptions,
  type PromoteReleaseOptions,
  type Release,
  type ReleaseLogResult,
  type ReleaseStatus,
  type ReleaseTagResult,
  type RollbackReleaseOptions,
  type StoredRelease,
} from '../release/index.js';
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
