import type { ProtectionPolicy } from './policy.js';

/**
 * Body of POST /repos/{owner}/{repo}/rulesets (and the file GitHub's ruleset settings import).
 * Rule types and parameters as in GitHub's REST description of repository rulesets.
 */
export function renderGithubRuleset(policy: ProtectionPolicy, name: string): Record<string, unknown> {
  const rules: Record<string, unknown>[] = [];
  if (policy.blockDeletions) rules.push({ type: 'deletion' });
  if (policy.blockForcePushes) rules.push({ type: 'non_fast_forward' });
  if (policy.requireLinearHistory) rules.push({ type: 'required_linear_history' });
  if (policy.requireSignedCommits) rules.push({ type: 'required_signatures' });
  rules.push({
    type: 'pull_request',
    parameters: {
      required_approving_review_count: policy.requiredApprovals,
      dismiss_stale_reviews_on_push: policy.dismissStaleReviews,
      require_code_owner_review: policy.requireCodeOwnerReview,
      require_last_push_approval: policy.requireLastPushApproval,
      required_review_thread_resolution: policy.requireConversationResolution,
    },
  });
  if (policy.requiredStatusChecks.length > 0) {
    rules.push({
      type: 'required_status_checks',
      parameters: {
        strict_required_status_checks_policy: true,
        required_status_checks: policy.requiredStatusChecks.map((context) => ({ context })),
      },
    });
  }
  return {
    name,
    target: 'branch',
    enforcement: 'active',
    // Administrators are included unless a bypass actor is listed: rulesets have no exemption by role otherwise.
    bypass_actors: [],
    conditions: { ref_name: { include: [`refs/heads/${policy.branch}`], exclude: [] } },
    rules,
  };
}

/** Body of the classic PUT /repos/{owner}/{repo}/branches/{branch}/protection. */
export function renderGithubBranchProtection(policy: ProtectionPolicy): Record<string, unknown> {
  return {
    required_status_checks:
      policy.requiredStatusChecks.length > 0 ? { strict: true, contexts: policy.requiredStatusChecks } : null,
    enforce_admins: policy.includeAdministrators,
    required_pull_request_reviews: {
      dismiss_stale_reviews: policy.dismissStaleReviews,
      require_code_owner_reviews: policy.requireCodeOwnerReview,
      required_approving_review_count: policy.requiredApprovals,
      require_last_push_approval: policy.requireLastPushApproval,
    },
    restrictions: null,
    required_linear_history: policy.requireLinearHistory,
    allow_force_pushes: !policy.blockForcePushes,
    allow_deletions: !policy.blockDeletions,
    required_conversation_resolution: policy.requireConversationResolution,
  };
}

/** The `branches` entry of .github/settings.yml (safe-settings and the Settings app). */
export function renderSettingsBranch(policy: ProtectionPolicy): Record<string, unknown> {
  return { name: policy.branch, protection: renderGithubBranchProtection(policy) };
}

export interface GitlabProtection {
  /** POST /projects/:id/protected_branches */
  protectedBranch: Record<string, unknown>;
  /** POST /projects/:id/approval_rules */
  approvalRules: Record<string, unknown>[];
  /** PUT /projects/:id (merge request settings) */
  projectSettings: Record<string, unknown>;
}

/** GitLab's protected-branch, approval-rule and merge-request settings payloads. */
export function renderGitlab(policy: ProtectionPolicy): GitlabProtection {
  return {
    protectedBranch: {
      name: policy.branch,
      // 0: no one pushes directly; 40: maintainers merge.
      push_access_level: 0,
      merge_access_level: 40,
      unprotect_access_level: 40,
      allow_force_push: !policy.blockForcePushes,
      code_owner_approval_required: policy.requireCodeOwnerReview,
    },
    approvalRules: [
      {
        name: 'gitops-init baseline',
        approvals_required: policy.requiredApprovals,
        rule_type: 'any_approver',
        applies_to_all_protected_branches: true,
      },
    ],
    projectSettings: {
      merge_method: policy.requireLinearHistory ? 'ff' : 'merge',
      only_allow_merge_if_pipeline_succeeds: policy.requiredStatusChecks.length > 0,
      only_allow_merge_if_all_discussions_are_resolved: policy.requireConversationResolution,
      reset_approvals_on_push: policy.dismissStaleReviews,
      merge_requests_author_approval: false,
      merge_requests_disable_committers_approval: policy.requireLastPushApproval,
    },
  };
}
