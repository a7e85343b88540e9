import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyGitlabDiff, readGitlabDiff } from '../../src/protection/gitlab.js';
import { defaultPolicy } from '../../src/protection/policy.js';
import type { GitlabConnection } from '../../src/protection/gitlab-client.js';
import { FakeGitlab } from '../helpers/gitlab-server.js';

const TOKEN = 'glpat-RulesMarker0123456789';
let gitlab: FakeGitlab;
let connection: GitlabConnection;

beforeAll(async () => {
  gitlab = await FakeGitlab.start(TOKEN);
  connection = { token: TOKEN, apiUrl: gitlab.url, retryDelayMs: 1 };
});

afterAll(async () => {
  expect(gitlab.parameterErrors).toEqual([]);
  await gitlab.close();
});

it('an approval rule naming groups by path is sent with their ids, and a missing group is one line', async () => {
  const project = gitlab.addProject('acme/rules');
  const platform = gitlab.addGroup('acme/platform');
  const diff = await readGitlabDiff(connection, 'acme/rules', [defaultPolicy('infrastructure', 'main')], undefined);
  const rule = diff.items.find((item) => item.kind === 'approval-rule');
  if (!rule) throw new Error('no approval rule in the diff');
  rule.body = { ...rule.body, name: 'platform', rule_type: 'regular', groups: ['acme/platform'] };
  await applyGitlabDiff(connection, { ...diff, items: [rule] });
  expect(gitlab.requests.find((request) => request.route === 'POST /projects/:id/approval_rules')?.body).toEqual({
    name: 'platform',
    approvals_required: 2,
    rule_type: 'regular',
    applies_to_all_protected_branches: true,
    group_ids: [platform.id],
  });
  expect(project.approvalRules).toEqual([expect.objectContaining({ name: 'platform', group_ids: [platform.id] })]);

  rule.body = { ...rule.body, name: 'ghosts', groups: ['acme/ghosts'] };
  await expect(applyGitlabDiff(connection, { ...diff, items: [rule] })).rejects.toThrow(
    /^group acme\/ghosts does not exist on http:\/\/127\.0\.0\.1:\d+\/api\/v4, or the token cannot see it \(404\); the team @acme\/ghosts in gitops.yaml is read as that group's path$/,
  );
});

it('the one any-approver rule is updated whatever its name, never created a second time', async () => {
  const project = gitlab.addProject('acme/any-approver');
  project.approvalRules.push({
    id: gitlab.nextId(),
    name: 'All Members',
    rule_type: 'any_approver',
    approvals_required: 0,
    applies_to_all_protected_branches: false,
    group_ids: [],
    user_ids: [],
    protected_branch_ids: [],
  });
  const policies = [defaultPolicy('application', 'main')];
  const diff = await readGitlabDiff(connection, 'acme/any-approver', policies, undefined);
  expect(diff.items.find((item) => item.kind === 'approval-rule')).toMatchObject({
    status: 'differs',
    differences: [
      { path: 'approvals_required', expected: 1, actual: 0 },
      { path: 'applies_to_all_protected_branches', expected: true, actual: false },
      { path: 'name', expected: 'gitops-init baseline', actual: 'All Members' },
    ],
  });
  await applyGitlabDiff(connection, diff);
  expect(project.approvalRules).toHaveLength(1);
  expect(project.approvalRules[0]).toMatchObject({ name: 'gitops-init baseline', approvals_required: 1 });
  const again = await readGitlabDiff(connection, 'acme/any-approver', policies, undefined);
  expect(again.items.filter((item) => item.status !== 'in-sync')).toEqual([]);
});
