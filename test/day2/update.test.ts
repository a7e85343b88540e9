import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT, runBin, type CliRun } from '../helpers/cli.js';

// `gitops-init update`, as a release of gitops-init with changed templates would run it: the
// current package, packed with npm, is the base; a copy of it with a higher version and changed
// templates is the running version.

let base: string;
let tarball: string;
let next: string;
let cache: string;
const NEXT_VERSION = '99.0.0';
let baseVersion: string;

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, HUSKY: '0' } });

function edit(file: string, change: (text: string) => string): void {
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'gitops-init-update-'));
  cache = path.join(base, 'cache');
  baseVersion = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const packed = execFileSync(
    'npm',
    ['pack', '--ignore-scripts', '--silent', '--pack-destination', base, '--cache', path.join(base, 'npm-cache')],
    { cwd: REPO_ROOT, encoding: 'utf8' },
  ).trim();
  tarball = path.join(base, packed.split('\n').at(-1)!);
  // The next version: the same code, other templates.
  next = path.join(base, 'next');
  mkdirSync(next);
  for (const entry of ['dist', 'templates', 'package.json'])
    cpSync(path.join(REPO_ROOT, entry), path.join(next, entry), { recursive: true });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(next, 'node_modules'));
  edit(path.join(next, 'package.json'), (text) =>
    text.replace(`"version": "${baseVersion}"`, `"version": "${NEXT_VERSION}"`),
  );
  const templates = path.join(next, 'templates');
  // A line added at the top of the README, and its first paragraph's first line reworded.
  edit(path.join(templates, 'shared/common/README.md.hbs'), (text) =>
    text
      .replace(
        '# {{{name}}}\n',
        '# {{{name}}}\n\n> Generated with gitops-init: `gitops-init update` brings template improvements in.\n',
      )
      .replace('The **infrastructure** repository of', 'The **infrastructure** GitOps repository of'),
  );
  // A new file, and one taken away.
  writeFileSync(
    path.join(templates, 'shared/common/SECURITY.md.hbs'),
    '# Security\n\nReport problems to {{{platformTeam}}}.\n',
  );
  rmSync(path.join(templates, 'shared/common/.sops.yaml.hbs'));
}, 120_000);

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

let count = 0;
/** An infrastructure repository made by the current version, committed. */
function repository(): string {
  count += 1;
  const root = path.join(base, `repo-${count}`);
  const made = spawnSync(
    process.execPath,
    [
      path.join(REPO_ROOT, 'dist/src/bin/gitops-init.js'),
      'new',
      root,
      '--yes',
      '--org',
      'acme',
      '--tool',
      'flux',
      '--commit',
    ],
    { cwd: base, encoding: 'utf8', env: { ...process.env, HUSKY: '0' } },
  );
  expect(made.status, made.stderr).toBe(0);
  return root;
}

function commit(root: string, message: string): void {
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '--allow-empty', '-m', message);
}

function update(root: string, ...argv: string[]): Promise<CliRun> {
  return runBin(['update', ...argv], {
    cwd: root,
    bin: path.join(next, 'dist/src/bin/gitops-init.js'),
    env: { XDG_CACHE_HOME: cache, HUSKY: '0' },
    timeoutMs: 60_000,
  });
}

const read = (root: string, file: string): string => readFileSync(path.join(root, file), 'utf8');
const recorded = (root: string): unknown =>
  (parse(read(root, 'gitops.yaml')) as { scaffold: { version: unknown } }).scaffold.version;

describe('gitops-init update', () => {
  it('records the version that generated the repository', () => {
    expect(recorded(repository())).toBe(baseVersion);
  });

  it("merges the templates' changes into files the user changed elsewhere, replaces untouched ones, creates and deletes", async () => {
    const root = repository();
    appendFileSync(path.join(root, 'README.md'), '\n## Our notes\n\nRunbooks live in the wiki.\n');
    commit(root, 'notes');
    const run = await update(root, '--base', tarball);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `^Updated from gitops-init ${baseVersion.replaceAll('.', '\\.')} to 99\\.0\\.0: \\d+ files changed\\.`,
      ),
    );
    const readme = read(root, 'README.md');
    expect(readme).toContain('> Generated with gitops-init: `gitops-init update` brings template improvements in.');
    expect(readme).toContain('The **infrastructure** GitOps repository of acme');
    expect(readme).toContain('## Our notes\n\nRunbooks live in the wiki.\n');
    expect(read(root, 'SECURITY.md')).toBe('# Security\n\nReport problems to @acme/platform.\n');
    expect(existsSync(path.join(root, '.sops.yaml'))).toBe(false);
    expect(recorded(root)).toBe(NEXT_VERSION);
    expect(run.stdout).toMatch(/ {2}create {2}SECURITY\.md\n/);
    expect(run.stdout).toMatch(/ {2}delete {2}\.sops\.yaml\n/);
    expect(run.stdout).toContain(`-  version: "${baseVersion}"\n+  version: "${NEXT_VERSION}"\n`);
    // The result lints clean with the version that wrote it.
    const lint = await runBin(['lint'], { cwd: root, bin: path.join(next, 'dist/src/bin/gitops-init.js') });
    expect(lint.stdout + lint.stderr).toBe('');
    expect(lint.code).toBe(0);
    // A second update changes nothing: the base is now the running version.
    commit(root, 'update');
    const again = await update(root);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toBe(`Nothing to change: the repository is on gitops-init ${NEXT_VERSION}'s templates.\n`);
    expect(git(root, 'status', '--porcelain')).toBe('');
    // Day-2 commands work on the updated repository, with the answers the update rendered with.
    const env = await runBin(['add', 'env', 'qa', '--yes'], {
      cwd: root,
      bin: path.join(next, 'dist/src/bin/gitops-init.js'),
    });
    expect(env).toMatchObject({ code: 0, stderr: '' });
    expect(recorded(root)).toBe(NEXT_VERSION);
  });

  it('marks a conflict where the user and the templates changed the same lines, lists it, exit 1, and applies the rest', async () => {
    const root = repository();
    edit(path.join(root, 'README.md'), (text) =>
      text.replace('The **infrastructure** repository of', 'The **platform** repository of'),
    );
    commit(root, 'wording');
    const run = await update(root, '--base', tarball);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '1 conflict left for you:\n  README.md: changed by you and by the templates on the same lines; resolve the conflict markers\n',
    );
    const readme = read(root, 'README.md');
    expect(readme).toContain('<<<<<<< ours\n');
    expect(readme).toContain('The **platform** repository of');
    expect(readme).toContain('The **infrastructure** GitOps repository of');
    expect(readme).toContain(`>>>>>>> gitops-init ${NEXT_VERSION}\n`);
    // The rest is applied.
    expect(existsSync(path.join(root, 'SECURITY.md'))).toBe(true);
    expect(recorded(root)).toBe(NEXT_VERSION);
  });

  it("does not overwrite a user's file where a new template writes, and keeps a changed file the templates delete", async () => {
    const root = repository();
    writeFileSync(path.join(root, 'SECURITY.md'), '# Our security policy\n');
    appendFileSync(path.join(root, '.sops.yaml'), '# our age key is rotated quarterly\n');
    commit(root, 'ours');
    const run = await update(root, '--base', tarball);
    expect(run.code).toBe(1);
    expect(read(root, 'SECURITY.md')).toBe('# Our security policy\n');
    expect(run.stdout).toContain(
      "  SECURITY.md: a new template's file, and a file of yours is there; it was not overwritten",
    );
    expect(read(root, '.sops.yaml')).toContain('# our age key is rotated quarterly');
    expect(run.stdout).toContain(
      'Kept as you have them (the templates changed or deleted them, and you had changed or deleted them):\n  .sops.yaml\n',
    );
  });

  it('--dry-run prints the plan with its diffs and writes nothing', async () => {
    const root = repository();
    const run = await update(root, '--base', tarball, '--dry-run');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Plan to update from gitops-init .* to 99\.0\.0 \(dry run, nothing written\):\n/);
    expect(run.stdout).toContain('+> Generated with gitops-init');
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('refuses a work tree with uncommitted changes, exit 1, unless --allow-dirty', async () => {
    const root = repository();
    appendFileSync(path.join(root, 'README.md'), 'draft\n');
    const run = await update(root, '--base', tarball);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^gitops-init: 1 uncommitted change in the work tree \(README\.md\): commit or stash them first.*--allow-dirty\n$/,
    );
    expect(recorded(root)).toBe(baseVersion);
    const allowed = await update(root, '--base', tarball, '--allow-dirty');
    expect(allowed.code).toBe(0);
    expect(read(root, 'README.md')).toMatch(/draft\n$/);
    expect(recorded(root)).toBe(NEXT_VERSION);
  });

  describe('the base package', () => {
    let registry: Server;
    let registryUrl: string;
    let requests: string[];
    beforeAll(async () => {
      requests = [];
      const bytes = readFileSync(tarball);
      registry = createServer((request, response) => {
        requests.push(request.url ?? '');
        const url = `http://127.0.0.1:${(registry.address() as AddressInfo).port}`;
        if (request.url === '/gitops-init') {
          response.setHeader('content-type', 'application/json');
          response.end(
            JSON.stringify({
              name: 'gitops-init',
              'dist-tags': { latest: baseVersion },
              versions: {
                [baseVersion]: {
                  name: 'gitops-init',
                  version: baseVersion,
                  dist: {
                    tarball: `${url}/gitops-init/-/gitops-init-${baseVersion}.tgz`,
                    shasum: createHash('sha1').update(bytes).digest('hex'),
                    integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
                  },
                },
              },
            }),
          );
        } else if (request.url === `/gitops-init/-/gitops-init-${baseVersion}.tgz`) {
          response.end(bytes);
        } else {
          response.statusCode = 404;
          response.end('{"error":"not found"}');
        }
      });
      await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
      registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
    });
    afterAll(() => {
      registry.close();
    });

    const npmEnv = (): NodeJS.ProcessEnv => ({
      XDG_CACHE_HOME: path.join(base, `cache-${count}`),
      npm_config_registry: registryUrl,
      npm_config_cache: path.join(base, 'npm-cache'),
      HUSKY: '0',
    });

    it('is fetched from the npm registry for the version gitops.yaml records, once', async () => {
      const root = repository();
      const env = npmEnv();
      const run = await runBin(['update', '--dry-run'], {
        cwd: root,
        bin: path.join(next, 'dist/src/bin/gitops-init.js'),
        env,
        timeoutMs: 120_000,
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(
        new RegExp(`^Plan to update from gitops-init ${baseVersion.replaceAll('.', '\\.')} to 99\\.0\\.0`),
      );
      expect(requests).toContain(`/gitops-init/-/gitops-init-${baseVersion}.tgz`);
      // From the cache the second time: the registry is not asked again.
      requests.length = 0;
      const again = await runBin(['update', '--dry-run'], {
        cwd: root,
        bin: path.join(next, 'dist/src/bin/gitops-init.js'),
        env,
        timeoutMs: 120_000,
      });
      expect(again.code).toBe(0);
      expect(requests).toEqual([]);
    });

    it.each([
      [
        'a version the registry does not have',
        (root: string) =>
          edit(path.join(root, 'gitops.yaml'), (text) => text.replace(`version: "${baseVersion}"`, 'version: "0.0.1"')),
        [],
        /^gitops-init: cannot fetch gitops-init@0\.0\.1, the version that rendered this repository \(.+\); pass --base <dir\|tarball> of gitops-init 0\.0\.1\n$/,
      ],
      [
        'no recorded version',
        (root: string) =>
          edit(path.join(root, 'gitops.yaml'), (text) => text.replace(`  version: "${baseVersion}"\n`, '')),
        [],
        /^gitops-init: gitops\.yaml has no scaffold\.version .*: pass --base <dir\|tarball> of the gitops-init version that generated it\n$/,
      ],
      [
        'a recorded version that is not one',
        (root: string) =>
          edit(path.join(root, 'gitops.yaml'), (text) =>
            text.replace(`version: "${baseVersion}"`, 'version: "latest"'),
          ),
        [],
        /^gitops-init: gitops\.yaml: scaffold\.version "latest" is not a gitops-init version/,
      ],
      [
        '--base that does not exist',
        () => undefined,
        ['--base', 'missing.tgz'],
        /^gitops-init: --base "missing\.tgz": no such file or directory; pass a gitops-init package directory or npm tarball\n$/,
      ],
      [
        '--base that is not a package',
        (root: string) => mkdirSync(path.join(root, 'empty')),
        ['--base', 'empty'],
        /^gitops-init: --base "empty": not a gitops-init package/,
      ],
      [
        '--base that is not a tarball',
        () => undefined,
        ['--base', 'README.md'],
        /^gitops-init: --base "README\.md": cannot unpack it/,
      ],
    ])('%s: one line, exit 2, nothing written', async (_name, prepare, argv, message) => {
      const root = repository();
      prepare(root);
      commit(root, 'prepare');
      const before = read(root, 'gitops.yaml');
      const run = await runBin(['update', ...argv], {
        cwd: root,
        bin: path.join(next, 'dist/src/bin/gitops-init.js'),
        env: npmEnv(),
        timeoutMs: 120_000,
      });
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.code).toBe(2);
      expect(read(root, 'gitops.yaml')).toBe(before);
      expect(git(root, 'status', '--porcelain')).toBe('');
    });
  });
});
