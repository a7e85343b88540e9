import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaffold } from '../../src/api/scaffold.js';
import { BIN, runBin } from '../helpers/cli.js';

// Races need real processes: each command here is the built CLI (npm run build).
// Rounds per race; GITOPS_INIT_RACE_ROUNDS=20 stresses them (each round is a fresh directory).
const ROUNDS = Number(process.env.GITOPS_INIT_RACE_ROUNDS ?? 3);
const asRoot = process.getuid?.() === 0;
/** Root may write anywhere: the read-only cases run the CLI as the unprivileged user "nobody". */
const NOBODY = asRoot ? { uid: 65534, gid: 65534 } : {};
const LOCK = '.gitops-init.lock';

/** The two repositories of these tests: "shop" of acme and "cart" of globex, which differ in every file that names them. */
const ORGS: Record<string, string> = { shop: 'acme', cart: 'globex' };

const answers = (name: string): string[] => [
  '--kind',
  'application',
  '--tool',
  'helm',
  '--name',
  name,
  '--org',
  ORGS[name] ?? 'acme',
  '--platform-team',
  `@${ORGS[name] ?? 'acme'}/platform`,
  '--app-team',
  `@${ORGS[name] ?? 'acme'}/${name}`,
  '--envs',
  'dev,staging,production',
  '--host',
  'github',
  '--no-git',
];

function files(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

function contents(root: string): Map<string, string> {
  return new Map(files(root).map((file) => [file, readFileSync(path.join(root, file), 'utf8')]));
}

let base: string;
/** The scaffolds of the repositories "shop" and "cart", as a run that is not disturbed writes them. */
const reference = new Map<string, Map<string, string>>();

beforeAll(async () => {
  base = mkdtempSync(path.join(tmpdir(), 'gitops-init-reliability-'));
  // "nobody" must reach the directories the read-only cases make here.
  chmodSync(base, 0o755);
  for (const name of ['shop', 'cart']) {
    const root = path.join(base, `reference-${name}`);
    await scaffold({
      cwd: base,
      directory: root,
      git: false,
      answers: {
        kind: 'application',
        tool: 'helm',
        name,
        org: ORGS[name] ?? 'acme',
        platformTeam: `@${ORGS[name] ?? 'acme'}/platform`,
        appTeams: `@${ORGS[name] ?? 'acme'}/${name}`,
        envs: 'dev,staging,production',
        host: 'github',
      },
    });
    reference.set(name, contents(root));
  }
});
afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

let serial = 0;
/** A new directory under the test's base, owned by "nobody" when the tests run as root. */
function directory(options: { mode?: number } = {}): string {
  serial += 1;
  const dir = path.join(base, `case-${serial}`);
  mkdirSync(dir);
  if (asRoot) chownSync(dir, 65534, 65534);
  if (options.mode !== undefined) chmodSync(dir, options.mode);
  return dir;
}

describe('new where it cannot write: one line naming the path, exit 2, nothing written', () => {
  it('a read-only directory, and a directory to be made in it', async () => {
    const readOnly = directory({ mode: 0o555 });
    const run = await runBin(['new', readOnly, ...answers('shop')], { cwd: base, ...NOBODY });
    expect(run.stderr).toBe(
      `gitops-init: cannot write the repository to ${path.basename(readOnly)}: it is not writable (permission denied, EACCES); choose another directory\n`,
    );
    expect(run.code).toBe(2);
    expect(readdirSync(readOnly)).toEqual([]);

    const below = await runBin(['new', 'sub', ...answers('shop')], { cwd: readOnly, ...NOBODY });
    expect(below.stderr).toBe(
      `gitops-init: cannot write the repository to sub: . is not writable (permission denied, EACCES); choose another directory\n`,
    );
    expect(below.code).toBe(2);
    expect(readdirSync(readOnly)).toEqual([]);
  });

  it('a read-only directory inside the target: refused before the first file', async () => {
    const target = directory();
    mkdirSync(path.join(target, '.github'));
    if (asRoot) chownSync(path.join(target, '.github'), 65534, 65534);
    chmodSync(path.join(target, '.github'), 0o555);
    const run = await runBin(['new', '.', ...answers('shop')], { cwd: target, ...NOBODY });
    expect(run.stderr).toBe(
      'gitops-init: cannot write .github/CODEOWNERS: .github is not writable (permission denied, EACCES); nothing was written: fix it, or choose another directory\n',
    );
    expect(run.code).toBe(2);
    expect(files(target)).toEqual([]);
    expect(readdirSync(target)).toEqual(['.github']);
  });

  it('/proc/self/x as an unprivileged user', async () => {
    const run = await runBin(['new', '/proc/self/x', ...answers('shop')], { cwd: base, ...NOBODY });
    expect(run.stderr).toMatch(
      /^gitops-init: cannot write the repository to \/proc\/self\/x: \/proc\/self is not writable \(permission denied, E(ACCES|PERM)\); choose another directory\n$/,
    );
    expect(run.code).toBe(2);
  });

  it('a directory the system will not make, and a file, are the same kind of problem: exit 2', async () => {
    const cwd = directory();
    writeFileSync(path.join(cwd, 'taken'), 'mine\n');
    const runs = await Promise.all(
      ['/proc/gitops-init', 'taken', 'taken/repo'].map((target) =>
        runBin(['new', target, ...answers('shop')], { cwd }),
      ),
    );
    for (const run of runs) {
      expect(run.stderr).toMatch(/^gitops-init: cannot write the repository to \S+: .*; choose another directory\n$/);
      expect(run.code).toBe(2);
    }
    expect(readdirSync(cwd)).toEqual(['taken']);
    expect(readFileSync(path.join(cwd, 'taken'), 'utf8')).toBe('mine\n');
  });
});

describe('new never writes through a link out of the target', () => {
  it('a linked directory: one line naming the link, exit 1, nothing written', async () => {
    const outside = directory();
    const target = directory();
    symlinkSync(outside, path.join(target, '.github'));
    const run = await runBin(['new', target, ...answers('shop')], { cwd: base });
    expect(run.stderr).toBe(
      `gitops-init: .github is a symbolic link that leads outside the repository (to ${outside}); gitops-init does not write through it: replace the link with a regular file or directory\n`,
    );
    expect(run.code).toBe(1);
    expect(readdirSync(outside)).toEqual([]);
    expect(readdirSync(target)).toEqual(['.github']);
  });

  it('a linked file, also with --force', async () => {
    const outside = directory();
    writeFileSync(path.join(outside, 'notes'), 'precious\n');
    const target = directory();
    symlinkSync(path.join(outside, 'notes'), path.join(target, 'README.md'));
    const run = await runBin(['new', target, ...answers('shop'), '--force'], { cwd: base });
    expect(run.stderr).toMatch(/^gitops-init: README\.md is a symbolic link that leads outside the repository/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.code).toBe(1);
    expect(readFileSync(path.join(outside, 'notes'), 'utf8')).toBe('precious\n');
    expect(readdirSync(target)).toEqual(['README.md']);
  });
});

describe('new under the repository lock', () => {
  it('two runs with different answers into one directory at once: one writes, the other is refused; never a mix', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const target = directory();
      const runs = await Promise.all(
        ['shop', 'cart'].map((name) => runBin(['new', '.', ...answers(name)], { cwd: target })),
      );
      const winner = runs.findIndex((run) => run.code === 0);
      expect(runs.map((run) => run.code).sort(), runs.map((run) => run.stderr).join('')).toEqual([0, 1]);
      const loser = runs[1 - winner];
      expect(loser?.stderr).toMatch(/^gitops-init: refusing to overwrite \d+ files whose content differs/);
      expect(contents(target)).toEqual(reference.get(winner === 0 ? 'shop' : 'cart'));
    }
  });

  it('takes over the lock a killed run left in the new tree, and removes it', async () => {
    const target = directory();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    writeFileSync(path.join(target, LOCK), `pid ${dead}\nsince 2026-01-01T00:00:00Z\n`);
    const run = await runBin(['new', '.', ...answers('shop')], { cwd: target });
    expect(run.code).toBe(0);
    expect(contents(target)).toEqual(reference.get('shop'));
  });

  it('writes a .gitignore that keeps a lock left by a kill out of commits', async () => {
    const target = directory();
    expect((await runBin(['new', '.', ...answers('shop')], { cwd: target })).code).toBe(0);
    execFileSync('git', ['-c', 'safe.directory=*', 'init', '-q'], { cwd: target });
    const ignored = spawnSync('git', ['-c', 'safe.directory=*', 'check-ignore', '-q', LOCK], { cwd: target });
    expect(ignored.status).toBe(0);
  });
});

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

describe('new interrupted by SIGINT', () => {
  /** Starts `new` and interrupts it once its first file is there; resolves with the run's end. */
  function interrupted(target: string): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, 'new', '.', ...answers('shop')], { cwd: target, stdio: 'ignore' });
      const watcher = watch(target, { recursive: true }, (_event, name) => {
        // A whole file, not the lock or a temporary file (write-file-atomic's: the name, a dot and a number).
        if (name === null || name === LOCK || /\.\d{1,10}$/.test(name) || !isFile(path.join(target, name))) return;
        watcher.close();
        child.kill('SIGINT');
      });
      child.on('close', (code, signal) => {
        watcher.close();
        resolve({ code, signal });
      });
    });
  }

  it('leaves whole files and no lock; the next run names what is there', async () => {
    const shop = reference.get('shop') ?? new Map<string, string>();
    let midway = 0;
    for (let attempt = 0; attempt < 8 && midway < 2; attempt += 1) {
      const target = directory();
      const end = await interrupted(target);
      const left = files(target);
      if (left.length === 0 || left.length === shop.size) continue;
      midway += 1;
      expect(end.signal).toBe('SIGINT');
      // Every file is whole, and neither a temporary file nor the lock is left.
      for (const file of left) expect(readFileSync(path.join(target, file), 'utf8'), file).toBe(shop.get(file));

      // Other answers: every file the interrupted run wrote is listed, and nothing is written.
      const other = await runBin(['new', '.', ...answers('cart')], { cwd: target });
      expect(other.code).toBe(1);
      const listed = other.stderr.split('\n').filter((line) => line.startsWith('  '));
      const differing = left.filter((file) => shop.get(file) !== reference.get('cart')?.get(file));
      expect(differing.length).toBeGreaterThan(0);
      expect(other.stderr).toMatch(
        new RegExp(`^gitops-init: refusing to overwrite ${differing.length} files? whose content differs`),
      );
      expect(listed).toEqual(differing.map((file) => `  ${file}`));
      expect(files(target)).toEqual(left);

      // The same answers: the files already there are named, the rest written.
      const again = await runBin(['new', '.', ...answers('shop')], { cwd: target });
      expect(again.code).toBe(0);
      for (const file of left)
        expect(again.stdout).toMatch(new RegExp(`^ {2}unchanged {2}${file.replace(/\./g, '\\.')}$`, 'm'));
      expect(again.stdout).toContain(
        `${shop.size - left.length} files written, ${left.length} already there and unchanged`,
      );
      expect(contents(target)).toEqual(shop);
    }
    expect(midway).toBeGreaterThan(0);
  });
});
