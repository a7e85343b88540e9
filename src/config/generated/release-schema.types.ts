// Generated from src/release/release.schema.json by src/config/generate-schemas.ts with json-schema-to-typescript 16.0.0: do not edit.
// After changing the schema or upgrading json-schema-to-typescript, run `npm run generate:schemas`.

/**
 * Semantic version 2.0, without a leading v.
 */
export type Semver = string;
export type Time = string;
export type ReleaseStatus = 'candidate' | 'approved' | 'promoted' | 'rolled-back';
export type Team = string;

/**
 * The application and infrastructure versions tested together, approved by both teams and deployed as one release.
 */
export interface ReleaseManifest {
  release: Release;
}
/**
 * The release: the versions deployed together, its status and its approvals.
 */
export interface Release {
  /**
   * release-<application>-<infrastructure>, with -rollback-<n> for a rollback.
   */
  name?: string;
  application_version: Semver;
  infrastructure_version: Semver;
  /**
   * Versions of more components, for organisations with several applications.
   */
  components?: {
    [k: string]: Semver;
  };
  created?: Time;
  environment?: string;
  status?: ReleaseStatus;
  /**
   * The application team whose approval the release needs besides the platform team's.
   */
  application_team?: string;
  approvals?: Approval[];
  promoted?: Time;
  /**
   * A promotion outside the rules (no approvals, or outside a release window), with its reason.
   */
  emergency?: {
    reason: string;
    time: Time;
  };
  /**
   * Set when the release was created older than the newest one on purpose (--allow-downgrade).
   */
  downgrade?: true;
  /**
   * The release this one rolls back, by name.
   */
  rollback_of?: string;
  notes?: string;
}
export interface Approval {
  team: Team;
  approver: string;
  time: Time;
  /**
   * true: read from the pull (merge) request's approvals through the host's API, by a member of the team on the current head; false: typed with --by, unchecked.
   */
  verified?: boolean;
  /**
   * The pull request (GitHub) or merge request (GitLab) the approval was read from.
   */
  pull_request?: string;
  /**
   * The head commit the approval was given on.
   */
  commit?: string;
}
