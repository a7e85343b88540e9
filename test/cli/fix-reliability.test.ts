import { spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/api/lint.js';
import { LinkEscapeError } from '../../src/files/atomic-write.js';
import { defineRule, type AnyRule } from '../../src/engine/rule.js';
import type { FileTree } from '../../src/testing/index.js';
import { runBin } from '../helpers/cli.js';
import { git, gitInit } from '../helpers/git.js';
import { temporaryTrees } from '../helpers/trees.js';

const tree = temporaryTrees();
// Rounds per race; GITOPS_INIT_RACE_ROUNDS=20 stresses them (each round is a fresh repository).
const ROUNDS = Math.max(5, Number(process.env.GITOPS_INIT_RACE_ROUNDS ?? 5));
const asRoot = process.getuid?.() === 0;
/** Root may write anywhere: the read-only cases run the CLI as the unprivileged user "nobody". */
const NOBODY = asRoot ? { uid: 65534, gid: 65534 } : {};

function repository(files: FileTree): string {
  const root = tree(files);
  gitInit(root);
  return root;
}

/** Upper-cases the text files' first lower-case letter, one per pass. */
const upperFirst = defineRule({
  id: 'test-upper-first',
  meta: {
    type: 'layout',
    docs: { description: 'Text files are upper case', category: 'syntax', recommended: 'error' },
    scope: 'file',
    fixable: 'code',
    schema: [],
    messages: { lower: 'lower-case letter' },
  },
  defaultOptions: [],
  check(context) {
    for (const file of context.targetFiles) {
      if (!file.endsWith('.txt')) continue;
      const text = context.text(file) ?? '';
      const index = text.search(/[a-z]/);
      if (index === -1) continue;
      context.report({
        file,
        messageId: 'lower',
        line: 1,
        fix: { edits: [{ range: [index, index + 1], text: (text[index] ?? '').toUpperCase() }] },
      });
    }
  },
});

/**
 * The seam for a change made while the run is going: a rule that, the first time it runs, reads
 * every target (so the run has read them, whichever rule runs first) and then does what an
 * editor would do to the repository.
 */
function meanwhile(change: () => void): AnyRule {
  let done = false;
  return defineRule({
    id: 'test-meanwhile',
    meta: {
      type: 'layout',
      docs: { description: 'An editor at work', category: 'syntax', recommended: 'error' },
      scope: 'file',
      schema: [],
      messages: { never: 'never reported' },
    },
    defaultOptions: [],
    check(context) {
      if (done) return;
      done = true;
      for (const file of context.targetFiles) context.text(file);
      change();
    },
  });
}

describe('lint --fix writes a file only while it holds what the run read', () => {
  it('keeps an edit made during the run, says so, and reports the file as it is now', async () => {
    const root = repository({ 'edited.txt': 'abc\n', 'other.txt': 'xyz\n' });
    const edited = path.join(root, 'edited.txt');
    const report = await lint({
      cwd: root,
      kind: 'infrastructure',
      fix: true,
      ruleSet: [upperFirst, meanwhile(() => writeFileSync(edited, 'my edit\n'))],
    });
    expect(readFileSync(edited, 'utf8')).toBe('my edit\n');
    expect(readFileSync(path.join(root, 'other.txt'), 'utf8')).toBe('XYZ\n');
    expect(report.fixedFiles).toEqual(['other.txt']);
    expect(report.notices).toEqual([
      'edited.txt changed while gitops-init was fixing it: its fixes were not written and the change is kept; run fix again',
    ]);
    // The findings are those of the edited file: the exit code is that of unfixed findings.
    const result = report.results.find((item) => item.filePath === edited);
    expect(result?.errorCount).toBe(1);
    expect(result?.output).toBeUndefined();
    expect(result?.messages[0]?.fix).toEqual({ range: [0, 1], text: 'M' });
    expect(existsSync(path.join(root, '.git', 'gitops-init.lock'))).toBe(false);
    expect(readdirSync(root).sort()).toEqual(['.git', 'edited.txt', 'other.txt']);
  });

  it('does not bring back a file deleted during the run', async () => {
    const root = repository({ 'gone.txt': 'abc\n' });
    const report = await lint({
      cwd: root,
      kind: 'infrastructure',
      fix: true,
      ruleSet: [upperFirst, meanwhile(() => rmSync(path.join(root, 'gone.txt')))],
    });
    expect(existsSync(path.join(root, 'gone.txt'))).toBe(false);
    expect(report.fixedFiles).toEqual([]);
    expect(report.notices[0]).toMatch(/^gone\.txt changed while gitops-init was fixing it/);
  });

  it('does not replace a file that was created during the run where the fix creates one', async () => {
    const root = repository({ 'notes.txt': 'OK\n' });
    const created = defineRule({
      ...upperFirst,
      id: 'test-creates',
      check(context) {
        if (!context.hasFile('new.txt'))
          context.report({
            file: 'notes.txt',
            messageId: 'lower',
            line: 1,
            fix: { file: 'new.txt', edits: [{ range: [0, 0], text: 'GENERATED\n' }] },
          });
      },
    });
    const undisturbed = repository({ 'notes.txt': 'OK\n' });
    expect(
      (await lint({ cwd: undisturbed, kind: 'infrastructure', fix: true, ruleSet: [created] })).fixedFiles,
    ).toEqual(['new.txt']);
    expect(readFileSync(path.join(undisturbed, 'new.txt'), 'utf8')).toBe('GENERATED\n');

    const report = await lint({
      cwd: root,
      kind: 'infrastructure',
      fix: true,
      ruleSet: [created, meanwhile(() => writeFileSync(path.join(root, 'new.txt'), 'mine\n'))],
    });
    expect(readFileSync(path.join(root, 'new.txt'), 'utf8')).toBe('mine\n');
    expect(report.fixedFiles).toEqual([]);
    expect(report.notices[0]).toMatch(/^new\.txt changed while gitops-init was fixing it/);
  });

  it('refuses to write a fix through a link out of the repository, writing nothing', async () => {
    const outside = tree({ 'keep.txt': 'outside\n' });
    const root = repository({ 'a.txt': 'abc\n' });
    symlinkSync(outside, path.join(root, 'out'));
    const escaping = defineRule({
      ...upperFirst,
      id: 'test-escaping',
      check(context) {
        context.report({
          file: 'a.txt',
          messageId: 'lower',
          line: 1,
          fix: { file: 'out/new.txt', edits: [{ range: [0, 0], text: 'x\n' }] },
        });
      },
    });
    const error = await lint({ cwd: root, kind: 'infrastructure', fix: true, ruleSet: [upperFirst, escaping] }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(LinkEscapeError);
    expect((error as LinkEscapeError).message).toBe(
      `out is a symbolic link that leads outside the repository (to ${outside}); gitops-init does not write through it: replace the link with a regular file or directory`,
    );
    expect(readdirSync(outside)).toEqual(['keep.txt']);
    expect(readFileSync(path.join(root, 'a.txt'), 'utf8')).toBe('abc\n');
  });
});

/** gitops.yaml with `version` set: a leading v is the one finding, which --fix removes. */
function descriptorWith(version: string): string {
  return `kind: application\ntool: helm\nname: shop\nversion: ${version}\nrules:\n  required-paths: off\n`;
}

/**
 * A repository whose only finding is the leading v of gitops.yaml's version, which --fix
 * removes; with `padding` manifests besides, which make each lint pass, and so the time between
 * reading gitops.yaml and writing its fix, longer.
 */
function versionRepository(version: string, padding = 0): string {
  const files: Record<string, string> = { 'gitops.yaml': descriptorWith(version) };
  for (let index = 0; index < padding; index += 1) {
    files[`deploy/config-${index}.yaml`] =
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-${index}\n  namespace: shop\ndata:\n  key: "${index}"\n`;
  }
  const root = repository(files);
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'initial');
  return root;
}

/**
 * Another process, as an editor: waits `delayMs`, then writes gitops.yaml `count` times, `gapMs`
 * apart, each time a whole file (version v1.0.1, v1.0.2, …). Resolves when it has exited.
 */
function rewriteVersion(root: string, delayMs: number, count: number, gapMs: number): Promise<void> {
  const script = `
    const { writeFileSync } = require('node:fs');
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const text = ${JSON.stringify(descriptorWith('VERSION'))};
    (async () => {
      await sleep(${delayMs});
      for (let i = 1; i <= ${count}; i += 1) {
        writeFileSync(${JSON.stringify(path.join(root, 'gitops.yaml'))}, text.replace('VERSION', 'v1.0.' + i));
        if (i < ${count}) await sleep(${gapMs});
      }
    })();`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`the writer exited with ${code}`))));
  });
}

const versionOf = (root: string): string =>
  /^version: (.*)$/m.exec(readFileSync(path.join(root, 'gitops.yaml'), 'utf8'))?.[1] ?? '';

describe('lint --fix racing another writer (the built CLI, several rounds)', () => {
  const PADDING = 300;

  it('never loses what the other process wrote last', async () => {
    // How long a run takes here: the other process's last write is placed at even steps across it.
    const probe = versionRepository('v1.0.0', PADDING);
    const started = Date.now();
    expect((await runBin(['lint', '--fix'], { cwd: probe })).code).toBe(0);
    const duration = Date.now() - started;
    expect(versionOf(probe)).toBe('1.0.0');

    const count = 4;
    const gap = 15;
    let kept = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const root = versionRepository('v1.0.0', PADDING);
      const lastAt = Math.round((duration * (round + 0.5)) / ROUNDS);
      const [run] = await Promise.all([
        runBin(['lint', '--fix'], { cwd: root }),
        rewriteVersion(root, Math.max(0, lastAt - (count - 1) * gap), count, gap),
      ]);
      const final = versionOf(root);
      // The other process's last version, or the fix of it: never a fix of an earlier one.
      expect(['v1.0.4', '1.0.4'], `round ${round}: ${run.stderr}`).toContain(final);
      if (run.stderr.includes('gitops.yaml changed while gitops-init was fixing it')) {
        kept += 1;
        expect(final).toBe('v1.0.4');
        expect(run.code).toBe(1);
        expect(run.stdout).toContain('write versions without a leading v');
      }
      expect(existsSync(path.join(root, '.git', 'gitops-init.lock'))).toBe(false);
      expect(readdirSync(root).sort()).toEqual(['.git', 'deploy', 'gitops.yaml']);
    }
    // Some round wrote during a run, after VERSION was read: the check was exercised.
    expect(kept).toBeGreaterThan(0);
  });

  it('two lint --fix at once: one fixes, the other leaves the fixed file alone', async () => {
    for (let round = 0; round < Math.ceil(ROUNDS / 2); round += 1) {
      const root = versionRepository('v2.0.0');
      const runs = await Promise.all([
        runBin(['lint', '--fix'], { cwd: root }),
        runBin(['lint', '--fix'], { cwd: root }),
      ]);
      expect(versionOf(root)).toBe('2.0.0');
      // A run that found VERSION fixed by the other says so, and finds nothing left to fix.
      expect(runs.map((run) => run.code)).toEqual([0, 0]);
      expect(existsSync(path.join(root, '.git', 'gitops-init.lock'))).toBe(false);
    }
  });
});

/** Hands a repository to "nobody" (git refuses a repository its user does not own). */
function chownTree(root: string): void {
  if (!asRoot) return;
  for (const entry of readdirSync(root, { recursive: true })) chownSync(path.join(root, String(entry)), 65534, 65534);
  chownSync(root, 65534, 65534);
}

describe('lint --fix where it cannot write', () => {
  it('in a read-only directory: one line naming the file and the directory, exit 2, nothing written', async () => {
    const root = versionRepository('v1.0.0');
    chownTree(root);
    chmodSync(root, 0o555);
    const run = await runBin(['lint', '--fix'], { cwd: root, ...NOBODY });
    expect(run.stderr).toBe(
      `gitops-init: cannot write the fixes to gitops.yaml: the directory ${root} is not writable (permission denied, EACCES); nothing was written: make it writable, or lint without --fix\n`,
    );
    expect(run.code).toBe(2);
    expect(versionOf(root)).toBe('v1.0.0');
    chmodSync(root, 0o755);
  });

  it('where the repository lock cannot be made: one line naming the lock, exit 2', async () => {
    const root = versionRepository('v1.0.0');
    chownTree(root);
    chmodSync(path.join(root, '.git'), 0o555);
    const run = await runBin(['lint', '--fix'], { cwd: root, ...NOBODY });
    expect(run.stderr).toBe(
      `gitops-init: cannot create the repository lock ${path.join(root, '.git', 'gitops-init.lock')}: permission denied, EACCES; make ${path.join(root, '.git')} writable\n`,
    );
    expect(run.code).toBe(2);
    expect(versionOf(root)).toBe('v1.0.0');
    chmodSync(path.join(root, '.git'), 0o755);
  });
});
