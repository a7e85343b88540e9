import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { audit } from '../../src/api/audit.js';
import { applyGitlabProtection } from '../../src/api/protection.js';
import { scaffold } from '../../src/api/scaffold.js';
import { writeFileTree } from '../../src/testing/index.js';
import { cli } from '../helpers/cli.js';
import { tree } from '../helpers/day2.js';
import { FakeGitlab, type FakeProject } from '../helpers/gitlab-server.js';

// `gitops-init audit --group` against the loopback GitLab: projects of the group and its
// subgroups, their files through the repository files API, protection and access as `protect diff`.

const TOKEN = 'glpat-AuditMarkerToken0123456789abcd';

let shop: Record<string, string>;
let gitlab: FakeGitlab;
let cwd: string;

beforeAll(async () => {
  const parent = mkdtempSync(path.join(tmpdir(), 'gitops-audit-gitlab-'));
  try {
    const root = path.join(parent, 'shop');
    await scaffold({
      cwd: parent,
      directory: root,
      git: false,
      today: '2026-01-15',
      answers: {
        kind: 'application',
        tool: 'flux',
        name: 'shop',
        org: 'acme',
        platformTeam: '@acme/platform',
        appTeams: '@acme/shop',
        envs: 'dev,production',
        host: 'gitlab',
      },
    });
    shop = tree(root);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

beforeEach(async () => {
  gitlab = await FakeGitlab.start(TOKEN);
  for (const group of ['acme', 'acme/platform', 'acme/shop', 'acme/team']) gitlab.addGroup(group);
  cwd = mkdtempSync(path.join(tmpdir(), 'gitops-audit-gitlab-cwd-'));
});

afterEach(async () => {
  expect(gitlab.parameterErrors).toEqual([]);
  await gitlab.close();
  rmSync(cwd, { recursive: true, force: true });
});

function withFiles(project: FakeProject, files: Record<string, string>): FakeProject {
  for (const [file, text] of Object.entries(files)) project.files.set(file, text);
  return project;
}

/** Applies the policy of `files` to the project, as `protect apply` does. */
async function applied(projectPath: string, files: Record<string, string>): Promise<void> {
  const root = writeFileTree(files);
  try {
    await applyGitlabProtection({
      cwd: root,
      repository: projectPath,
      token: TOKEN,
      apiUrl: gitlab.url,
      retryDelayMs: 1,
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('gitops-init audit --group', () => {
  test('a compliant project, one with protection and access drift, a bare one, an unreadable one; subgroups included', async () => {
    withFiles(gitlab.addProject('acme/shop-app'), shop);
    await applied('acme/shop-app', shop);
    const drifted = withFiles(gitlab.addProject('acme/team/shop-web'), shop);
    await applied('acme/team/shop-web', shop);
    drifted.settings.only_allow_merge_if_pipeline_succeeds = false;
    drifted.members.set(gitlab.addUser('mallory').id, 40);
    gitlab.addProject('acme/bare');
    withFiles(gitlab.addProject('acme/broken'), shop);
    withFiles(gitlab.addProject('acme/old', { archived: true }), shop);
    gitlab.fail({ method: 'GET', path: /projects\/[^/]*broken\/repository\/files/, status: 403, times: 100 });

    const report = await audit({ group: 'acme', token: TOKEN, apiUrl: gitlab.url, retryDelayMs: 1 });
    expect(Object.fromEntries(report.repositories.map((entry) => [entry.repository, entry.status]))).toEqual({
      'acme/bare': 'drifted',
      'acme/broken': 'unreadable',
      'acme/shop-app': 'compliant',
      'acme/team/shop-web': 'drifted',
    });
    expect(report.skipped.archived).toBe(1);
    const messages = report.results
      .filter((result) => result.filePath === 'acme/team/shop-web/gitops.yaml')
      .flatMap((result) => result.messages.map((message) => `${message.ruleId ?? ''}: ${message.message}`));
    expect(messages).toContainEqual(
      expect.stringContaining(
        'audit-protection-drift: merge settings: only_allow_merge_if_pipeline_succeeds: live false, policy true',
      ),
    );
    expect(messages).toContainEqual(
      expect.stringContaining("audit-access-drift: member mallory: Maintainer, more than the policy's no access"),
    );
    const bare = report.results.filter((result) => result.filePath.startsWith('acme/bare/'));
    expect(bare.flatMap((result) => result.messages.map((message) => message.ruleId))).toEqual([
      'audit-codeowners-exists',
      'audit-descriptor-exists',
    ]);
    expect(bare.map((result) => result.filePath)).toContain('acme/bare/.gitlab/CODEOWNERS');

    const run = await cli(['audit', '--group', 'acme', '--format', 'json'], {
      cwd,
      env: { GITLAB_TOKEN: TOKEN, CI_API_V4_URL: gitlab.url },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/repositories checked\s+4\n\s+compliant\s+1\n\s+drifted\s+2\n\s+unreadable\s+1\n/);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  test('--fix --yes applies the policy (access beyond it is left, as protect apply leaves it without --prune)', async () => {
    const project = withFiles(gitlab.addProject('acme/shop-app'), shop);
    const fixed = await cli(['audit', '--group', 'acme', '--fix', '--yes'], {
      cwd,
      env: { GITLAB_TOKEN: TOKEN, CI_API_V4_URL: gitlab.url },
    });
    expect(fixed.stderr).toContain('gitops-init: acme/shop-app: created protected branch main');
    expect(fixed.code).toBe(0);
    expect(project.protectedBranches.map((branch) => branch.name)).toEqual(['main']);
  });

  test.each([
    ['a token GitLab rejects (401)', ['--group', 'acme'], 'wrong', /GitLab rejected the token \(401/],
    ['a group GitLab does not know (404)', ['--group', 'nobody'], TOKEN, /group "nobody" does not exist/],
    [
      '--org and --group together',
      ['--group', 'acme', '--org', 'acme'],
      TOKEN,
      /give --org .* or --group .*, not both/,
    ],
  ])('%s: one line, exit 2', async (_name, argv, token, message) => {
    const run = await cli(['audit', ...argv], { cwd, env: { GITLAB_TOKEN: token, CI_API_V4_URL: gitlab.url } });
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.code).toBe(2);
  });
});
