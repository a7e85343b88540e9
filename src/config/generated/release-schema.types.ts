// Generated from src/release/release.schema.json by src/config/generate-schemas.ts with json-schema-to-typescript 16.0.0: do not edit.
// After changing the schema or upgrading json-schema-to-typescript, run `npm run generate:schemas`.

/**
 * Semantic version 2.0, without a leading v.
 */
export type Semver = string;
export type Time = string;
export type ReleaseStatus = 'candidate' | 'approved' | 'promoted' | 'rolled-back';
export type Team = string;
export type Commit = string;

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
   * The release's name and git tag: release-<application>-<infrastructure> (release-<app>-<application>-<infrastructure> where releases are per application, or gitops.yaml's releases.tagFormat), with -rollback-<n> for a rollback.
   */
  name?: string;
  /**
   * The application (the name of a tenant in gitops.yaml's teams.applications) whose release line this is; set where releases are per application, in <directory>/<application>/.
   */
  application?: string;
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
   * The last successful `gitops-init release verify`: when, and the commits of the application and infrastructure tags it tested together. `release promote` refuses a release without it where gitops.yaml locates both repositories, unless --emergency.
   */
  verified?: {
    time: Time;
    application_commit: Commit;
    infrastructure_commit: Commit;
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
