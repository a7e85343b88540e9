import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bumpVersion, tagVersion, versionStatus, type BumpLevel } from '../../src/api/version.js';
import { flagName } from '../../src/cli/flags.js';
import { RefusedError, UsageError } from '../../src/errors.js';
import type { FileTree } from '../../src/testing/index.js';
import { GIT_ENV, git, gitInit } from '../helpers/git.js';
import { temporaryRepositories } from '../helpers/repositories.js';

const { repository } = temporaryRepositories();

// The API runs git in this process: it takes the identity from the environment.
beforeEach(() => {
  for (const [name, value] of Object.entries(GIT_ENV)) if (name.startsWith('GIT_')) vi.stubEnv(name, value);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const HELM_APP: FileTree = {
  'gitops.yaml': 'kind: application\ntool: helm\nname: shop\nversion: 1.2.0\n',
  VERSION: '1.2.0\n',
  'CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n\n### Added\n\n- Canary deployments.\n\n## [1.2.0] - 2026-10-01\n',
  'chart/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: "1.2.0"\nappVersion: "4.0.1"\n',
};

function committed(files: FileTree): string {
  const root = repository(files);
  gitInit(root);
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'initial');
  return root;
}

function read(root: string, file: string): string {
  return readFileSync(path.join(root, file), 'utf8');
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.catch((caught: unknown) => caught);
  if (!(error instanceof Error)) throw new Error('expected a rejection');
  return error;
}

describe('versionStatus()', () => {
  it('returns the current version and where each source stands', () => {
    const root = committed({ ...HELM_APP, 'chart/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.1.0\n' });
    expect(versionStatus({ cwd: path.join(root, 'chart') })).toEqual({
      root,
      current: '1.2.0',
      consistent: false,
      sources: [
        { source: 'VERSION', version: '1.2.0', status: 'ok' },
        { source: 'gitops.yaml#version', version: '1.2.0', status: 'ok' },
        { source: 'package.json#version', version: undefined, status: 'missing' },
        { source: 'chart/Chart.yaml#version', version: '1.1.0', status: 'differs' },
      ],
    });
  });
});

describe('bumpVersion()', () => {
  it('raises every source and dates the Unreleased section', async () => {
    const root = committed(HELM_APP);
    const result = await bumpVersion({ cwd: root, level: 'minor', date: '2026-11-02' });
    expect(result).toEqual({
      root,
      previous: '1.2.0',
      version: '1.3.0',
      files: ['CHANGELOG.md', 'VERSION', 'chart/Chart.yaml', 'gitops.yaml'],
    });
    expect(read(root, 'VERSION')).toBe('1.3.0\n');
    expect(read(root, 'chart/Chart.yaml')).toBe('apiVersion: v2\nname: shop\nversion: "1.3.0"\nappVersion: "4.0.1"\n');
    expect(read(root, 'CHANGELOG.md')).toContain('## [Unreleased]\n\n## [1.3.0] - 2026-11-02\n\n### Added\n');
    expect(versionStatus({ cwd: root })).toMatchObject({ current: '1.3.0', consistent: true });
  });

  it('opens and advances pre-releases with preid', async () => {
    const root = committed({ VERSION: '1.2.0\n' });
    expect((await bumpVersion({ cwd: root, level: 'patch', preid: 'rc' })).version).toBe('1.2.1-rc.0');
    expect((await bumpVersion({ cwd: root, level: 'prerelease' })).version).toBe('1.2.1-rc.1');
    expect((await bumpVersion({ cwd: root, level: 'patch' })).version).toBe('1.2.1');
  });

  it('names the preid option in its usage error, and refuses bad levels', async () => {
    const root = committed({ VERSION: '1.0.0\n' });
    const preid = await rejection(bumpVersion({ cwd: root, level: 'prerelease', preid: 'r c' }));
    expect(preid).toBeInstanceOf(UsageError);
    expect(preid.message).toBe('preid "r c": only letters, digits and \'-\' are allowed (e.g. rc, beta)');
    expect((preid as UsageError).describe(flagName)).toMatch(/^--preid "r c": /);
    const level = await rejection(bumpVersion({ cwd: root, level: 'huge' as BumpLevel }));
    expect(level.message).toBe('version bump "huge": expected one of major, minor, patch, prerelease');
    expect(read(root, 'VERSION')).toBe('1.0.0\n');
  });

  it('refuses sources that disagree and writes nothing', async () => {
    const root = committed({ ...HELM_APP, 'chart/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.1.0\n' });
    const error = await rejection(bumpVersion({ cwd: root, level: 'patch' }));
    expect(error).toBeInstanceOf(RefusedError);
    expect(read(root, 'VERSION')).toBe('1.2.0\n');
    expect(read(root, 'gitops.yaml')).toContain('version: 1.2.0');
  });
});

describe('tagVersion()', () => {
  it('creates the annotated tag v<version> on HEAD, then refuses an existing tag or a dirty tree', async () => {
    const root = committed(HELM_APP);
    const head = git(root, 'rev-parse', 'HEAD').trim();
    expect(await tagVersion({ cwd: root })).toEqual({ root, tag: 'v1.2.0', commit: head });
    expect(git(root, 'cat-file', '-t', 'v1.2.0').trim()).toBe('tag');

    const again = await rejection(tagVersion({ cwd: root }));
    expect(again).toBeInstanceOf(RefusedError);
    expect(again.message).toBe('tag v1.2.0 already exists; bump the version first (gitops-init version bump patch)');

    git(root, 'tag', '-d', 'v1.2.0');
    writeFileSync(path.join(root, 'notes.md'), 'draft\n');
    const dirty = await rejection(tagVersion({ cwd: root }));
    expect(dirty).toBeInstanceOf(RefusedError);
    expect(dirty.message).toContain('uncommitted changes (notes.md)');
    expect(git(root, 'tag', '--list').trim()).toBe('');
  });
});
