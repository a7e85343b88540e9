import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaffold } from '../../src/api/scaffold.js';
import { BIN, REPO_ROOT } from '../helpers/cli.js';

const env = {
  PATH: '/usr/local/bin:/usr/bin:/bin',
  HOME: tmpdir(),
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

function git(root: string, args: string[]): { status: number; output: string } {
  const result = spawnSync('git', args, { cwd: root, env, encoding: 'utf8' });
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

function commits(root: string): string[] {
  const log = git(root, ['log', '--format=%s']);
  return log.status === 0 ? log.output.trim().split('\n') : [];
}

/**
 * The scaffolder's husky hook, installed for real: husky's own installer sets core.hooksPath,
 * and gitops-init stands in node_modules/.bin as `npm install` would put it.
 */
describe('the scaffolded husky pre-commit hook', () => {
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'gitops-init-husky-'));
    await scaffold({
      cwd: root,
      answers: {
        kind: 'application',
        tool: 'flux',
        name: 'shop',
        org: 'acme',
        platformTeam: '@acme/platform',
        appTeams: '@acme/shop',
        envs: 'dev,production',
        host: 'github',
        hooks: 'husky',
      },
    });
    mkdirSync(path.join(root, 'node_modules/.bin'), { recursive: true });
    // What npm's bin link gives: an executable gitops-init in node_modules/.bin.
    writeFileSync(
      path.join(root, 'node_modules/.bin/gitops-init'),
      `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`,
      { mode: 0o755 },
    );
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/husky/bin.js')], { cwd: root, env });
    expect(git(root, ['config', 'core.hooksPath']).output.trim()).toBe('.husky/_');
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('lets a clean commit through', () => {
    expect(git(root, ['add', '-A']).status).toBe(0);
    const commit = git(root, ['commit', '-m', 'initial']);
    expect(commit.status, commit.output).toBe(0);
    expect(commits(root)).toEqual(['initial']);
    // The hook keeps its cache where tools keep theirs; the commits below run with it.
    expect(existsSync(path.join(root, 'node_modules/.cache/gitops-init/lint-cache.json'))).toBe(true);
  });

  it('refuses a commit with a finding, says how to fix it, and the commit does not exist', () => {
    writeFileSync(path.join(root, 'deploy/base/extra.yaml'), 'kind: ConfigMap\nkind: Secret\n');
    git(root, ['add', 'deploy/base/extra.yaml']);
    const commit = git(root, ['commit', '-m', 'broken']);
    expect(commit.status).not.toBe(0);
    expect(commit.output).toContain('deploy/base/extra.yaml');
    expect(commit.output).toContain('Duplicate key "kind"');
    expect(commit.output).toContain('--no-verify');
    expect(commits(root)).toEqual(['initial']);
    git(root, ['rm', '-q', '--cached', 'deploy/base/extra.yaml']);
    unlinkSync(path.join(root, 'deploy/base/extra.yaml'));
  });

  it('judges the staged content, not the working tree', () => {
    writeFileSync(path.join(root, 'deploy/base/staged.yaml'), 'a: 1\na: 2\n');
    git(root, ['add', 'deploy/base/staged.yaml']);
    writeFileSync(path.join(root, 'deploy/base/staged.yaml'), 'a: 1\n');
    expect(git(root, ['commit', '-m', 'staged duplicate']).status).not.toBe(0);
    git(root, ['add', 'deploy/base/staged.yaml']);
    const fixed = git(root, ['commit', '-m', 'fixed']);
    expect(fixed.status, fixed.output).toBe(0);
    expect(commits(root)[0]).toBe('fixed');
  });

  it('fails the commit with install instructions when gitops-init is nowhere to be found', () => {
    unlinkSync(path.join(root, 'node_modules/.bin/gitops-init'));
    writeFileSync(path.join(root, 'deploy/base/notes.yaml'), 'a: 1\n');
    git(root, ['add', 'deploy/base/notes.yaml']);
    const commit = git(root, ['commit', '-m', 'unchecked']);
    expect(commit.status).not.toBe(0);
    expect(commit.output).toContain(
      "gitops-init is not installed, so this commit cannot be checked: run 'npm install'",
    );
    expect(commits(root)[0]).toBe('fixed');
  });
});
