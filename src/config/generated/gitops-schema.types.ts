// Generated from src/config/gitops.schema.json by src/config/generate-schemas.ts with json-schema-to-typescript 16.0.0: do not edit.
// After changing the schema or upgrading json-schema-to-typescript, run `npm run generate:schemas`.

/**
 * infrastructure: cluster-wide configuration owned by the platform team. application: one application's deployment, owned by its team.
 */
export type RepositoryKind = 'infrastructure' | 'application';
/**
 * The GitOps tool that deploys this repository.
 */
export type GitopsTool = 'argocd' | 'flux' | 'helm';
export type Team = string;
export type DnsLabel = string;
export type Person = string;
/**
 * A handle (@user, @org/team, @@role, an e-mail address) or the name of a team declared under teams.
 */
export type Owner = string;
export type ProtectionTarget = 'github-ruleset' | 'github-branch-protection' | 'settings' | 'gitlab';
/**
 * Who may bypass the policy: a repository role, a team or an app (by the host's numeric id), organisation administrators, or deploy keys. mode pull-request lets them bypass only through a pull request (GitHub rulesets); the default is always.
 */
export type BypassActor =
  | {
      role: 'write' | 'maintain' | 'admin';
      mode?: BypassMode;
    }
  | {
      team: number;
      mode?: BypassMode;
    }
  | {
      app: number;
      mode?: BypassMode;
    }
  | {
      organizationAdmin: true;
      mode?: BypassMode;
    }
  | {
      deployKeys: true;
      mode?: BypassMode;
    };
export type BypassMode = 'always' | 'pull-request';
/**
 * GitHub's repository roles, lowest first. On GitLab pull and triage are Reporter (20), push Developer (30), maintain and admin Maintainer (40). none: no access from this policy.
 */
export type AccessPermission = 'none' | 'pull' | 'triage' | 'push' | 'maintain' | 'admin';
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export type RuleEntry = Severity | readonly [Severity, ...unknown[]];
export type Severity = 'off' | 'warn' | 'error' | 0 | 1 | 2;

/**
 * Describes a GitOps repository for gitops-init: its kind, tool, teams, environments and lint configuration.
 */
export interface Descriptor {
  kind: RepositoryKind;
  tool: GitopsTool;
  /**
   * The repository's name, a DNS-1123 label.
   */
  name: string;
  teams?: {
    /**
     * The platform team: owns infrastructure and co-owns policy files everywhere.
     */
    platform?: string;
    /**
     * In an application repository: the team that owns it.
     */
    application?: string;
    /**
     * In an infrastructure repository: the application teams onboarded as tenants.
     */
    applications?: TenantTeam[];
    /**
     * People who may be named as code owners besides the teams: @user handles or e-mail addresses.
     */
    members?: Person[];
  };
  /**
   * CODEOWNERS patterns to their owners, in order (later entries win, as in CODEOWNERS). 'gitops-init codeowners sync' writes them into CODEOWNERS between generated markers. An owner is a handle (@org/team, @user, an e-mail address) or the name of a team declared under teams: platform, application, or the name of an entry of teams.applications.
   */
  ownership?: {
    [k: string]: Owner | Owner[];
  };
  /**
   * Paths the platform team must own (a trailing slash marks a directory): alone in an infrastructure repository, together with the owning team in an application repository. Replaces the defaults of codeowners-critical-paths; CODEOWNERS itself is always included.
   */
  criticalPaths?: string[];
  /**
   * In an application repository: the namespaces its resources may use.
   */
  namespaces?: DnsLabel[];
  /**
   * This repository's clone URL (https, ssh or scp-like). GitOps sources with this URL point at this repository, so the paths they name are checked here.
   */
  repositoryUrl?: string;
  /**
   * What belongs to the platform team, for the boundary rules.
   */
  platform?: {
    /**
     * Namespaced kinds that only the platform team manages (e.g. NetworkPolicy, ResourceQuota, LimitRange), as Kind or group/Kind; application repositories may not contain them.
     */
    kinds?: string[];
    /**
     * Infrastructure repositories: where the platform's own components (ingress controllers, monitoring) run workloads.
     */
    workloads?: {
      namespaces?: DnsLabel[];
      paths?: string[];
    };
  };
  /**
   * Deployment environments, in promotion order.
   *
   * @minItems 1
   */
  environments?: DnsLabel[];
  /**
   * Where the repository is hosted.
   */
  host?: 'github' | 'gitlab';
  protection?: DescriptorProtection;
  access?: DescriptorAccess;
  /**
   * The repository's version (semver 2.0, no leading v), when gitops.yaml is one of its version sources.
   */
  version?: string;
  versioning?: {
    /**
     * Version sources that must agree, as file or file#field (e.g. VERSION, chart/Chart.yaml#version). The first one is where the version lives.
     *
     * @minItems 1
     */
    sources?: string[];
  };
  releases?: ReleasesConfig;
  rules?: RuleMap;
  /**
   * Rule settings for some files, by glob (later entries win).
   */
  overrides?: {
    /**
     * @minItems 1
     */
    files: string[];
    rules: RuleMap;
  }[];
  /**
   * Globs of files that are never linted, on top of .gitignore.
   */
  ignores?: string[];
  linterOptions?: {
    reportUnusedDisableDirectives?: 'off' | 'warn' | 'error';
    /**
     * Largest YAML file that is parsed, in bytes; larger files get a finding.
     */
    maxFileSize?: number;
  };
  /**
   * Answers gitops-init used to generate this repository, so that a re-run needs no flags.
   */
  scaffold?: {
    /**
     * The gitops-init version whose templates the repository's files were last rendered from: 'gitops-init update' merges the difference to the running version's templates.
     */
    version?: string;
    [k: string]: unknown;
  };
}
export interface TenantTeam {
  name: string;
  team: Team;
  namespaces?: DnsLabel[];
  repository?: string;
  /**
   * The environments the tenant is onboarded in (names from environments); absent: every environment. Its AppProject and Application (Argo CD), its entry in tenants/<environment> (Flux) or its namespaces (Helm) exist only there.
   *
   * @minItems 1
   */
  environments?: DnsLabel[];
}
/**
 * Branch protection as code: one provider-neutral policy per branch pattern. 'gitops-init protect render' writes the host's files from it, 'protect diff' and 'protect apply' compare it with and apply it to the live GitHub repository. Unset fields take the defaults of the repository kind; an infrastructure repository cannot go below its floor (2 approvals, code owner review, no force push, no deletion, the gitops-lint check).
 */
export interface DescriptorProtection {
  /**
   * What 'protect render' writes and protection-files-in-sync keeps: github-ruleset (.github/rulesets/<branch>-protection.json), github-branch-protection (.github/branch-protection/<branch>.json, the classic API's body), settings (branches and rulesets of .github/settings.yml, for safe-settings), gitlab (.gitlab/*.json). Default: github-ruleset and settings on GitHub, gitlab on GitLab.
   *
   * @minItems 1
   */
  targets?: ProtectionTarget[];
  /**
   * Branch name or pattern (fnmatch: * within a path segment, ** across) to its policy.
   */
  branches?: {
    [k: string]: BranchPolicy;
  };
  /**
   * GitHub team ids by team (@org/team), for the release approvals the rendered ruleset requires (required_reviewers). A team not listed is looked up at 'protect apply' and 'protect diff' (GET /orgs/{org}/teams/{slug}); the offline 'protect render' leaves it out and says so.
   */
  teamIds?: {
    [k: string]: number;
  };
}
/**
 * The protection policy of a branch pattern; unset fields take the defaults of the repository kind.
 */
export interface BranchPolicy {
  /**
   * Approving reviews a pull request needs (0 to 6, what GitHub's classic branch protection accepts).
   */
  requiredApprovals?: number;
  /**
   * A code owner of the changed files must approve.
   */
  requireCodeOwnerReview?: boolean;
  /**
   * A new push dismisses earlier approvals.
   */
  dismissStaleReviews?: boolean;
  /**
   * Someone other than the author of the last push must approve.
   */
  requireLastPushApproval?: boolean;
  /**
   * Checks that must pass, by name (the CI job's name).
   */
  requiredStatusChecks?: string[];
  /**
   * No merge commits: squash or rebase only.
   */
  requireLinearHistory?: boolean;
  /**
   * Every commit must carry a verified signature.
   */
  requireSignedCommits?: boolean;
  /**
   * Every review thread must be resolved before merging.
   */
  requireConversationResolution?: boolean;
  /**
   * No force pushes.
   */
  blockForcePushes?: boolean;
  /**
   * The branch cannot be deleted.
   */
  blockDeletions?: boolean;
  /**
   * The rules bind administrators too; false lets repository administrators bypass them.
   */
  includeAdministrators?: boolean;
  /**
   * Who may bypass the rules: a repository role (write, maintain, admin), a team or app by the host's numeric id, organization administrators, or deploy keys; mode pull-request limits the bypass to pull requests (GitHub rulesets).
   */
  bypassActors?: BypassActor[];
}
/**
 * Who may write, as code: the permission of each team and person on the repository. Unset: the kind's defaults (infrastructure: the platform team maintain, the tenant teams pull; application: its team push, the platform team maintain). Entries here change or add to the defaults; none takes a default away. 'protect render' writes them into .github/settings.yml (teams, collaborators) or .gitlab/access.json, 'protect diff' reports everyone with more access than this, 'protect apply' grants it (and takes extra access away only with --prune). The access-policy-minimum rule holds it to the kind's floor: on an infrastructure repository nobody but the platform team writes.
 */
export interface DescriptorAccess {
  /**
   * Team (@org/team) to its permission.
   */
  teams?: {
    [k: string]: AccessPermission;
  };
  /**
   * Person (@login) to their permission: the direct or outside collaborators the policy grants. Anyone else with write access is drift.
   */
  collaborators?: {
    [k: string]: AccessPermission;
  };
}
/**
 * Coordinated releases of application and infrastructure versions.
 */
export interface ReleasesConfig {
  /**
   * Where release manifests live.
   */
  directory?: string;
  /**
   * Whether each application (a tenant of teams.applications) has a release line of its own: manifests in <directory>/<application>/, tags and tag messages naming the application, version checks, rollbacks and the release log per application. auto: when gitops.yaml names more than one application.
   */
  perApplication?: 'auto' | 'always' | 'never';
  /**
   * A release's name and git tag: letters, digits, . _ @ + - and the placeholders {app} (the application's name in teams.applications), {appVersion} and {infraVersion} (both required); a rollback adds -rollback-<n>. Per-application lines need {app}. Default: release-{app}-{appVersion}-{infraVersion} where releases are per application, release-{appVersion}-{infraVersion} otherwise.
   */
  tagFormat?: string;
  /**
   * Component repositories (a local path or a git URL) whose v<version> tags 'release create' checks.
   */
  repositories?: {
    application?: string;
    infrastructure?: string;
  };
  /**
   * When releases may be promoted (UTC); outside them only with --emergency.
   */
  windows?: ReleaseWindow[];
  /**
   * The release log, a Markdown file of its own.
   */
  changelog?: string;
}
export interface ReleaseWindow {
  /**
   * Days of the week, as their first three letters in lower case.
   *
   * @minItems 1
   */
  days: Weekday[];
  /**
   * UTC hours, as HH:MM-HH:MM.
   */
  hours: string;
}
export interface RuleMap {
  [k: string]: RuleEntry;
}
