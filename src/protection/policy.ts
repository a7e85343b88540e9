import picomatch from 'picomatch';
import type { BypassActor, Descriptor, ProtectionTarget, RepositoryKind } from '../config/descriptor.js';
import type { ReleaseApprovals } from '../release/approvers.js';

// The `protection` section's types are generated from gitops.schema.json with the rest of the
// descriptor's; they are re-exported here, where protection code has always found them.
export type { BranchPolicy, BypassActor, DescriptorProtection, ProtectionTarget } from '../config/descriptor.js';

/** The CI job (and required status check) that runs gitops-init lint in every scaffolded repository. */
export const LINT_CHECK_NAME = 'gitops-lint';

/**
 * Repository roles that may bypass a policy (`bypassActors: [{ role }]` in gitops.yaml);
 * GitHub's built-in role ids, GitLab's access levels.
 */
export type BypassRole = Extract<BypassActor, { role: unknown }>['role'];
/** Every bypass role (test/config/schema-types.test.ts checks the list against the schema). */
export const BYPASS_ROLES = ['write', 'maintain', 'admin'] as const satisfies readonly BypassRole[];

/** One provider-neutral branch protection policy. */
export interface ProtectionPolicy {
  /** Branch name or pattern (fnmatch, as GitHub rulesets and GitLab accept). */
  branch: string;
  requiredApprovals: number;
  requireCodeOwnerReview: boolean;
  dismissStaleReviews: boolean;
  requireLastPushApproval: boolean;
  requiredStatusChecks: string[];
  requireLinearHistory: boolean;
  requireSignedCommits: boolean;
  requireConversationResolution: boolean;
  blockForcePushes: boolean;
  blockDeletions: boolean;
  includeAdministrators: boolean;
  bypassActors: BypassActor[];
  /**
   * The teams a change to the releases needs (release-reviewers.ts attaches them to the default
   * branch's policy of a repository with releases): the ruleset's `required_reviewers`, and on
   * GitLab code owner approval. Not a gitops.yaml field.
   */
  releaseApprovals?: ReleaseApprovals;
}

/** The fields of a policy that gitops.yaml sets per branch pattern. */
export type PolicySettings = Omit<ProtectionPolicy, 'branch' | 'releaseApprovals'>;

/**
 * Where `gitops-init protect render` writes the policy: every target of the schema
 * (test/config/schema-types.test.ts checks the list against it).
 */
export const PROTECTION_TARGETS = [
  'github-ruleset',
  'github-branch-protection',
  'settings',
  'gitlab',
] as const satisfies readonly ProtectionTarget[];

/**
 * The baseline per repository kind: infrastructure changes need two approvals including a code
 * owner, the last push approved by someone else, and a linear history; application teams need
 * one approval so that they can move fast, still with their code owners and the lint check.
 */
export function defaultPolicy(kind: RepositoryKind, branch: string): ProtectionPolicy {
  const infrastructure = kind === 'infrastructure';
  return {
    branch,
    requiredApprovals: infrastructure ? 2 : 1,
    requireCodeOwnerReview: true,
    dismissStaleReviews: true,
    requireLastPushApproval: infrastructure,
    requiredStatusChecks: [LINT_CHECK_NAME],
    requireLinearHistory: infrastructure,
    requireSignedCommits: false,
    requireConversationResolution: true,
    blockForcePushes: true,
    blockDeletions: true,
    includeAdministrators: infrastructure,
    bypassActors: [],
  };
}

/** The fields of a policy in the order gitops.yaml lists them (what a scaffold writes). */
export function policySettings(policy: ProtectionPolicy): PolicySettings {
  const settings: Partial<ProtectionPolicy> = { ...policy };
  delete settings.branch;
  delete settings.releaseApprovals;
  return settings as PolicySettings;
}

/** The default branch: the one the scaffold recorded, else `main`. */
export function defaultBranchOf(descriptor: Descriptor | undefined): string {
  const recorded = descriptor?.scaffold?.defaultBranch;
  return typeof recorded === 'string' && recorded !== '' ? recorded : 'main';
}

/**
 * The policies of a repository: one per branch pattern of `protection.branches`, each field
 * defaulting to the repository kind's baseline; without the section, the baseline on the
 * default branch.
 */
export function resolvePolicies(descriptor: Descriptor | undefined, kind: RepositoryKind): ProtectionPolicy[] {
  const branches = descriptor?.protection?.branches;
  if (!branches || Object.keys(branches).length === 0) return [defaultPolicy(kind, defaultBranchOf(descriptor))];
  return Object.entries(branches).map(([branch, settings]) => ({
    ...defaultPolicy(kind, branch),
    ...settings,
    branch,
  }));
}

/** Whether a branch name falls under a policy's pattern (fnmatch, where `*` stops at `/`). */
export function patternMatches(pattern: string, branch: string): boolean {
  return pattern === branch || picomatch.isMatch(branch, pattern, { dot: true });
}

/** A field of a policy below the floor of its repository kind. */
export interface FloorViolation {
  branch: string;
  field: keyof PolicySettings;
  /** What the floor requires, for messages. */
  required: string;
  /** What the policy says, for messages. */
  actual: string;
}

/** The minimum policy of a repository kind. */
export interface ProtectionFloor {
  requiredApprovals: number;
  requireCodeOwnerReview: boolean;
  blockForcePushes: boolean;
  blockDeletions: boolean;
  requireLintCheck: boolean;
}

/**
 * Infrastructure: two approvals, code owner review, no force push, no deletion, the lint check
 * required. Applications: one approval, no force push, no deletion.
 */
export const PROTECTION_FLOORS: Readonly<Record<RepositoryKind, ProtectionFloor>> = {
  infrastructure: {
    requiredApprovals: 2,
    requireCodeOwnerReview: true,
    blockForcePushes: true,
    blockDeletions: true,
    requireLintCheck: true,
  },
  application: {
    requiredApprovals: 1,
    requireCodeOwnerReview: false,
    blockForcePushes: true,
    blockDeletions: true,
    requireLintCheck: false,
  },
};

/** Every way a policy falls below the floor of the repository kind. */
export function floorViolations(
  policy: ProtectionPolicy,
  kind: RepositoryKind,
  lintCheck = LINT_CHECK_NAME,
): FloorViolation[] {
  const floor = PROTECTION_FLOORS[kind];
  const violations: FloorViolation[] = [];
  const add = (field: keyof PolicySettings, required: string, actual: string): void => {
    violations.push({ branch: policy.branch, field, required, actual });
  };
  if (policy.requiredApprovals < floor.requiredApprovals)
    add('requiredApprovals', `at least ${floor.requiredApprovals}`, String(policy.requiredApprovals));
  if (floor.requireCodeOwnerReview && !policy.requireCodeOwnerReview) add('requireCodeOwnerReview', 'true', 'false');
  if (floor.blockForcePushes && !policy.blockForcePushes) add('blockForcePushes', 'true', 'false');
  if (floor.blockDeletions && !policy.blockDeletions) add('blockDeletions', 'true', 'false');
  if (floor.requireLintCheck && !policy.requiredStatusChecks.includes(lintCheck)) {
    const actual =
      policy.requiredStatusChecks.length === 0
        ? 'empty'
        : `[${policy.requiredStatusChecks.map((check) => `"${check}"`).join(', ')}]`;
    add('requiredStatusChecks', `the check "${lintCheck}"`, actual);
  }
  return violations;
}
