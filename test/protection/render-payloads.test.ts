import { describe, expect, it } from 'vitest';
import { defaultPolicy, type ProtectionPolicy } from '../../src/protection/policy.js';
import {
  GITHUB_ROLE_IDS,
  GITLAB_ACCESS_LEVELS,
  githubBypassActors,
  renderGithubBranchProtection,
  renderGithubRuleset,
  renderGitlab,
  renderSettingsBranch,
} from '../../src/protection/render.js';

const ADMIN_ALWAYS = { actor_id: GITHUB_ROLE_IDS.admin, actor_type: 'RepositoryRole', bypass_mode: 'always' };

function policy(overrides: Partial<ProtectionPolicy> = {}): ProtectionPolicy {
  return { ...defaultPolicy('application', 'main'), ...overrides };
}

/** A policy with every flag off and nothing required. */
const LOOSE = policy({
  requiredApprovals: 0,
  requireCodeOwnerReview: false,
  dismissStaleReviews: false,
  requireLastPushApproval: false,
  requiredStatusChecks: [],
  requireLinearHistory: false,
  requireSignedCommits: false,
  requireConversationResolution: false,
  blockForcePushes: false,
  blockDeletions: false,
  includeAdministrators: false,
});

describe('githubBypassActors', () => {
  it('maps each kind of actor to its ruleset entry', () => {
    expect(
      githubBypassActors(
        policy({
          includeAdministrators: true,
          bypassActors: [
            { role: 'maintain' },
            { team: 42, mode: 'pull-request' },
            { app: 15368 },
            { organizationAdmin: true },
            { deployKeys: true, mode: 'pull-request' },
          ],
        }),
      ),
    ).toEqual([
      { actor_id: GITHUB_ROLE_IDS.maintain, actor_type: 'RepositoryRole', bypass_mode: 'always' },
      { actor_id: 42, actor_type: 'Team', bypass_mode: 'pull_request' },
      { actor_id: 15368, actor_type: 'Integration', bypass_mode: 'always' },
      { actor_id: 1, actor_type: 'OrganizationAdmin', bypass_mode: 'always' },
      // GitHub rejects pull_request for deploy keys.
      { actor_id: null, actor_type: 'DeployKey', bypass_mode: 'always' },
    ]);
  });

  it('lets repository administrators bypass unless the policy includes them', () => {
    expect(githubBypassActors(policy({ includeAdministrators: false, bypassActors: [] }))).toEqual([ADMIN_ALWAYS]);
    expect(githubBypassActors(policy({ includeAdministrators: true, bypassActors: [] }))).toEqual([]);
  });

  it('does not add administrators twice when the policy already names the admin role', () => {
    expect(
      githubBypassActors(
        policy({ includeAdministrators: false, bypassActors: [{ role: 'admin', mode: 'pull-request' }] }),
      ),
    ).toEqual([{ actor_id: GITHUB_ROLE_IDS.admin, actor_type: 'RepositoryRole', bypass_mode: 'pull_request' }]);
  });
});

describe('renderGithubRuleset', () => {
  it('renders the infrastructure baseline', () => {
    expect(renderGithubRuleset(defaultPolicy('infrastructure', 'main'), 'gitops-init main')).toEqual({
      name: 'gitops-init main',
      target: 'branch',
      enforcement: 'active',
      bypass_actors: [],
      conditions: { ref_name: { include: ['refs/heads/main'], exclude: [] } },
      rules: [
        { type: 'deletion' },
        { type: 'non_fast_forward' },
        { type: 'required_linear_history' },
        {
          type: 'pull_request',
          parameters: {
            required_approving_review_count: 2,
            dismiss_stale_reviews_on_push: true,
            require_code_owner_review: true,
            require_last_push_approval: true,
            required_review_thread_resolution: true,
          },
        },
        {
          type: 'required_status_checks',
          parameters: {
            strict_required_status_checks_policy: true,
            required_status_checks: [{ context: 'gitops-lint' }],
          },
        },
      ],
    });
  });

  it('keeps only the pull request rule when nothing else is asked for, and adds signed commits when it is', () => {
    const loose = renderGithubRuleset(LOOSE, 'x');
    expect((loose.rules as { type: string }[]).map((rule) => rule.type)).toEqual(['pull_request']);
    expect(loose.bypass_actors).toEqual([ADMIN_ALWAYS]);
    const signed = renderGithubRuleset({ ...LOOSE, requireSignedCommits: true }, 'x');
    expect((signed.rules as { type: string }[]).map((rule) => rule.type)).toEqual([
      'required_signatures',
      'pull_request',
    ]);
  });

  it('targets a branch pattern as written, and lists every required check in order', () => {
    const ruleset = renderGithubRuleset(policy({ branch: 'release/*', requiredStatusChecks: ['b', 'a'] }), 'r');
    expect(ruleset.conditions).toEqual({ ref_name: { include: ['refs/heads/release/*'], exclude: [] } });
    expect(JSON.stringify(ruleset.rules)).toContain('"required_status_checks":[{"context":"b"},{"context":"a"}]');
  });
});

describe('renderGithubBranchProtection and renderSettingsBranch', () => {
  it('renders the classic protection body of a policy', () => {
    expect(renderGithubBranchProtection(defaultPolicy('infrastructure', 'main'))).toEqual({
      required_status_checks: { strict: true, contexts: ['gitops-lint'] },
      enforce_admins: true,
      required_pull_request_reviews: {
        dismiss_stale_reviews: true,
        require_code_owner_reviews: true,
        required_approving_review_count: 2,
        require_last_push_approval: true,
      },
      restrictions: null,
      required_linear_history: true,
      allow_force_pushes: false,
      allow_deletions: false,
      required_conversation_resolution: true,
    });
  });

  it('sends null required checks when there are none, and allows what the policy does not block', () => {
    const body = renderGithubBranchProtection(LOOSE);
    expect(body.required_status_checks).toBeNull();
    expect(body.allow_force_pushes).toBe(true);
    expect(body.allow_deletions).toBe(true);
    expect(body.enforce_admins).toBe(false);
  });

  it('wraps the protection body with the branch name for .github/settings.yml', () => {
    const main = policy({ branch: 'main' });
    expect(renderSettingsBranch(main)).toEqual({ name: 'main', protection: renderGithubBranchProtection(main) });
  });
});

describe('renderGitlab', () => {
  it('renders one protected branch per policy, with who may push', () => {
    const gitlab = renderGitlab([
      policy({ branch: 'main', bypassActors: [{ role: 'maintain' }, { team: 7 }, { organizationAdmin: true }] }),
      policy({
        branch: 'release/*',
        blockForcePushes: false,
        requireCodeOwnerReview: false,
        bypassActors: [{ app: 1 }],
      }),
    ]);
    expect(gitlab.protectedBranches).toEqual([
      {
        name: 'main',
        push_access_level: 0,
        merge_access_level: 40,
        unprotect_access_level: 40,
        allowed_to_push: [
          { access_level: GITLAB_ACCESS_LEVELS.maintain },
          { group_id: 7 },
          { access_level: GITLAB_ACCESS_LEVELS.admin },
        ],
        allow_force_push: false,
        code_owner_approval_required: true,
      },
      {
        // Apps have no id-free form in GitLab's API: nobody is listed, so the key is left out.
        name: 'release/*',
        push_access_level: 0,
        merge_access_level: 40,
        unprotect_access_level: 40,
        allow_force_push: true,
        code_owner_approval_required: false,
      },
    ]);
  });

  it('takes the strictest value of all policies for the project settings', () => {
    const gitlab = renderGitlab([
      { ...LOOSE, requiredApprovals: 1 },
      { ...LOOSE, branch: 'prod', requiredApprovals: 3, requireLinearHistory: true, requiredStatusChecks: ['ci'] },
      {
        ...LOOSE,
        branch: 'x',
        requireConversationResolution: true,
        dismissStaleReviews: true,
        requireLastPushApproval: true,
      },
    ]);
    expect(gitlab.approvalRules).toEqual([
      {
        name: 'gitops-init baseline',
        approvals_required: 3,
        rule_type: 'any_approver',
        applies_to_all_protected_branches: true,
      },
    ]);
    expect(gitlab.projectSettings).toEqual({
      merge_method: 'ff',
      only_allow_merge_if_pipeline_succeeds: true,
      only_allow_merge_if_all_discussions_are_resolved: true,
      reset_approvals_on_push: true,
      merge_requests_author_approval: false,
      merge_requests_disable_committers_approval: true,
    });
  });

  it('asks for nothing when no policy does', () => {
    expect(renderGitlab([LOOSE]).projectSettings).toEqual({
      merge_method: 'merge',
      only_allow_merge_if_pipeline_succeeds: false,
      only_allow_merge_if_all_discussions_are_resolved: false,
      reset_approvals_on_push: false,
      merge_requests_author_approval: false,
      merge_requests_disable_committers_approval: false,
    });
    const none = renderGitlab([]);
    expect(none.protectedBranches).toEqual([]);
    expect(none.approvalRules[0]?.approvals_required).toBe(0);
  });
});
