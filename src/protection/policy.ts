import type { RepositoryKind } from '../config/descriptor.js';

/** The CI job (and required status check) that runs gitops-init lint in every scaffolded repository. */
export const LINT_CHECK_NAME = 'gitops-lint';

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
}

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
  };
}
