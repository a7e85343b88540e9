import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scaffold } from '../../src/api/scaffold.js';
import { cli, type CliRun } from '../helpers/cli.js';
import { addAccessRoutes, type AccessRoutes } from '../helpers/github-access-routes.js';
import { FakeGithub } from '../helpers/github-server.js';

const TOKEN = 'ghp_AccessMarkerToken0123456789abcdefghijXYZ';

let github: FakeGithub;
let access: AccessRoutes;
let base: string;
let root: string;
const outputs: CliRun[] = [];

async function run(argv: string[], cwd = root): Promise<CliRun> {
  const result = await cli(argv, { cwd, env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url } });
  outputs.push(result);
  return result;
}

const writes = (): string[] =>
  github.requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path}`);

beforeAll(async () => {
  github = await FakeGithub.start(TOKEN);
  access = addAccessRoutes(github);
  base = mkdtempSync(path.join(tmpdir(), 'gitops-init-access-'));
  root = path.join(base, 'platform');
  await scaffold({
    cwd: base,
    directory: root,
    answers: {
      kind: 'infrastructure',
      tool: 'flux',
      name: 'platform',
      org: 'acme',
      platformTeam: '@acme/platform',
      appTeams: '@acme/payments',
      envs: 'dev',
      host: 'github',
    },
    git: false,
    today: '2026-01-15',
  });
  // An auditor may read and triage; nobody else is granted anything beyond the kind's defaults.
  appendFileSync(path.join(root, 'gitops.yaml'), 'access:\n  collaborators:\n    "@auditor": triage\n');
});

afterAll(async () => {
  await github.close();
  rmSync(base, { recursive: true, force: true });
});

afterEach(() => {
  // Every body sent matched GitHub's request schema, every answer its response schema.
  expect(github.schemaErrors).toEqual([]);
  github.faults.length = 0;
  access.refuse = false;
});

describe('repository access: protect diff and apply against a GitHub API on 127.0.0.1', () => {
  it('renders the access policy into .github/settings.yml as safe-settings reads it', async () => {
    const render = await run(['protect', 'render', '--force']);
    expect(render.code, render.stderr).toBe(0);
    const settings = parse(readFileSync(path.join(root, '.github/settings.yml'), 'utf8')) as Record<string, unknown>;
    expect(settings.teams).toEqual([
      { name: 'platform', permission: 'maintain' },
      { name: 'payments', permission: 'pull' },
    ]);
    expect(settings.collaborators).toEqual([{ username: 'auditor', permission: 'triage' }]);
    // The rest of the file is the user's, and kept.
    expect(settings.repository).toMatchObject({ name: 'platform' });
  });

  it('diff names everyone with more or less access; apply grants, and takes away only with --prune', async () => {
    github.addRepository('acme/platform', { branches: ['main'] });
    const state = access.of('acme/platform');
    state.teams.set('platform', { role: 'push' });
    state.teams.set('contractors', { role: 'push' });
    state.collaborators.set('mallory', { role: 'admin', outside: true });

    const diff = await run(['protect', 'diff', '--repo', 'acme/platform']);
    expect(diff.code, diff.stderr).toBe(1);
    expect(diff.stdout).toContain(
      [
        'access to acme/platform:',
        '  team @acme/platform: live push, policy maintain (apply grants maintain)',
        '  team @acme/payments: live none, policy pull (apply grants pull)',
        '  team @acme/contractors: live push, policy none (more than the policy grants; apply --prune takes it away)',
        '  collaborator @auditor: live none, policy triage (apply grants triage)',
        '  outside collaborator @mallory: live admin, policy none (more than the policy grants; apply --prune takes it away)',
        'acme/platform: 2 of 2 differ from the policy in gitops.yaml, and so does the access of 5 teams or people.',
        '',
      ].join('\n'),
    );
    expect(writes()).toEqual([]);

    const apply = await run(['protect', 'apply', '--repo', 'acme/platform', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toContain(
      [
        'granted maintain to team @acme/platform',
        'granted pull to team @acme/payments',
        'granted triage to collaborator @auditor',
        'acme/platform now follows the policy in gitops.yaml, except for access it does not grant, left alone without --prune: @acme/contractors, @mallory.',
        '',
      ].join('\n'),
    );
    expect(Object.fromEntries(state.teams)).toEqual({
      platform: { role: 'maintain' },
      contractors: { role: 'push' },
      payments: { role: 'pull' },
    });
    expect(state.collaborators.get('mallory')).toEqual({ role: 'admin', outside: true });
    expect(writes().filter((write) => write.startsWith('DELETE'))).toEqual([]);

    // What is left: the two with access the policy does not grant; apply without --prune has nothing to do.
    const after = await run(['protect', 'diff', '--repo', 'acme/platform']);
    expect(after).toMatchObject({
      code: 1,
      stdout: [
        'access to acme/platform:',
        '  team @acme/contractors: live push, policy none (more than the policy grants; apply --prune takes it away)',
        '  outside collaborator @mallory: live admin, policy none (more than the policy grants; apply --prune takes it away)',
        'acme/platform: 0 of 2 differ from the policy in gitops.yaml, and so does the access of 2 teams or people.',
        '',
      ].join('\n'),
    });
    const before = writes().length;
    const again = await run(['protect', 'apply', '--repo', 'acme/platform', '--yes']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Nothing to apply without --prune.\n');
    expect(writes()).toHaveLength(before);

    const pruned = await run(['protect', 'apply', '--repo', 'acme/platform', '--yes', '--prune']);
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(pruned.stdout).toContain(
      'removed team @acme/contractors\nremoved collaborator @mallory\nacme/platform now follows the policy in gitops.yaml.\n',
    );
    expect(writes().slice(before)).toEqual([
      'DELETE /orgs/acme/teams/contractors/repos/acme/platform',
      'DELETE /repos/acme/platform/collaborators/mallory',
    ]);

    // apply → diff (no drift) → apply (no change).
    const clean = await run(['protect', 'diff', '--repo', 'acme/platform']);
    expect(clean).toMatchObject({
      code: 0,
      stdout: 'acme/platform matches the policy in gitops.yaml (2 checked).\n',
    });
    const count = writes().length;
    const unchanged = await run(['protect', 'apply', '--repo', 'acme/platform', '--yes', '--prune']);
    expect(unchanged).toMatchObject({
      code: 0,
      stdout: 'acme/platform matches the policy in gitops.yaml (2 checked).\n',
    });
    expect(writes()).toHaveLength(count);
  });

  it('reports a custom role by name, ranked above its base role; --prune sets the policy role', async () => {
    github.addRepository('acme/custom', { branches: ['main'] });
    const state = access.of('acme/custom');
    state.teams.set('platform', { role: 'platform-admin', base: 'maintain' });
    state.teams.set('payments', { role: 'pull' });
    state.teams.set('deployers', { role: 'deployer', base: 'push' });
    state.collaborators.set('auditor', { role: 'triage' });
    const diff = await run(['protect', 'diff', '--repo', 'acme/custom', '--target', 'github-access']);
    expect(diff).toMatchObject({
      code: 1,
      stdout: [
        'access to acme/custom:',
        '  team @acme/platform: live platform-admin, policy maintain (more than the policy grants; apply --prune sets maintain)',
        '  team @acme/deployers: live deployer, policy none (more than the policy grants; apply --prune takes it away)',
        'acme/custom: 0 of 0 differ from the policy in gitops.yaml, and so does the access of 2 teams or people.',
        '',
      ].join('\n'),
    });
    const apply = await run([
      'protect',
      'apply',
      '--repo',
      'acme/custom',
      '--target',
      'github-access',
      '--yes',
      '--prune',
    ]);
    expect(apply.code, apply.stderr).toBe(0);
    expect(state.teams.get('platform')).toEqual({ role: 'maintain' });
    expect(state.teams.has('deployers')).toBe(false);
  });

  it('reads every page of teams and collaborators', async () => {
    github.addRepository('acme/crowded', { branches: ['main'] });
    const state = access.of('acme/crowded');
    state.teams.set('platform', { role: 'maintain' });
    state.teams.set('payments', { role: 'pull' });
    state.collaborators.set('auditor', { role: 'triage' });
    for (let index = 0; index < 150; index += 1) state.teams.set(`team-${index}`, { role: 'pull' });
    for (let index = 0; index < 120; index += 1) state.collaborators.set(`reader-${index}`, { role: 'pull' });
    const diff = await run(['protect', 'diff', '--repo', 'acme/crowded', '--target', 'github-access']);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('  team @acme/team-149: live pull, policy none');
    expect(diff.stdout).toContain('  collaborator @reader-119: live pull, policy none');
    expect(diff.stdout).toContain('so does the access of 270 teams or people.');
  });

  it('403: a token that may not read or change access gets one line, exit 2', async () => {
    github.addRepository('acme/locked', { branches: ['main'] });
    access.refuse = true;
    const diff = await run(['protect', 'diff', '--repo', 'acme/locked', '--target', 'github-access']);
    expect(diff).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        "gitops-init: listing the teams of acme/locked was refused (403 Must have admin rights to Repository.): reading and changing who has access needs admin rights on acme/locked and a token that can see the organisation's teams; use a token of a repository administrator (fine-grained tokens: Administration read and write, and the organisation's Members read)\n",
    });

    access.refuse = false;
    github.fail({
      method: 'PUT',
      path: /^\/orgs\/acme\/teams\/payments\/repos\/acme\/locked$/,
      status: 403,
      body: { message: 'Resource not accessible by personal access token' },
    });
    access.of('acme/locked').teams.set('platform', { role: 'maintain' });
    const apply = await run(['protect', 'apply', '--repo', 'acme/locked', '--target', 'github-access', '--yes']);
    expect(apply.code).toBe(2);
    expect(apply.stderr.split('\n')).toHaveLength(2);
    expect(apply.stderr).toMatch(
      /^gitops-init: granting the access of @acme\/payments to acme\/locked was refused \(403 Resource not accessible by personal access token\): reading and changing who has access needs admin rights/,
    );
  });

  it('404: a team that does not exist (or that the token cannot see) is named', async () => {
    github.addRepository('acme/no-team', { branches: ['main'] });
    const state = access.of('acme/no-team');
    state.teams.set('platform', { role: 'maintain' });
    state.collaborators.set('auditor', { role: 'triage' });
    github.fail({
      method: 'PUT',
      path: /^\/orgs\/acme\/teams\/payments\/repos\/acme\/no-team$/,
      status: 404,
      body: { message: 'Not Found' },
    });
    const apply = await run(['protect', 'apply', '--repo', 'acme/no-team', '--target', 'github-access', '--yes']);
    expect(apply).toMatchObject({
      code: 2,
      stderr:
        "gitops-init: team @acme/payments does not exist in acme, or the token cannot see it (404); check the team in gitops.yaml (teams, access) and the token's access to the organisation's teams\n",
    });
  });

  it('a refusal part way says which protection was already applied', async () => {
    github.addRepository('acme/halfway', { branches: ['main'] });
    github.fail({
      method: 'PUT',
      path: /^\/orgs\/acme\/teams\/platform\/repos\/acme\/halfway$/,
      status: 403,
      body: { message: 'Resource not accessible by personal access token' },
    });
    const apply = await run(['protect', 'apply', '--repo', 'acme/halfway', '--yes']);
    expect(apply.code).toBe(2);
    expect(apply.stderr).toMatch(
      /^gitops-init: granting the access of @acme\/platform to acme\/halfway was refused \(403 .*\(protection already applied: created ruleset "main-protection", created the classic protection of main\)\n$/,
    );
  });

  it('an infrastructure access policy below the floor is refused before any request, naming its line', async () => {
    const below = path.join(base, 'below');
    await scaffold({
      cwd: base,
      directory: below,
      answers: {
        kind: 'infrastructure',
        tool: 'helm',
        name: 'below',
        org: 'acme',
        platformTeam: '@acme/platform',
        appTeams: '',
        envs: 'dev',
        host: 'github',
      },
      git: false,
      today: '2026-01-15',
    });
    appendFileSync(path.join(below, 'gitops.yaml'), 'access:\n  teams:\n    "@acme/payments": push\n');
    const lines = readFileSync(path.join(below, 'gitops.yaml'), 'utf8').split('\n').length - 1;
    const before = github.requests.length;
    const diff = await run(['protect', 'diff', '--repo', 'acme/below'], below);
    expect(diff.code).toBe(2);
    expect(diff.stderr).toContain('the access policy is below the floor of an infrastructure repository');
    expect(diff.stderr).toContain(
      `gitops.yaml:${lines}: @acme/payments has push on the infrastructure repository; only the platform team writes there (pull or triage at most)`,
    );
    expect(github.requests.length).toBe(before);
  });

  it('never printed the token', () => {
    for (const output of outputs) expect(`${output.stdout}${output.stderr}`).not.toContain(TOKEN);
  });
});
