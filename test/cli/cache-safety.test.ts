import { existsSync, mkdirSync, readdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, type LintOptions } from '../../src/api/lint.js';
import yamlSyntax from '../../rules/yaml-syntax.js';
import { cli } from '../helpers/cli.js';
import { git, gitInit } from '../helpers/git.js';
import { temporaryRepositories } from '../helpers/repositories.js';

const repo = temporaryRepositories().repository;

async function findings(root: string, options: LintOptions = {}): Promise<string[]> {
  const report = await lint({ cwd: root, ruleSet: [yamlSyntax], cache: true, ...options });
  return report.diagnostics.map((d) => `${d.file}:${d.line ?? 0} ${d.ruleId ?? 'directive'}`);
}

/**
 * A committed repository with git's stat check relaxed by `config`, whose files were last
 * changed an hour ago (so that git does not take them for racily clean and compare content).
 */
function relaxed(config: readonly (readonly [string, string])[]): string {
  const root = repo({ 'a.yaml': 'a: 1\nb: 2\n', 'b.yaml': 'b: 1\n' });
  gitInit(root);
  for (const [key, value] of config) git(root, 'config', key, value);
  const hourAgo = new Date(Date.now() - 3_600_000);
  for (const file of ['a.yaml', 'b.yaml']) utimesSync(path.join(root, file), hourAgo, hourAgo);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial');
  return root;
}

/** Rewrites a file with content of the same size and puts its modification time back, as some tools do. */
function sameSizeEdit(file: string, content: string): void {
  const before = statSync(file);
  expect(Buffer.byteLength(content)).toBe(before.size);
  writeFileSync(file, content);
  utimesSync(file, before.atime, before.mtime);
}

describe('--cache when git trusts less of the stat data', () => {
  it.each([
    ['core.trustctime=false', [['core.trustctime', 'false']]],
    ['core.checkStat=minimal', [['core.checkStat', 'minimal']]],
    [
      'both',
      [
        ['core.trustctime', 'no'],
        ['core.checkstat', 'MINIMAL'],
      ],
    ],
  ] as const)(
    'with %s, a same-size edit that restores the modification time brings the finding',
    async (_name, config) => {
      const root = relaxed(config);
      expect(await findings(root)).toEqual([]);
      sameSizeEdit(path.join(root, 'a.yaml'), 'a: 1\na: 2\n');
      // git itself no longer sees the change: the cache must not take its word for it.
      if (config.some(([key]) => key === 'core.trustctime'))
        expect(git(root, 'diff-files', '--name-only').trim()).toBe('');
      expect(await findings(root)).toEqual(['a.yaml:2 yaml-syntax']);
      expect(await findings(root)).toEqual(['a.yaml:2 yaml-syntax']);
      // With --staged, the staged content is linted, never the edited working tree copy that
      // git takes for the same.
      expect(await findings(root, { staged: true, cache: false })).toEqual([]);
      expect(await findings(root, { staged: true })).toEqual([]);
      // (git add would not see the change either: the edit is staged by hand.)
      const oid = git(root, 'hash-object', '-w', 'a.yaml').trim();
      git(root, 'update-index', '--cacheinfo', `100644,${oid},a.yaml`);
      expect(await findings(root, { staged: true })).toEqual(['a.yaml:2 yaml-syntax']);
      expect(await findings(root, { staged: true, cache: false })).toEqual(['a.yaml:2 yaml-syntax']);
    },
  );
});

describe('--cache and links out of the repository', () => {
  it('refuses a cache directory that is a link out of the repository, before linting, with one line, exit 1', async () => {
    const root = repo({ 'a.yaml': 'a: 1\n' });
    const outside = repo({});
    symlinkSync(outside, path.join(root, '.gitops-init-cache'));
    const run = await cli(['lint', '--cache'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^gitops-init: \.gitops-init-cache is a symbolic link that leads outside the repository \(to .*\); gitops-init does not write through it/,
    );
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(readdirSync(outside)).toEqual([]);

    mkdirSync(path.join(root, 'cache'));
    symlinkSync(path.join(outside, 'file.json'), path.join(root, 'cache/lint.json'));
    const named = await cli(['lint', '--cache', '--cache-location', 'cache/lint.json'], { cwd: root });
    expect(named.code).toBe(1);
    expect(named.stderr).toContain('cache/lint.json is a symbolic link that leads outside the repository');
    expect(readdirSync(outside)).toEqual([]);
  });

  it('keeps the cache in the repository when node_modules is a link out of it (a worktree sharing a checkout)', async () => {
    const root = repo({ 'a.yaml': 'a: 1\n' });
    const shared = repo({ '.package-lock.json': '{}' });
    symlinkSync(shared, path.join(root, 'node_modules'));
    const report = await lint({ cwd: root, ruleSet: [yamlSyntax], cache: true });
    expect(report.cacheFile).toBe(path.join(root, '.gitops-init-cache/lint-cache.json'));
    expect(existsSync(report.cacheFile ?? '')).toBe(true);
    expect(readdirSync(shared)).toEqual(['.package-lock.json']);
  });

  it('writes a --cache-location outside the repository, where there is no repository to keep to', async () => {
    const root = repo({ 'a.yaml': 'a: 1\n' });
    const elsewhere = repo({});
    const run = await cli(['lint', '--cache', '--cache-location', path.join(elsewhere, 'c.json')], { cwd: root });
    expect(run.code).toBe(0);
    expect(readdirSync(elsewhere)).toEqual(['c.json']);
  });
});
