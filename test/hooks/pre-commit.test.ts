import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { writeFileTree } from '../../src/testing/index.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { GIT_ENV, git, gitInit } from '../helpers/git.js';
import { scaffoldShop } from '../helpers/repositories.js';

/**
 * The hook of .pre-commit-hooks.yaml, installed and run by the real pre-commit framework
 * (Debian's package; .ci/run installs it) from a git clone of this repository at HEAD, as users
 * get it from GitHub. pre-commit installs a `language: node` hook in three steps: `npm install
 * --dev --prod` in its clone (pre-commit passes `--dev` itself, so that a package can build
 * itself there: this one builds dist/ with its `prepare` script), `npm pack`, and `npm install
 * --global` of the tarball into the hook's environment, which gets the production dependencies
 * only; the clone's node_modules is then deleted. npm needs the registry (or its cache). What npm
 * prints while packing must not reach pre-commit, which takes `npm pack`'s whole output as the
 * tarball's name (.npmrc keeps it quiet).
 */
/** Seconds for one pre-commit or git command. */
const COMMAND_TIMEOUT = 100;
const TEST_TIMEOUT = (COMMAND_TIMEOUT + 20) * 1000;
/** Seconds for the hook's installation: the development tools in the clone, two builds, the production dependencies. */
const INSTALL_TIMEOUT = 540;

let base: string;
let hookRepository: string;
let revision: string;
let preCommitHome: string;

/**
 * Runs a command under coreutils' timeout, which ends the whole process group (npm included)
 * if it hangs. The environment is passed on (npm needs its proxy and certificate settings),
 * with git's identity, and npm told to use its cache before the registry.
 */
function run(cwd: string, command: string, ...args: string[]): { status: number | null; output: string } {
  return runFor(COMMAND_TIMEOUT, cwd, command, ...args);
}

function runFor(
  seconds: number,
  cwd: string,
  command: string,
  ...args: string[]
): { status: number | null; output: string } {
  const result = spawnSync('timeout', ['-k', '5', String(seconds), command, ...args], {
    cwd,
    env: {
      ...process.env,
      ...GIT_ENV,
      PRE_COMMIT_HOME: preCommitHome,
      PRE_COMMIT_COLOR: 'never',
      npm_config_prefer_offline: 'true',
    },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const preCommit = (cwd: string, ...args: string[]): { status: number | null; output: string } =>
  run(cwd, 'pre-commit', ...args);
const commit = (cwd: string, message: string): { status: number | null; output: string } =>
  run(cwd, 'git', 'commit', '-m', message);

/** The package as npm would serve it: packed once from dist/, which `npm test` builds first. */
let tarball: string | undefined;
function packed(): string {
  if (tarball !== undefined) return tarball;
  const destination = path.join(base, 'pack');
  mkdirSync(destination);
  const pack = runFor(INSTALL_TIMEOUT, REPO_ROOT, 'npm', 'pack', '--ignore-scripts', '--pack-destination', destination);
  if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.output}`);
  const name = readdirSync(destination).find((file) => file.endsWith('.tgz'));
  if (name === undefined) throw new Error(`npm pack wrote no tarball:\n${pack.output}`);
  tarball = path.join(destination, name);
  return tarball;
}

/** The node environments pre-commit installed for the hook repositories whose clone holds `marker`. */
function environmentsOf(marker: (repository: string) => boolean): string[] {
  return readdirSync(preCommitHome, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(preCommitHome, entry.name))
    .filter(marker)
    .flatMap((repository) =>
      readdirSync(repository)
        .filter((name) => name.startsWith('node_env-'))
        .map((name) => path.join(repository, name, 'lib/node_modules')),
    );
}

const head = (root: string): string =>
  spawnSync('git', ['rev-parse', '-q', '--verify', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();

beforeAll(
  () => {
    base = mkdtempSync(path.join(tmpdir(), 'gitops-init-pre-commit-'));
    preCommitHome = path.join(base, 'pre-commit-home');
    // The hook repository: a clone of this repository at HEAD (its committed state).
    hookRepository = path.join(base, 'gitops-init');
    git(base, 'clone', '-q', '--no-local', REPO_ROOT, hookRepository);
    revision = git(hookRepository, 'rev-parse', 'HEAD').trim();
    // The hook's environment, installed once for the tests below (pre-commit keeps it by repository
    // and revision; `pre-commit try-repo` would install it again, in a store of its own).
    const installer = path.join(base, 'installer');
    mkdirSync(installer);
    gitInit(installer);
    writeFileSync(
      path.join(installer, '.pre-commit-config.yaml'),
      stringify({ repos: [{ repo: hookRepository, rev: revision, hooks: [{ id: 'gitops-lint' }] }] }),
    );
    const install = runFor(INSTALL_TIMEOUT, installer, 'pre-commit', 'install-hooks');
    if (install.status !== 0) throw new Error(`pre-commit install-hooks failed:\n${install.output}`);
  },
  (INSTALL_TIMEOUT + 30) * 1000,
);
afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

describe('the gitops-lint hook in the pre-commit framework', () => {
  it('is installed with the production dependencies only', () => {
    const environments = readdirSync(preCommitHome, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name.startsWith('repo'))
      .flatMap((entry) =>
        readdirSync(path.join(preCommitHome, entry.name))
          .filter((name) => name.startsWith('node_env-'))
          .map((name) => path.join(preCommitHome, entry.name, name)),
      );
    expect(environments).toHaveLength(1);
    const installed = path.join(environments[0] ?? '', 'lib/node_modules/gitops-init');
    const dependencies = readdirSync(path.join(installed, 'node_modules'));
    expect(dependencies).toEqual(expect.arrayContaining(['yaml', 'commander']));
    for (const tool of ['typescript', 'vitest', 'eslint', 'esbuild', 'prettier'])
      expect(dependencies).not.toContain(tool);
    expect(existsSync(path.join(installed, 'dist/src/bin/gitops-init.js'))).toBe(true);
    // The clone pre-commit installed from keeps no node_modules.
    expect(readdirSync(preCommitHome).some((name) => existsSync(path.join(preCommitHome, name, 'node_modules')))).toBe(
      false,
    );
  });

  it(
    'guards the commits of a scaffolded repository: a clean commit passes, findings and a deleted required file are refused',
    async () => {
      const root = await scaffoldShop(base, 'pre-commit');
      // The generated configuration, pointed at the local hook repository instead of GitHub.
      const configFile = path.join(root, '.pre-commit-config.yaml');
      expect(existsSync(configFile)).toBe(true);
      const config = parse(readFileSync(configFile, 'utf8')) as {
        repos: { repo: string; rev: string; hooks: { id: string }[] }[];
      };
      const entry = config.repos.find((repo) => repo.hooks.some((hook) => hook.id === 'gitops-lint'));
      expect(entry).toBeDefined();
      if (!entry) return;
      entry.repo = hookRepository;
      entry.rev = revision;
      writeFileSync(configFile, stringify(config));
      expect(preCommit(root, 'install').status).toBe(0);

      git(root, 'add', '-A');
      const first = commit(root, 'initial');
      expect(first.output).toMatch(/gitops-init lint\.+Passed/);
      expect(first.status).toBe(0);
      const clean = head(root);

      writeFileSync(path.join(root, 'deploy/base/extra.yaml'), 'a: 1\na: 2\n');
      git(root, 'add', '-A');
      const refused = commit(root, 'duplicate key');
      expect(refused.status).toBe(1);
      expect(refused.output).toContain('deploy/base/extra.yaml');
      expect(head(root)).toBe(clean);
      git(root, 'rm', '-q', '--cached', 'deploy/base/extra.yaml');
      rmSync(path.join(root, 'deploy/base/extra.yaml'));

      git(root, 'rm', '-q', 'CHANGELOG.md');
      const deletion = commit(root, 'remove the changelog');
      expect(deletion.status).toBe(1);
      expect(deletion.output).toContain('Required file "CHANGELOG.md" is missing');
      expect(head(root)).toBe(clean);
    },
    TEST_TIMEOUT,
  );
});

describe('the hook installed from npm (repo: local, additional_dependencies), as the README shows', () => {
  it(
    'installs the package with its production dependencies only, builds nothing, and fails on findings',
    () => {
      const tarball = packed();
      const target = writeFileTree({ 'deploy/bad.yaml': 'replicas: 1\nreplicas: 2\n' }, 'gitops-init-local-');
      try {
        gitInit(target);
        const hook = {
          id: 'gitops-lint',
          name: 'gitops-init lint',
          entry: 'gitops-init lint',
          language: 'node',
          additional_dependencies: [tarball],
          always_run: true,
          require_serial: true,
        };
        writeFileSync(
          path.join(target, '.pre-commit-config.yaml'),
          stringify({ repos: [{ repo: 'local', hooks: [hook] }] }),
        );
        git(target, 'add', '-A');
        const run = runFor(INSTALL_TIMEOUT, target, 'pre-commit', 'run', '--all-files');
        expect(run.output).toMatch(/gitops-init lint\.+Failed/);
        expect(run.output).toContain('Duplicate key "replicas"');
        expect(run.status).toBe(1);
        // The local hook's environment: the store's repository without a .pre-commit-hooks.yaml.
        const installed = readdirSync(preCommitHome, { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => path.join(preCommitHome, entry.name))
          .filter((repository) => !existsSync(path.join(repository, '.pre-commit-hooks.yaml')))
          .flatMap((repository) =>
            readdirSync(repository)
              .filter((name) => name.startsWith('node_env-'))
              .map((name) => path.join(repository, name, 'lib/node_modules')),
          );
        expect(installed).toHaveLength(1);
        const dependencies = readdirSync(path.join(installed[0] ?? '', 'gitops-init/node_modules'));
        expect(dependencies).toContain('yaml');
        for (const tool of ['typescript', 'vitest', 'eslint', 'esbuild']) expect(dependencies).not.toContain(tool);
      } finally {
        rmSync(target, { recursive: true, force: true });
      }
    },
    (INSTALL_TIMEOUT + 30) * 1000,
  );
});

describe('the mirror repository (.ci/pre-commit-mirror.mjs), which scaffolds point at', () => {
  it(
    'installs nothing in its clone and the published package with its production dependencies only, and guards commits',
    async () => {
      const mirror = path.join(base, 'mirrors-gitops-init');
      const write = runFor(
        COMMAND_TIMEOUT,
        REPO_ROOT,
        process.execPath,
        '.ci/pre-commit-mirror.mjs',
        mirror,
        '--package',
        packed(),
      );
      expect(write.status, write.output).toBe(0);
      // A placeholder package: pre-commit's `npm install --dev --prod` in the clone has nothing to install.
      const manifest = JSON.parse(readFileSync(path.join(mirror, 'package.json'), 'utf8')) as Record<string, unknown>;
      expect(manifest.dependencies).toBeUndefined();
      expect(manifest.devDependencies).toBeUndefined();
      expect(manifest.scripts).toBeUndefined();
      // The same hook as this repository's, with the package as an additional dependency.
      const ours = parse(readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<
        string,
        unknown
      >[];
      const theirs = parse(readFileSync(path.join(mirror, '.pre-commit-hooks.yaml'), 'utf8')) as Record<
        string,
        unknown
      >[];
      expect(theirs).toEqual(ours.map((hook) => ({ ...hook, additional_dependencies: [packed()] })));
      gitInit(mirror);
      git(mirror, 'add', '-A');
      git(mirror, 'commit', '-q', '-m', 'mirror');
      git(mirror, 'tag', 'v0.1.0');

      // A scaffold's own configuration, pointed at the local mirror instead of GitHub's.
      const userBase = path.join(base, 'mirror-user');
      mkdirSync(userBase);
      const root = await scaffoldShop(userBase, 'pre-commit');
      const configFile = path.join(root, '.pre-commit-config.yaml');
      const config = parse(readFileSync(configFile, 'utf8')) as { repos: { repo: string; rev: string }[] };
      expect(config.repos[0]?.repo).toBe('https://github.com/gitops-init/mirrors-gitops-init');
      expect(config.repos[0]?.rev).toMatch(/^v\d+\.\d+\.\d+/);
      config.repos[0] = { ...config.repos[0], repo: mirror, rev: 'v0.1.0' };
      writeFileSync(configFile, stringify(config));
      expect(preCommit(root, 'install').status).toBe(0);
      git(root, 'add', '-A');
      const first = commit(root, 'initial');
      expect(first.output).toMatch(/gitops-init lint\.+Passed/);
      expect(first.status).toBe(0);

      const installed = environmentsOf((repository) => {
        const file = path.join(repository, 'package.json');
        return existsSync(file) && readFileSync(file, 'utf8').includes('"gitops-init-pre-commit-mirror"');
      });
      expect(installed).toHaveLength(1);
      const dependencies = readdirSync(path.join(installed[0] ?? '', 'gitops-init/node_modules'));
      expect(dependencies).toEqual(expect.arrayContaining(['yaml', 'commander']));
      for (const tool of ['typescript', 'vitest', 'eslint', 'esbuild', 'prettier', 'rolldown'])
        expect(dependencies).not.toContain(tool);

      writeFileSync(path.join(root, 'deploy/base/extra.yaml'), 'a: 1\na: 2\n');
      git(root, 'add', '-A');
      const refused = commit(root, 'duplicate key');
      expect(refused.status).toBe(1);
      expect(refused.output).toContain('deploy/base/extra.yaml');
    },
    (INSTALL_TIMEOUT + 30) * 1000,
  );
});
