import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyGitlabProtection, diffGitlabProtection } from '../../src/api/protection.js';
import { scaffold } from '../../src/api/scaffold.js';
import { cli, type CliRun } from '../helpers/cli.js';
import { FakeGitlab } from '../helpers/gitlab-server.js';

/** A token that must never appear in any output. */
const TOKEN = 'glpat-MarkerTokenGitopsInit0123456789ab';

let gitlab: FakeGitlab;
let base: string;
let infrastructure: string;
let application: string;
const outputs: CliRun[] = [];

async function run(argv: string[], cwd = infrastructure, env: Record<string, string> = {}): Promise<CliRun> {
  const result = await cli(argv, { cwd, env: { GITLAB_TOKEN: TOKEN, CI_API_V4_URL: gitlab.url, ...env } });
  outputs.push(result);
  return result;
}

async function newRepository(kind: 'infrastructure' | 'application', name: string): Promise<string> {
  const root = path.join(base, name);
  await scaffold({
    cwd: base,
    directory: root,
    answers: {
      kind,
      tool: 'flux',
      name,
      org: 'acme',
      platformTeam: '@acme/platform',
      appTeams: kind === 'application' ? '@acme/shop' : '',
      envs: 'dev,production',
      host: 'gitlab',
    },
    git: false,
    today: '2026-01-15',
  });
  return root;
}

const writes = (since: number): string[] =>
  gitlab.requests
    .slice(since)
    .filter((request) => request.method !== 'GET')
    .map((request) => request.route);

beforeAll(async () => {
  gitlab = await FakeGitlab.start(TOKEN);
  gitlab.addGroup('acme');
  gitlab.addGroup('acme/platform');
  gitlab.addGroup('acme/shop');
  base = mkdtempSync(path.join(tmpdir(), 'gitops-init-gitlab-'));
  infrastructure = await newRepository('infrastructure', 'platform');
  application = await newRepository('application', 'shop');
});

afterEach(() => {
  // Every request's parameters are ones GitLab documents for its endpoint.
  expect(gitlab.parameterErrors).toEqual([]);
  gitlab.faults.length = 0;
});

afterAll(async () => {
  for (const output of outputs) expect(`${output.stdout}${output.stderr}`).not.toContain(TOKEN);
  await gitlab.close();
  rmSync(base, { recursive: true, force: true });
});

describe('protect diff and apply against a GitLab API on 127.0.0.1', () => {
  it('apply sets a new project up, diff then finds no drift, and apply again changes nothing', async () => {
    const project = gitlab.addProject('acme/platform-new');
    const diff = await run(['protect', 'diff', '--repo', 'acme/platform-new']);
    expect(diff.code, diff.stderr).toBe(1);
    expect(diff.stdout).toBe(
      [
        'protected branch "main": not on GitLab (apply creates it)',
        'merge settings:',
        '  merge_method: live "merge", policy "ff"',
        '  only_allow_merge_if_pipeline_succeeds: live false, policy true',
        '  only_allow_merge_if_all_discussions_are_resolved: live false, policy true',
        'merge request approval settings:',
        '  merge_requests_author_approval: live true, policy false',
        '  merge_requests_disable_committers_approval: live false, policy true',
        'approval rule "gitops-init baseline": not on GitLab (apply creates it)',
        'group acme/platform: no access, policy Maintainer (apply grants it)',
        'acme/platform-new: 5 of 5 differ from the policy in gitops.yaml.',
        '',
      ].join('\n'),
    );

    const before = gitlab.requests.length;
    const apply = await run(['protect', 'apply', '--repo', 'acme/platform-new', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toContain(
      [
        'created protected branch "main"',
        'updated merge settings',
        'updated merge request approval settings',
        'created approval rule "gitops-init baseline"',
        'created group acme/platform',
        'acme/platform-new now follows the policy in gitops.yaml.',
      ].join('\n'),
    );
    expect(writes(before)).toEqual([
      'POST /projects/:id/protected_branches',
      'PUT /projects/:id',
      'POST /projects/:id/approvals',
      'POST /projects/:id/approval_rules',
      'POST /projects/:id/share',
    ]);
    expect(project.protectedBranches).toEqual([
      expect.objectContaining({
        name: 'main',
        push_access_levels: [expect.objectContaining({ access_level: 0 })],
        merge_access_levels: [expect.objectContaining({ access_level: 40 })],
        unprotect_access_levels: [expect.objectContaining({ access_level: 40 })],
        allow_force_push: false,
        code_owner_approval_required: true,
      }),
    ]);
    expect(project.approvalRules).toEqual([
      expect.objectContaining({
        rule_type: 'any_approver',
        approvals_required: 2,
        applies_to_all_protected_branches: true,
      }),
    ]);
    expect(project.settings).toEqual({
      merge_method: 'ff',
      only_allow_merge_if_pipeline_succeeds: true,
      only_allow_merge_if_all_discussions_are_resolved: true,
    });
    expect(project.shares).toEqual(new Map([[gitlab.groupByPath('acme/platform')?.id, 40]]));

    const again = await run(['protect', 'diff', '--repo', 'acme/platform-new']);
    expect(again).toMatchObject({
      code: 0,
      stdout: 'acme/platform-new matches the policy in gitops.yaml (5 checked).\n',
    });
    const since = gitlab.requests.length;
    const applyAgain = await run(['protect', 'apply', '--repo', 'acme/platform-new', '--yes']);
    expect(applyAgain).toMatchObject({
      code: 0,
      stdout: 'acme/platform-new matches the policy in gitops.yaml (5 checked).\n',
    });
    expect(writes(since)).toEqual([]);
    // The token went as GitLab's PRIVATE-TOKEN header on every request.
    expect(gitlab.requests.every((request) => request.authorized)).toBe(true);
  });

  it('diff names each field that drifted; apply updates in place and never creates a second protected branch', async () => {
    const project = gitlab.addProject('acme/platform-drift');
    await run(['protect', 'apply', '--repo', 'acme/platform-drift', '--yes']);
    // Someone changed things by hand.
    const [branch] = project.protectedBranches;
    if (!branch) throw new Error('no protected branch');
    branch.allow_force_push = true;
    branch.code_owner_approval_required = false;
    const pushEntry = branch.push_access_levels[0]!;
    branch.push_access_levels = [{ ...pushEntry, access_level: 40, access_level_description: 'Maintainers' }];
    project.settings.merge_method = 'rebase_merge';
    project.approvalSettings.reset_approvals_on_push = false;
    project.approvalRules[0]!.approvals_required = 1;

    const diff = await run(['protect', 'diff', '--repo', 'acme/platform-drift']);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toBe(
      [
        'protected branch "main":',
        '  push_access_levels: live ["maintainers"], policy ["no one"]',
        '  allow_force_push: live true, policy false',
        '  code_owner_approval_required: live false, policy true',
        'merge settings:',
        '  merge_method: live "rebase_merge", policy "ff"',
        'merge request approval settings:',
        '  reset_approvals_on_push: live false, policy true',
        'approval rule "gitops-init baseline":',
        '  approvals_required: live 1, policy 2',
        'acme/platform-drift: 4 of 5 differ from the policy in gitops.yaml.',
        '',
      ].join('\n'),
    );
    const before = gitlab.requests.length;
    const apply = await run(['protect', 'apply', '--repo', 'acme/platform-drift', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(writes(before)).toEqual([
      'PATCH /projects/:id/protected_branches/:name',
      'PUT /projects/:id',
      'POST /projects/:id/approvals',
      'PUT /projects/:id/approval_rules/:rule_id',
    ]);
    // The old push entry was destroyed by id and the new one added, in the same protected branch.
    const patch = gitlab.requests.find((request) => request.route.startsWith('PATCH'));
    expect(patch?.body).toEqual({
      allow_force_push: false,
      allowed_to_push: [{ id: pushEntry.id, _destroy: true }, { access_level: 0 }],
      code_owner_approval_required: true,
    });
    expect(project.protectedBranches).toHaveLength(1);
    expect(project.approvalRules).toHaveLength(1);
    expect((await run(['protect', 'diff', '--repo', 'acme/platform-drift'])).code).toBe(0);
  });

  it('a branch protected by hand is updated, not protected a second time', async () => {
    const project = gitlab.addProject('acme/platform-by-hand');
    gitlab.protectBranch(project, 'main', { push: 30, merge: 30, allowForcePush: true });
    const before = gitlab.requests.length;
    const apply = await run(['protect', 'apply', '--repo', 'acme/platform-by-hand', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(writes(before)).not.toContain('POST /projects/:id/protected_branches');
    expect(writes(before)).toContain('PATCH /projects/:id/protected_branches/:name');
    expect(project.protectedBranches).toHaveLength(1);
    expect(project.protectedBranches[0]).toMatchObject({
      allow_force_push: false,
      push_access_levels: [expect.objectContaining({ access_level: 0 })],
      merge_access_levels: [expect.objectContaining({ access_level: 40 })],
    });
    expect((await run(['protect', 'diff', '--repo', 'acme/platform-by-hand'])).code).toBe(0);
  });

  it('on a Free project, Premium settings are notes, not drift, before and after apply', async () => {
    const project = gitlab.addProject('acme/platform-free', { tier: 'free' });
    const apply = await run(['protect', 'apply', '--repo', 'acme/platform-free', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stderr).toContain(
      'gitops-init: note: merge request approval settings (reset_approvals_on_push, merge_requests_author_approval, merge_requests_disable_committers_approval) needs GitLab Premium: acme/platform-free answered 403 on GET /projects/:id/approvals\n',
    );
    expect(apply.stderr).toContain('gitops-init: note: approval rules needs GitLab Premium');
    expect(project.protectedBranches).toHaveLength(1);
    const diff = await run(['protect', 'diff', '--repo', 'acme/platform-free']);
    expect(diff.code, diff.stdout).toBe(0);
    expect(diff.stdout).toBe('acme/platform-free matches the policy in gitops.yaml (3 checked).\n');
    expect(diff.stderr).toContain(
      'gitops-init: note: protected branch "main": code owner approval (code_owner_approval_required) needs GitLab Premium',
    );
    // Nothing was sent to the endpoints a Free project does not have.
    expect(
      gitlab.requests.filter(
        (request) => request.method !== 'GET' && request.path.startsWith(`/projects/${project.id}/approval`),
      ),
    ).toEqual([]);
  });

  it('a setting GitLab does not report is a note, and one it answers 200 to but does not keep is named after apply', async () => {
    const project = gitlab.addProject('acme/platform-quiet');
    delete project.approvalSettings.merge_requests_disable_committers_approval;
    project.ignoredSettings.add('merge_requests_author_approval');
    const apply = await run(['protect', 'apply', '--repo', 'acme/platform-quiet', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stderr).toContain(
      'gitops-init: note: merge request approval settings (merge_requests_disable_committers_approval) needs GitLab Premium: acme/platform-quiet does not report them, so they are not compared\n',
    );
    expect(apply.stderr).toContain(
      "gitops-init: note: merge request approval settings of acme/platform-quiet: GitLab kept merge_requests_author_approval as it was after apply; the project's tier may not have it (needs GitLab Premium)\n",
    );
    const sent = gitlab.requests.filter(
      (request) =>
        request.route === 'POST /projects/:id/approvals' && request.path.startsWith(`/projects/${project.id}/`),
    );
    expect(sent.map((request) => request.body)).toEqual([
      { reset_approvals_on_push: true, merge_requests_author_approval: false },
    ]);
  });

  it('names every group and member with more access than the policy; takes it away only with --prune', async () => {
    const project = gitlab.addProject('acme/shop-access');
    const contractors = gitlab.addGroup('acme/contractors');
    const bob = gitlab.addUser('bob');
    project.shares.set(contractors.id, 30);
    project.shares.set(gitlab.groupByPath('acme/platform')!.id, 40);
    project.members.set(bob.id, 40);
    const diff = await run(['protect', 'diff', '--repo', 'acme/shop-access'], application);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('group acme/shop: no access, policy Developer (apply grants it)\n');
    expect(diff.stdout).toContain(
      "group acme/contractors: Developer, more than the policy's no access (apply --prune takes it away)\n",
    );
    expect(diff.stdout).toContain(
      "member bob: Maintainer, more than the policy's no access (apply --prune takes it away)\n",
    );

    const apply = await run(['protect', 'apply', '--repo', 'acme/shop-access', '--yes'], application);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toContain('except for 2 grants beyond it (apply --prune takes them away)');
    expect(project.shares.get(contractors.id)).toBe(30);
    expect(project.members.get(bob.id)).toBe(40);
    expect(project.shares.get(gitlab.groupByPath('acme/shop')!.id)).toBe(30);
    expect((await run(['protect', 'diff', '--repo', 'acme/shop-access'], application)).code).toBe(1);

    const prune = await run(['protect', 'apply', '--repo', 'acme/shop-access', '--yes', '--prune'], application);
    expect(prune.code, prune.stderr).toBe(0);
    expect(prune.stdout).toContain('removed group acme/contractors\nremoved member bob\n');
    expect(project.shares.has(contractors.id)).toBe(false);
    expect(project.members.has(bob.id)).toBe(false);
    expect(await run(['protect', 'diff', '--repo', 'acme/shop-access'], application)).toMatchObject({ code: 0 });
  });

  it('raises a share below the policy by sharing again at the policy level, and adds members gitops.yaml lists', async () => {
    const root = await newRepository('application', 'shop-members');
    writeFileSync(
      path.join(root, 'gitops.yaml'),
      `${readFileSync(path.join(root, 'gitops.yaml'), 'utf8')}access:\n  collaborators:\n    '@carol': push\n`,
    );
    const project = gitlab.addProject('acme/shop-members');
    const carol = gitlab.addUser('carol');
    const platform = gitlab.groupByPath('acme/platform')!.id;
    project.shares.set(platform, 20);
    const apply = await run(['protect', 'apply', '--repo', 'acme/shop-members', '--yes'], root);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toContain('updated group acme/platform\n');
    expect(apply.stdout).toContain('created member carol\n');
    expect(project.shares.get(platform)).toBe(40);
    expect(project.members.get(carol.id)).toBe(30);
    expect((await run(['protect', 'diff', '--repo', 'acme/shop-members'], root)).code).toBe(0);
  });

  it('401, 403 and 404 each get one line saying what is needed, exit 2', async () => {
    gitlab.addProject('acme/platform-errors');
    const unauthorized = await run(['protect', 'diff', '--repo', 'acme/platform-errors'], infrastructure, {
      GITLAB_TOKEN: 'glpat-wrong',
    });
    expect(unauthorized).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `gitops-init: GitLab rejected the token (401 401 Unauthorized); set GITLAB_TOKEN to a valid token with the api scope for ${gitlab.url}\n`,
    });
    gitlab.addProject('acme/platform-developer', { role: 30 });
    const developer = await run(['protect', 'diff', '--repo', 'acme/platform-developer']);
    expect(developer).toMatchObject({
      code: 2,
      stderr:
        "gitops-init: the token's user has access level 30 on acme/platform-developer: protected branches, approval rules and sharing need the Maintainer or Owner role; use a token (with the api scope) of a Maintainer or Owner\n",
    });
    gitlab.fail({ method: 'GET', path: /\/protected_branches$/, status: 403, body: { message: '403 Forbidden' } });
    const forbidden = await run(['protect', 'diff', '--repo', 'acme/platform-errors']);
    expect(forbidden).toMatchObject({
      code: 2,
      stderr:
        'gitops-init: reading the protected branches of acme/platform-errors was refused (403 403 Forbidden): protection and membership settings need the Maintainer or Owner role on acme/platform-errors and a token with the api scope\n',
    });
    const missing = await run(['protect', 'diff', '--repo', 'acme/nowhere']);
    expect(missing).toMatchObject({
      code: 2,
      stderr:
        "gitops-init: reading acme/nowhere: not found (404 404 Project Not Found); check the project path (--repo acme/nowhere, as group/project) and that the token's user can see it\n",
    });
    const noToken = await run(['protect', 'diff', '--repo', 'acme/platform-errors'], infrastructure, {
      GITLAB_TOKEN: '',
    });
    expect(noToken).toMatchObject({
      code: 2,
      stderr:
        'gitops-init: no GitLab token: set GITLAB_TOKEN to a token with the api scope of a Maintainer or Owner of the project\n',
    });
    const badPath = await run(['protect', 'diff', '--repo', 'platform']);
    expect(badPath).toMatchObject({ code: 2 });
    expect(badPath.stderr).toMatch(
      /^gitops-init: --repo "platform": give the GitLab project as its path, group\/project/,
    );
    const target = await run(['protect', 'diff', '--repo', 'acme/platform-errors', '--target', 'github-ruleset']);
    expect(target).toMatchObject({
      code: 2,
      stderr:
        'gitops-init: --target chooses between GitHub rulesets and classic branch protection; a GitLab project (host: gitlab) has neither: leave it out\n',
    });
    const badUrl = await run([
      'protect',
      'diff',
      '--repo',
      'acme/platform-errors',
      '--api-url',
      'ftp://gitlab.example.com',
    ]);
    expect(badUrl).toMatchObject({
      code: 2,
      stderr:
        'gitops-init: --api-url "ftp://gitlab.example.com": use an http or https URL, e.g. https://gitlab.com/api/v4\n',
    });
    for (const output of [unauthorized, developer, forbidden, missing, noToken, badPath, target, badUrl])
      expect(output.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('waits out a 429 with Retry-After and a 502, then succeeds', async () => {
    gitlab.addProject('acme/platform-limited');
    gitlab.fail({
      method: 'GET',
      path: /^\/projects\/acme%2Fplatform-limited$/,
      status: 429,
      headers: { 'retry-after': '3' },
    });
    gitlab.fail({ method: 'GET', path: /\/protected_branches$/, status: 502 });
    const started = Date.now();
    const diff = await diffGitlabProtection({
      cwd: infrastructure,
      repository: 'acme/platform-limited',
      token: TOKEN,
      apiUrl: gitlab.url,
      retryDelayMs: 20,
    });
    // Retry-After: 3 with a base of 20 ms: at least 60 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(60);
    expect(diff.drift).toBe(true);
    expect(diff.notes).toEqual([
      "GitLab's rate limit was reached on GET projects/acme%2Fplatform-limited; retried after 3 s",
      expect.stringMatching(/^GitLab answered 502 on GET projects\/\d+\/protected_branches; retried$/),
    ]);
    const applied = await applyGitlabProtection({
      cwd: infrastructure,
      repository: 'acme/platform-limited',
      token: TOKEN,
      apiUrl: gitlab.url,
      retryDelayMs: 1,
      diff,
    });
    expect(applied.changes.map((change) => change.action)).toEqual([
      'created',
      'updated',
      'updated',
      'created',
      'created',
    ]);
  });

  it('a rate limit that outlasts the retries is one line, exit 2', async () => {
    gitlab.addProject('acme/platform-exhausted');
    gitlab.fail({
      method: 'GET',
      path: /^\/projects\/acme%2Fplatform-exhausted$/,
      status: 429,
      headers: { 'retry-after': '600' },
    });
    const run1 = await run(['protect', 'diff', '--repo', 'acme/platform-exhausted']);
    expect(run1).toMatchObject({
      code: 2,
      stderr: "gitops-init: reading acme/platform-exhausted: GitLab's rate limit is exhausted (429); try again later\n",
    });
  });

  it('protect render writes .gitlab/access.json, and a new GitLab repository has it in sync', async () => {
    expect(JSON.parse(readFileSync(path.join(application, '.gitlab/access.json'), 'utf8'))).toEqual({
      groups: [
        { group_path: 'acme/shop', group_access: 30 },
        { group_path: 'acme/platform', group_access: 40 },
      ],
      members: [],
    });
    const render = await run(['protect', 'render'], application);
    expect(render).toMatchObject({ code: 0 });
    expect(render.stdout).toContain('  unchanged  .gitlab/access.json\n');
    expect(render.stdout).toContain('0 files written, 4 unchanged.\n');
  });
});
