import { gitlabAccessLevel, type AccessPolicy } from './access.js';
import type { BypassActor, BypassRole, ProtectionPolicy } from './policy.js';

/**
 * GitHub's built-in repository role ids as rulesets name them (`actor_type: RepositoryRole`);
 * stable on github.com and GitHub Enterprise Server, though not listed in the REST reference.
 */
export const GITHUB_ROLE_IDS: Readonly<Record<BypassRole, number>> = { write: 4, maintain: 2, admin: 5 };

/** GitLab access levels of the roles (https://docs.gitlab.com/api/protected_branches/). */
export const GITLAB_ACCESS_LEVELS: Readonly<Record<BypassRole, number>> = { write: 30, maintain: 40, admin: 60 };

/** One entry of a ruleset's `bypass_actors`. */
export interface GithubBypassActor {
  actor_id: number | null;
  actor_type: 'Integration' | 'OrganizationAdmin' | 'RepositoryRole' | 'Team' | 'DeployKey';
  bypass_mode: 'always' | 'pull_request';
}

function githubBypassActor(actor: BypassActor): GithubBypassActor {
  // Deploy keys can only bypass always (GitHub rejects pull_request for them).
  const bypass_mode = actor.mode === 'pull-request' && !('deployKeys' in actor) ? 'pull_request' : 'always';
  if ('role' in actor) return { actor_id: GITHUB_ROLE_IDS[actor.role], actor_type: 'RepositoryRole', bypass_mode };
  if ('team' in actor) return { actor_id: actor.team, actor_type: 'Team', bypass_mode };
  if ('app' in actor) return { actor_id: actor.app, actor_type: 'Integration', bypass_mode };
  if ('organizationAdmin' in actor) return { actor_id: 1, actor_type: 'OrganizationAdmin', bypass_mode };
  return { actor_id: null, actor_type: 'DeployKey', bypass_mode };
}

/**
 * The ruleset's bypass list: the policy's actors, and repository administrators when the policy
 * does not include them (rulesets have no other way to exempt administrators).
 */
export function githubBypassActors(policy: ProtectionPolicy): GithubBypassActor[] {
  const actors = policy.bypassActors.map(githubBypassActor);
  const adminRole = GITHUB_ROLE_IDS.admin;
  if (
    !policy.includeAdministrators &&
    !actors.some((actor) => actor.actor_type === 'RepositoryRole' && actor.actor_id === adminRole)
  ) {
    actors.push({ actor_id: adminRole, actor_type: 'RepositoryRole', bypass_mode: 'always' });
  }
  return actors;
}

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
    bypass_actors: githubBypassActors(policy),
    conditions: { ref_name: { include: [`refs/heads/${policy.branch}`], exclude: [] } },
    rules,
  };
}

/**
 * Body of the classic PUT /repos/{owner}/{repo}/branches/{branch}/protection. Signed commits
 * have their own endpoint (…/protection/required_signatures), and bypass actors have no
 * equivalent here beyond `enforce_admins`.
 */
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
  /** POST /projects/:id/protected_branches, one per branch pattern */
  protectedBranches: Record<string, unknown>[];
  /** POST /projects/:id/approval_rules */
  approvalRules: Record<string, unknown>[];
  /** PUT /projects/:id (merge request settings) */
  projectSettings: Record<string, unknown>;
}

/** Who may push despite the protection: the policy's roles and teams (GitLab groups). */
function gitlabAllowedToPush(policy: ProtectionPolicy): Record<string, number>[] {
  const allowed: Record<string, number>[] = [];
  for (const actor of policy.bypassActors) {
    if ('role' in actor) allowed.push({ access_level: GITLAB_ACCESS_LEVELS[actor.role] });
    else if ('organizationAdmin' in actor) allowed.push({ access_level: GITLAB_ACCESS_LEVELS.admin });
    else if ('team' in actor) allowed.push({ group_id: actor.team });
    // Apps and deploy keys have no id-free form in GitLab's protected branch API.
  }
  return allowed;
}

/**
 * GitLab's protected-branch, approval-rule and merge-request settings payloads. Approval rules
 * and merge request settings belong to the project, not a branch: they take the strictest
 * value of all policies.
 */
export function renderGitlab(policies: readonly ProtectionPolicy[]): GitlabProtection {
  const any = (test: (policy: ProtectionPolicy) => boolean): boolean => policies.some(test);
  return {
    protectedBranches: policies.map((policy) => {
      const allowedToPush = gitlabAllowedToPush(policy);
      return {
        name: policy.branch,
        // 0: no one pushes directly; 40: maintainers merge.
        push_access_level: 0,
        merge_access_level: 40,
        unprotect_access_level: 40,
        ...(allowedToPush.length > 0 ? { allowed_to_push: allowedToPush } : {}),
        allow_force_push: !policy.blockForcePushes,
        code_owner_approval_required: policy.requireCodeOwnerReview,
      };
    }),
    approvalRules: [
      {
        name: 'gitops-init baseline',
        approvals_required: policies.reduce((most, policy) => Math.max(most, policy.requiredApprovals), 0),
        rule_type: 'any_approver',
        applies_to_all_protected_branches: true,
      },
    ],
    projectSettings: {
      merge_method: any((policy) => policy.requireLinearHistory) ? 'ff' : 'merge',
      only_allow_merge_if_pipeline_succeeds: any((policy) => policy.requiredStatusChecks.length > 0),
      only_allow_merge_if_all_discussions_are_resolved: any((policy) => policy.requireConversationResolution),
      reset_approvals_on_push: any((policy) => policy.dismissStaleReviews),
      merge_requests_author_approval: false,
      merge_requests_disable_committers_approval: any((policy) => policy.requireLastPushApproval),
    },
  };
}

/** One group share of .gitlab/access.json: `POST /projects/:id/share` with the group by path. */
export interface GitlabGroupShare {
  /** The group's full path: the team `@acme/platform` is the group `acme/platform`. */
  group_path: string;
  /** Reporter 20, Developer 30 or Maintainer 40. */
  group_access: number;
}

/** One direct member of .gitlab/access.json: `POST /projects/:id/members` with the username. */
export interface GitlabMemberGrant {
  username: string;
  access_level: number;
}

/** .gitlab/access.json: who may do what on the project, as GitLab's group shares and members. */
export interface GitlabAccess {
  groups: GitlabGroupShare[];
  members: GitlabMemberGrant[];
}

/** The access policy as GitLab's group shares and direct members (https://docs.gitlab.com/api/projects/#share-a-project-with-a-group). */
export function renderGitlabAccess(access: AccessPolicy): GitlabAccess {
  return {
    groups: access.teams.map((grant) => ({
      group_path: grant.team.replace(/^@/, ''),
      group_access: gitlabAccessLevel(grant.permission),
    })),
    members: access.collaborators.map((grant) => ({
      username: grant.login.replace(/^@/, ''),
      access_level: gitlabAccessLevel(grant.permission),
    })),
  };
}
