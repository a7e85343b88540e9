import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeFileTree, type FileTree } from '../../src/testing/index.js';
import { cli } from '../helpers/cli.js';

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Ada',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Ada',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
};
const roots: string[] = [];
// The CLI runs in this process, and its git commands take the identity from the environment.
const savedEnv = { ...process.env };
beforeAll(() => {
  Object.assign(process.env, {
    GIT_AUTHOR_NAME: 'Ada',
    GIT_AUTHOR_EMAIL: 'ada@example.com',
    GIT_COMMITTER_NAME: 'Ada',
    GIT_COMMITTER_EMAIL: 'ada@example.com',
  });
});
afterAll(() => {
  process.env = savedEnv;
});
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function git(root: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: root, env: gitEnv, encoding: 'utf8' });
}

function repository(files: FileTree, commit = true): string {
  const root = writeFileTree(files);
  roots.push(root);
  git(root, 'init', '-q', '-b', 'main');
  if (commit) {
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'initial');
  }
  return root;
}

const changelog = [
  '# Changelog',
  '',
  '## [Unreleased]',
  '',
  '### Added',
  '',
  '- Canary deployments.',
  '',
  '## [1.2.0] - 2026-10-01',
  '',
  '### Fixed',
  '',
  '- Probe timeouts.',
  '',
  '[Unreleased]: https://github.com/acme/shop/compare/v1.2.0...HEAD',
  '[1.2.0]: https://github.com/acme/shop/compare/v1.1.0...v1.2.0',
  '',
].join('\n');

const helmApp = {
  'gitops.yaml': 'kind: application\ntool: helm\nname: shop\nversion: 1.2.0\n',
  VERSION: '1.2.0\n',
  'CHANGELOG.md': changelog,
  'chart/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: "1.2.0"\nappVersion: "4.0.1"\n',
  'package.json': '{\n  "name": "shop",\n  "version": "1.2.0",\n  "private": true\n}\n',
};

describe('gitops-init version', () => {
  it('shows the version and where each source stands', async () => {
    const root = repository(helmApp);
    const run = await cli(['version'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('1.2.0');
    expect(run.stdout).toMatch(/chart\/Chart\.yaml#version\s+1\.2\.0\s+ok/);
    const json = JSON.parse((await cli(['version', '--json'], { cwd: root })).stdout) as {
      consistent: boolean;
      sources: { source: string }[];
    };
    expect(json.consistent).toBe(true);
    expect(json.sources.map((source) => source.source)).toEqual([
      'VERSION',
      'gitops.yaml#version',
      'package.json#version',
      'chart/Chart.yaml#version',
    ]);
  });

  it('bumps every source and moves the Unreleased section, keeping formatting', async () => {
    const root = repository(helmApp);
    const run = await cli(['version', 'bump', 'minor'], { cwd: root });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(
      '1.2.0 -> 1.3.0: updated CHANGELOG.md, VERSION, chart/Chart.yaml, gitops.yaml, package.json\n',
    );
    const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');
    expect(read('VERSION')).toBe('1.3.0\n');
    expect(read('chart/Chart.yaml')).toBe('apiVersion: v2\nname: shop\nversion: "1.3.0"\nappVersion: "4.0.1"\n');
    expect(read('gitops.yaml')).toContain('version: 1.3.0\n');
    expect(JSON.parse(read('package.json'))).toMatchObject({ version: '1.3.0' });
    const today = new Date().toISOString().slice(0, 10);
    expect(read('CHANGELOG.md')).toContain(
      `## [Unreleased]\n\n## [1.3.0] - ${today}\n\n### Added\n\n- Canary deployments.\n\n## [1.2.0] - 2026-10-01`,
    );
    expect(read('CHANGELOG.md')).toContain(
      '[Unreleased]: https://github.com/acme/shop/compare/v1.3.0...HEAD\n[1.3.0]: https://github.com/acme/shop/compare/v1.2.0...v1.3.0\n[1.2.0]:',
    );
    const lint = JSON.parse((await cli(['lint', '--format', 'json'], { cwd: root })).stdout) as {
      messages: { ruleId: string | null }[];
    }[];
    const versioning = lint
      .flatMap((result) => result.messages)
      .filter((message) => ['semver-valid', 'version-consistent', 'changelog-entry'].includes(message.ruleId ?? ''));
    expect(versioning).toEqual([]);
  });

  it('bumps pre-releases with --preid', async () => {
    const root = repository({ VERSION: '1.2.0\n' });
    expect((await cli(['version', 'bump', 'prerelease', '--preid', 'rc'], { cwd: root })).stdout).toContain(
      '1.2.0 -> 1.2.1-rc.0',
    );
    expect((await cli(['version', 'bump', 'prerelease'], { cwd: root })).stdout).toContain('1.2.1-rc.0 -> 1.2.1-rc.1');
    expect((await cli(['version', 'bump', 'major', '--preid', 'beta'], { cwd: root })).stdout).toContain(
      '1.2.1-rc.1 -> 2.0.0-beta.0',
    );
    expect((await cli(['version', 'bump', 'patch'], { cwd: root })).stdout).toContain('2.0.0-beta.0 -> 2.0.0');
  });

  it('refuses to bump sources that disagree, and writes nothing', async () => {
    const root = repository({ ...helmApp, 'chart/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.1.0\n' });
    const run = await cli(['version', 'bump', 'patch'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'gitops-init: the version sources disagree (VERSION is 1.2.0; chart/Chart.yaml#version is 1.1.0); make them agree, then bump\n',
    );
    expect(readFileSync(path.join(root, 'VERSION'), 'utf8')).toBe('1.2.0\n');
    expect((await cli(['version'], { cwd: root })).code).toBe(1);
  });

  it('rejects a bad level or preid as usage errors', async () => {
    const root = repository({ VERSION: '1.0.0\n' });
    const level = await cli(['version', 'bump', 'huge'], { cwd: root });
    expect(level.code).toBe(2);
    expect(level.stderr).toContain("'huge'");
    const preid = await cli(['version', 'bump', 'prerelease', '--preid', 'r c'], { cwd: root });
    expect(preid.code).toBe(2);
    expect(preid.stderr).toContain('--preid "r c"');
  });

  it('refuses a missing or malformed VERSION', async () => {
    const root = repository({ VERSION: 'one\n' });
    const run = await cli(['version', 'bump', 'patch'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('VERSION holds "one", which is not a semantic version');
  });

  it('tags v<version> as an annotated tag, and refuses a dirty tree or an existing tag', async () => {
    const root = repository(helmApp);
    const run = await cli(['version', 'tag'], { cwd: root });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('as v1.2.0');
    const tag = git(root, 'cat-file', '-p', 'v1.2.0');
    expect(tag).toMatch(/^object [0-9a-f]{40}\ntype commit\ntag v1\.2\.0\ntagger Ada <ada@example\.com>/);
    expect(tag).toContain('\n\nRelease v1.2.0\n');
    const again = await cli(['version', 'tag'], { cwd: root });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('tag v1.2.0 already exists');
    git(root, 'tag', '-d', 'v1.2.0');
    writeFileSync(path.join(root, 'notes.md'), 'draft\n');
    const dirty = await cli(['version', 'tag'], { cwd: root });
    expect(dirty.code).toBe(1);
    expect(dirty.stderr).toContain('uncommitted changes (notes.md)');
  });

  it('names a modified tracked file whole in the refusal of a dirty tree (porcelain lines start with a space)', async () => {
    const root = repository({ ...helmApp, 'README.md': '# shop\n' });
    writeFileSync(path.join(root, 'README.md'), '# shop, changed\n');
    const dirty = await cli(['version', 'tag'], { cwd: root });
    expect(dirty.code).toBe(1);
    expect(dirty.stderr).toContain('uncommitted changes (README.md)');
  });

  it('refuses a bump past the largest version number semver handles, and writes nothing', async () => {
    const root = repository({ VERSION: '9007199254740991.0.0\n' });
    const run = await cli(['version', 'bump', 'major'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'gitops-init: cannot bump 9007199254740991.0.0 by major: 9007199254740992.0.0 is beyond the largest version number gitops-init handles (9007199254740991); nothing was changed\n',
    );
    expect(readFileSync(path.join(root, 'VERSION'), 'utf8')).toBe('9007199254740991.0.0\n');
  });
});
