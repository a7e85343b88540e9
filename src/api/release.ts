/**
 * `gitops-init release`: coordinated releases, the application and infrastructure versions
 * tested together, approved by both teams and promoted as one. Manifests live under
 * releases/ (gitops.yaml's releases.directory); where each application has a release line of
 * its own (releases.perApplication), under releases/<application>/, named and tagged
 * release-<application>-<app>-<infra> (releases.tagFormat). Each function takes `cwd`, returns data and
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
  /** Every release, in semver order; with `app`, one application's. */
  listReleases,
  /** Writes RELEASES.md (or releases.changelog) from the manifests, newest first. */
  writeReleaseLog,
  /** Rolls back by rolling forward: a new candidate manifest with the versions of an earlier release of the same line. */
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
