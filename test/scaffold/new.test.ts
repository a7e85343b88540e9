import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gitops-init-new-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const appFlags = [
  '--kind',
  'application',
  '--tool',
  'argocd',
  '--name',
  'checkout',
  '--org',
  'acme',
  '--platform-team',
  '@acme/platform',
  '--app-team',
  '@acme/checkout',
  '--envs',
  'dev,production',
  '--host',
  'github',
];

function tree(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.parentPath.split(path.sep).includes('.git'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

const gitEnv = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

describe('gitops-init new', () => {
  it('creates the repository, initialises git on the default branch and says what to do next', async () => {
    const cwd = tempDir();
    const run = await cli(['new', 'shop', ...appFlags, '--default-branch', 'trunk'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^ {2}create {2}\.github\/CODEOWNERS$/m);
    expect(run.stdout).toContain('Application repository in shop:');
    expect(run.stdout).toContain('git repository initialised on trunk');
    expect(run.stdout).toContain('npm install');
    const root = path.join(cwd, 'shop');
    expect(execFileSync('git', ['symbolic-ref', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim()).toBe(
      'trunk',
    );
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' })).not.toBe('');
    expect(existsSync(path.join(root, '.github/rulesets/trunk-protection.json'))).toBe(true);
    expect(statSync(path.join(root, '.husky/pre-commit')).mode & 0o111).not.toBe(0);
  });

  it('re-runs with no flags from the stored answers and reports every file unchanged', async () => {
    const cwd = tempDir();
    expect((await cli(['new', ...appFlags, '--no-git'], { cwd })).code).toBe(0);
    const before = tree(cwd).map((file) => [file, readFileSync(path.join(cwd, file), 'utf8')]);
    const again = await cli(['new', '--no-git'], { cwd });
    expect(again.code).toBe(0);
    const lines = again.stdout.split('\n').filter((line) => line.startsWith('  '));
    expect(lines.length).toBe(before.length);
    expect(lines.every((line) => line.startsWith('  unchanged  '))).toBe(true);
    expect(again.stdout).toContain('0 files written');
    expect(tree(cwd).map((file) => [file, readFileSync(path.join(cwd, file), 'utf8')])).toEqual(before);
  });

  it('refuses to overwrite a changed file: nothing is written, every conflict listed, exit 1', async () => {
    const cwd = tempDir();
    expect((await cli(['new', ...appFlags, '--no-git'], { cwd })).code).toBe(0);
    writeFileSync(path.join(cwd, 'README.md'), '# my notes\n');
    writeFileSync(path.join(cwd, 'VERSION'), '9.9.9\n');
    rmSync(path.join(cwd, 'CHANGELOG.md'));
    const run = await cli(['new', '--no-git'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('refusing to overwrite 2 files');
    expect(run.stderr).toContain('  README.md');
    expect(run.stderr).toContain('  VERSION');
    expect(run.stderr).toContain('--force');
    expect(existsSync(path.join(cwd, 'CHANGELOG.md'))).toBe(false);
    expect(readFileSync(path.join(cwd, 'README.md'), 'utf8')).toBe('# my notes\n');

    const plan = await cli(['new', '--no-git', '--dry-run'], { cwd });
    expect(plan.code).toBe(1);
    expect(plan.stdout).toMatch(/^ {2}conflict +README\.md$/m);
    expect(plan.stdout).toMatch(/^ {2}create +CHANGELOG\.md$/m);
    expect(plan.stdout).toContain('Nothing was written');
    expect(existsSync(path.join(cwd, 'CHANGELOG.md'))).toBe(false);

    const forced = await cli(['new', '--no-git', '--force'], { cwd });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^ {2}overwrite +README\.md$/m);
    expect(readFileSync(path.join(cwd, 'VERSION'), 'utf8')).toBe('0.1.0\n');
  });

  it('writes nothing with --dry-run', async () => {
    const cwd = tempDir();
    const run = await cli(['new', 'x', ...appFlags, '--dry-run'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}create {2}gitops\.yaml$/m);
    expect(existsSync(path.join(cwd, 'x'))).toBe(false);
  });

  it('without a terminal and without --yes, lists every missing flag in one line, exit 2', async () => {
    const cwd = tempDir();
    const run = await cli(['new', '--kind', 'application'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'gitops-init: missing answers: --tool, --name, --org, --platform-team, --app-team, --envs, --host; give them as flags, in --answers <file.yaml>, or use --yes for defaults\n',
    );
    expect(readdirSync(cwd)).toEqual([]);
    const bare = await cli([], { cwd });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('missing answers: --kind, --tool');
  });

  it('fills defaults with --yes', async () => {
    const cwd = tempDir();
    const run = await cli(['new', 'edge-platform', '--yes', '--no-git'], { cwd });
    expect(run.code).toBe(0);
    const descriptor = readFileSync(path.join(cwd, 'edge-platform/gitops.yaml'), 'utf8');
    expect(descriptor).toContain('kind: "infrastructure"');
    expect(descriptor).toContain('name: "edge-platform"');
    expect(descriptor).toContain('tool: "flux"');
  });

  it.each([
    [['--name', '../escape'], '--name "../escape": the repository name must be a DNS-1123 label'],
    [['--name', 'Checkout'], '--name "Checkout": the repository name must be a DNS-1123 label'],
    [['--platform-team', 'platform'], '--platform-team "platform": must be a team as @org/team-slug'],
    [['--platform-team', '@other/platform'], '--platform-team "@other/platform": the team must belong to --org "acme"'],
    [['--envs', 'dev,prod\nuction'], '--envs "prod\\nuction": each environment must be a DNS-1123 label'],
    [['--envs', 'dev,dev'], '--envs "dev,dev": an environment is listed twice'],
    [['--default-branch', 'main..x'], '--default-branch "main..x": not a valid git branch name'],
    [['--app-team', '@acme/a,@acme/b'], '--app-team: an application repository has exactly one owning team, got 2'],
    [['--org', 'acme corp'], '--org "acme corp": must be an organisation or group name'],
    [
      ['--kind', 'infrastructure', '--name', 'shop', '--app-team', '@acme/shop'],
      '--name "shop": the application team\'s repository is acme/shop',
    ],
  ])('refuses a bad answer %j with one line naming the flag, exit 2', async (override, message) => {
    const cwd = tempDir();
    const flags = [...appFlags];
    for (let index = 0; index < override.length; index += 2) {
      const at = flags.indexOf(override[index] ?? '');
      if (at === -1) flags.push(override[index] ?? '', override[index + 1] ?? '');
      else flags[at + 1] = override[index + 1] ?? '';
    }
    const run = await cli(['new', ...flags], { cwd });
    expect(run.code).toBe(2);
    expect(
      run.stderr
        .trimEnd()
        .split('\n')
        .filter((line) => line.includes(message.slice(0, 12))),
    ).toHaveLength(1);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('rejects a bad choice for --tool and --hooks as usage errors', async () => {
    const cwd = tempDir();
    const run = await cli(['new', ...appFlags.slice(0, 2), '--tool', 'spinnaker'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('spinnaker');
  });

  it('takes answers from a YAML file, flags winning, and rejects unknown keys', async () => {
    const cwd = tempDir();
    writeFileSync(
      path.join(cwd, 'answers.yaml'),
      'kind: infrastructure\ntool: argocd\nname: platform\norg: acme\nplatform-team: "@acme/platform"\napp-team: ["@acme/checkout"]\nenvs: [dev, production]\nhost: gitlab\nhooks: pre-commit\n',
    );
    const run = await cli(['new', 'repo', '--answers', 'answers.yaml', '--name', 'core', '--no-git'], { cwd });
    expect(run.code).toBe(0);
    const root = path.join(cwd, 'repo');
    expect(readFileSync(path.join(root, 'gitops.yaml'), 'utf8')).toContain('name: "core"');
    expect(existsSync(path.join(root, '.gitlab/CODEOWNERS'))).toBe(true);
    expect(existsSync(path.join(root, '.gitlab-ci.yml'))).toBe(true);
    expect(existsSync(path.join(root, '.pre-commit-config.yaml'))).toBe(true);
    expect(existsSync(path.join(root, 'package.json'))).toBe(false);
    writeFileSync(path.join(cwd, 'bad.yaml'), 'kind: infrastructure\ncolour: blue\n');
    const bad = await cli(['new', '--answers', 'bad.yaml'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.yaml: unknown answer "colour"');
    const missing = await cli(['new', '--answers', 'nope.yaml'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--answers "nope.yaml": cannot read the file (ENOENT)');
  });

  it('makes the first commit with --commit, and leaves an existing repository alone', async () => {
    const cwd = tempDir();
    const run = await cli(['new', 'r', ...appFlags, '--commit'], { cwd, env: gitEnv });
    expect(run.code, run.stderr).toBe(0);
    const root = path.join(cwd, 'r');
    const oldEnv = { ...process.env };
    Object.assign(process.env, gitEnv);
    try {
      expect(execFileSync('git', ['log', '--format=%s'], { cwd: root, encoding: 'utf8' })).toContain(
        'Scaffold the checkout application repository',
      );
      expect(execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' })).toBe('');
    } finally {
      process.env = oldEnv;
    }
    const outer = tempDir();
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: outer });
    mkdirSync(path.join(outer, 'nested'));
    const nested = await cli(['new', 'nested', ...appFlags], { cwd: outer });
    expect(nested.stdout).not.toContain('git repository initialised');
    expect(existsSync(path.join(outer, 'nested/.git'))).toBe(false);
  });

  // A target that cannot be the repository's directory is a usage error (exit 2), whatever the
  // reason: one the system refuses to create, a file, a path under a file.
  it('refuses a target directory that cannot be created, at once, exit 2', async () => {
    const cwd = tempDir();
    const run = await cli(['new', '/proc/gitops-init/repo', ...appFlags], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      process.getuid?.() === 0
        ? 'gitops-init: cannot write the repository to /proc/gitops-init/repo: /proc/gitops-init cannot be created (no such file or directory, ENOENT); choose another directory\n'
        : 'gitops-init: cannot write the repository to /proc/gitops-init/repo: /proc is not writable (permission denied, EACCES); choose another directory\n',
    );
  });

  it('refuses a target that is a file, or lies under one, exit 2', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'taken'), 'x');
    const run = await cli(['new', 'taken', ...appFlags], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'gitops-init: cannot write the repository to taken: it is a file, not a directory; choose another directory\n',
    );
    const under = await cli(['new', 'taken/repo', ...appFlags], { cwd });
    expect(under.code).toBe(2);
    expect(under.stderr).toBe(
      'gitops-init: cannot write the repository to taken/repo: taken is a file, not a directory; choose another directory\n',
    );
    // Also for a dry run, which would otherwise plan a repository that cannot be.
    expect((await cli(['new', 'taken/repo', ...appFlags, '--dry-run'], { cwd })).code).toBe(2);
    expect(readdirSync(cwd)).toEqual(['taken']);
  });
});
