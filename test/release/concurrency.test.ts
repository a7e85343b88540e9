import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { FileTree } from '../../src/testing/index.js';
import { withRepositoryLock } from '../../src/files/lock.js';
import { cli, runBin } from '../helpers/cli.js';
import { temporaryTrees } from '../helpers/trees.js';

// Races need real processes: each command here is the built CLI (npm run build), several at once.
const tree = temporaryTrees();
// Rounds per race; GITOPS_INIT_RACE_ROUNDS=20 stresses them (each round is a fresh repository).
const ROUNDS = Number(process.env.GITOPS_INIT_RACE_ROUNDS ?? 3);

function repository(files: FileTree): string {
  const root = tree(files);
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: 'a@example.com' };
  const committer = { GIT_COMMITTER_NAME: 'Ada', GIT_COMMITTER_EMAIL: 'a@example.com' };
  for (const args of [
    ['init', '-q', '-b', 'main'],
    ['add', '-A'],
    ['commit', '-qm', 'initial'],
  ]) {
    execFileSync('git', args, { cwd: root, env: { ...env, ...committer } });
  }
  return root;
}

const descriptor = [
  'kind: infrastructure',
  'tool: flux',
  'name: platform',
  'teams:',
  '  platform: "@acme/platform"',
  '  applications:',
  '    - name: shop',
  '      team: "@acme/shop"',
  'ownership:',
  "  '*': platform",
  '',
].join('\n');

const read = (root: string, file: string): string => readFileSync(path.join(root, file), 'utf8');
const approvals = (root: string, name: string): string[] =>
  (parse(read(root, `releases/${name}.yaml`)) as { release: { approvals: { team: string }[] } }).release.approvals.map(
    (approval) => approval.team,
  );

describe('concurrent commands take the repository lock', () => {
  it('keeps both approvals when two teams approve at once', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const root = repository({ 'gitops.yaml': descriptor, 'releases/README.md': '' });
      expect((await cli(['release', 'create', '--app', '1.0.0', '--infra', '2.0.0'], { cwd: root })).code).toBe(0);
      const runs = await Promise.all(
        ['@acme/platform', '@acme/shop'].map((team) =>
          runBin(['release', 'approve', 'release-1.0.0-2.0.0', '--team', team, '--by', 'ada'], { cwd: root }),
        ),
      );
      expect(runs.map((run) => run.code)).toEqual([0, 0]);
      expect(approvals(root, 'release-1.0.0-2.0.0').sort()).toEqual(['@acme/platform', '@acme/shop']);
      expect(read(root, 'releases/release-1.0.0-2.0.0.yaml')).toContain('status: approved');
    }
  });

  it('lets exactly one of eight identical release creates succeed; the others are refused with exit 1', async () => {
    // Eight processes a round are slow on a small machine: fewer rounds, each as wide a race.
    for (let round = 0; round < Math.ceil(ROUNDS / 2); round += 1) {
      const root = repository({ 'gitops.yaml': descriptor, 'releases/README.md': '' });
      const runs = await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          runBin(['release', 'create', '--app', '1.0.0', '--infra', '2.0.0', '--notes', `run ${index}`], { cwd: root }),
        ),
      );
      const succeeded = runs.filter((run) => run.code === 0);
      expect(succeeded).toHaveLength(1);
      for (const run of runs.filter((candidate) => candidate.code !== 0)) {
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('release release-1.0.0-2.0.0 already exists');
      }
      const notes = (parse(read(root, 'releases/release-1.0.0-2.0.0.yaml')) as { release: { notes: string } }).release
        .notes;
      expect(succeeded[0]?.stdout).toBeDefined();
      expect(runs.findIndex((run) => run.code === 0)).toBe(Number(notes.replace('run ', '')));
      expect(readdirSync(path.join(root, 'releases')).sort()).toEqual(['README.md', 'release-1.0.0-2.0.0.yaml']);
      expect(existsSync(path.join(root, '.git', 'gitops-init.lock'))).toBe(false);
    }
  });

  it('applies both of a patch and a minor bump run at once, VERSION and CHANGELOG.md agreeing', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const root = repository({
        'gitops.yaml': 'kind: application\ntool: helm\nname: shop\n',
        VERSION: '1.2.0\n',
        'CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n\n- Canary deployments.\n\n## [1.2.0] - 2026-10-01\n',
      });
      const runs = await Promise.all(
        ['patch', 'minor'].map((level) => runBin(['version', 'bump', level], { cwd: root })),
      );
      expect(runs.map((run) => run.code)).toEqual([0, 0]);
      const version = read(root, 'VERSION').trim();
      expect(['1.3.0', '1.3.1']).toContain(version);
      const sections = [...read(root, 'CHANGELOG.md').matchAll(/^## \[(\d[^\]]*)\]/gm)].map((match) => match[1]);
      expect(sections).toEqual(version === '1.3.1' ? ['1.3.1', '1.3.0', '1.2.0'] : ['1.3.0', '1.2.1', '1.2.0']);
    }
  });
});

describe('writers refuse a link out of the repository', () => {
  function outsideFile(): { dir: string; file: string } {
    const dir = tree({ v: 'precious\n' });
    return { dir, file: path.join(dir, 'v') };
  }

  it('release changelog through RELEASES.md', async () => {
    const root = repository({ 'gitops.yaml': descriptor, 'releases/README.md': '' });
    const { file } = outsideFile();
    symlinkSync(file, path.join(root, 'RELEASES.md'));
    const run = await cli(['release', 'changelog'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('RELEASES.md is a symbolic link that leads outside the repository');
    expect(readFileSync(file, 'utf8')).toBe('precious\n');
  });

  it('codeowners sync through .github/CODEOWNERS and through a linked .github', async () => {
    const root = repository({ 'gitops.yaml': descriptor });
    const { file } = outsideFile();
    mkdirSync(path.join(root, '.github'));
    symlinkSync(file, path.join(root, '.github/CODEOWNERS'));
    const run = await cli(['codeowners', 'sync'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('.github/CODEOWNERS is a symbolic link that leads outside the repository');
    expect(readFileSync(file, 'utf8')).toBe('precious\n');

    const other = repository({ 'gitops.yaml': descriptor });
    const { dir } = outsideFile();
    symlinkSync(dir, path.join(other, '.github'));
    const linkedDirectory = await cli(['codeowners', 'sync'], { cwd: other });
    expect(linkedDirectory.code).toBe(1);
    expect(linkedDirectory.stderr).toContain('.github is a symbolic link that leads outside the repository');
    expect(readdirSync(dir)).toEqual(['v']);
  });

  it('version bump through VERSION, writing no other source', async () => {
    const root = repository({
      'gitops.yaml': 'kind: application\ntool: helm\nname: shop\nversion: 1.2.0\n',
      'CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n\n- x\n',
    });
    const { file } = outsideFile();
    writeFileSync(file, '1.2.0\n');
    symlinkSync(file, path.join(root, 'VERSION'));
    const run = await cli(['version', 'bump', 'patch'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('VERSION is a symbolic link that leads outside the repository');
    expect(readFileSync(file, 'utf8')).toBe('1.2.0\n');
    expect(read(root, 'gitops.yaml')).toContain('version: 1.2.0');
    expect(read(root, 'CHANGELOG.md')).not.toContain('1.2.1');
  });

  it('protect render waits for the lock and renders what gitops.yaml says once it has it', async () => {
    const root = repository({ 'gitops.yaml': descriptor });
    let render: ReturnType<typeof cli> | undefined;
    await withRepositoryLock(root, async () => {
      render = cli(['protect', 'render'], { cwd: root });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(existsSync(path.join(root, '.github/settings.yml'))).toBe(false);
      writeFileSync(
        path.join(root, 'gitops.yaml'),
        `${descriptor}protection:\n  branches:\n    main:\n      requiredApprovals: 3\n`,
      );
    });
    const run = await render!;
    expect(run.code).toBe(0);
    expect(read(root, '.github/settings.yml')).toContain('required_approving_review_count: 3');
  });

  it('protect render --force through .github/settings.yml', async () => {
    const root = repository({ 'gitops.yaml': descriptor });
    expect((await cli(['protect', 'render'], { cwd: root })).code).toBe(0);
    const written = readdirSync(path.join(root, '.github'), { recursive: true }).map(String);
    expect(written).toContain('settings.yml');
    const { file } = outsideFile();
    execFileSync('rm', [path.join(root, '.github/settings.yml')]);
    symlinkSync(file, path.join(root, '.github/settings.yml'));
    const run = await cli(['protect', 'render', '--force'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('.github/settings.yml is a symbolic link that leads outside the repository');
    expect(readFileSync(file, 'utf8')).toBe('precious\n');
  });
});
