import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/api/lint.js';
import { WorkingTreeSource } from '../../src/engine/file-source.js';
import { Repository } from '../../src/engine/repository.js';
import { defineRule } from '../../src/engine/rule.js';
import { rules } from '../../rules/index.js';
import { git, gitInit } from '../helpers/git.js';
import { temporaryTrees } from '../helpers/trees.js';

const repo = temporaryTrees();

const dup = 'a: 1\na: 2\n';

function summary(report: Awaited<ReturnType<typeof lint>>): string[] {
  return report.diagnostics.map((d) => `${d.file}:${d.line ?? 0} ${d.ruleId ?? 'directive'} ${d.severity}`);
}

describe('file index', () => {
  it('honours .gitignore files at every depth, ignores in gitops.yaml, and always skips node_modules and .git', async () => {
    const root = repo({
      '.gitignore': 'build/\n*.tmp.yaml\n',
      'sub/.gitignore': 'local.yaml\n!keep.tmp.yaml\n',
      'build/a.yaml': dup,
      'x.tmp.yaml': dup,
      'sub/local.yaml': dup,
      'sub/keep.tmp.yaml': dup,
      'vendor/v.yaml': dup,
      'node_modules/pkg/a.yaml': dup,
      '.git/config.yaml': dup,
      'gitops.yaml': 'kind: application\ntool: helm\nname: a\nignores: ["vendor/**"]\nrules:\n  required-paths: off\n',
    });
    const report = await lint({ cwd: root });
    expect(summary(report)).toEqual(['sub/keep.tmp.yaml:2 yaml-syntax 2']);
  });

  it('does not follow directory links (no loop, no leaving the repository) and refuses file links that leave it', async () => {
    const outside = repo({ 'secret.yaml': dup, 'dir/x.yaml': dup });
    const root = repo({ 'a/real.yaml': 'a: 1\n', 'a/b/.keep': '' });
    symlinkSync('..', path.join(root, 'a/b/loop'));
    symlinkSync(root, path.join(root, 'self'));
    symlinkSync(path.join(outside, 'dir'), path.join(root, 'outdir'));
    symlinkSync(path.join(outside, 'secret.yaml'), path.join(root, 'out.yaml'));
    symlinkSync('a/real.yaml', path.join(root, 'inside.yaml'));
    symlinkSync('missing.yaml', path.join(root, 'dangling.yaml'));
    const report = await lint({ cwd: root, rules: { 'no-symlinks-outside-repository': 'off' } });
    expect(report.diagnostics.map((d) => [d.file, d.message])).toEqual([
      [
        'out.yaml',
        `Cannot lint this YAML file: it is a symbolic link to "${realpathSync(path.join(outside, 'secret.yaml'))}", outside the repository`,
      ],
    ]);
    // Links out of the repository are listed, whatever they lead to, to be reported; a link
    // inside to a directory (or to nothing) is not: it has no content of its own.
    const files = await new WorkingTreeSource(root).listFiles();
    expect(files).toEqual(['a/b/.keep', 'a/real.yaml', 'inside.yaml', 'out.yaml', 'outdir']);
  });

  it('reports a CODEOWNERS file that is a link out of the repository (codeowners-syntax), not a clean run', async () => {
    const outside = repo({ owners: '* @acme/platform\n' });
    const root = repo({ 'gitops.yaml': 'kind: infrastructure\ntool: flux\nname: platform\nhost: github\n' });
    mkdirSync(path.join(root, '.github'));
    symlinkSync(path.join(outside, 'owners'), path.join(root, '.github/CODEOWNERS'));
    const report = await lint({ cwd: root, rules: { 'required-paths': 'off' } });
    expect(report.diagnostics.map((d) => [d.file, d.ruleId, d.message])).toContainEqual([
      '.github/CODEOWNERS',
      'codeowners-syntax',
      `Cannot read this CODEOWNERS file: it is a symbolic link to "${realpathSync(path.join(outside, 'owners'))}", outside the repository; its owners are not checked, and the host may not read it either`,
    ]);
  });

  it('in a git work tree, lists what git would commit: tracked files still there (ignored or not) and untracked files not ignored', async () => {
    const root = repo({
      '.gitignore': '*.local.yaml\n',
      'tracked.local.yaml': 'a: 1\n',
      'kept.yaml': 'a: 1\n',
      'gone.yaml': 'a: 1\n',
      'dir/target.yaml': 'a: 1\n',
      'skipped.yaml': 'a: 1\n',
      'sparse.yaml': 'a: 1\n',
      'became-dir.yaml': 'a: 1\n',
    });
    gitInit(root);
    git(root, 'add', '-f', '.');
    git(root, 'commit', '-q', '-m', 'init');
    writeFileSync(path.join(root, 'new.yaml'), 'a: 1\n');
    writeFileSync(path.join(root, 'scratch.local.yaml'), 'a: 1\n');
    rmSync(path.join(root, 'gone.yaml'));
    // skip-worktree: listed where the file is on disk (set by hand), not where a sparse checkout left it out.
    git(root, 'update-index', '--skip-worktree', 'skipped.yaml', 'sparse.yaml');
    rmSync(path.join(root, 'sparse.yaml'));
    // A tracked file replaced by a directory: the directory's files count, not the old path.
    rmSync(path.join(root, 'became-dir.yaml'));
    mkdirSync(path.join(root, 'became-dir.yaml'));
    writeFileSync(path.join(root, 'became-dir.yaml/inside.yaml'), 'a: 1\n');
    symlinkSync('dir/target.yaml', path.join(root, 'link.yaml'));
    symlinkSync('dir', path.join(root, 'dirlink'));
    // Another repository inside this one: its files are its own.
    mkdirSync(path.join(root, 'nested'));
    gitInit(path.join(root, 'nested'));
    writeFileSync(path.join(root, 'nested/inner.yaml'), 'a: 1\n');
    expect(await new WorkingTreeSource(root).listFiles()).toEqual([
      '.gitignore',
      'became-dir.yaml/inside.yaml',
      'dir/target.yaml',
      'kept.yaml',
      'link.yaml',
      'new.yaml',
      'skipped.yaml',
      'tracked.local.yaml',
    ]);

    // A directory below the top of the work tree is walked, with every .gitignore applied.
    writeFileSync(path.join(root, 'dir/.gitignore'), 'ignored.yaml\n');
    writeFileSync(path.join(root, 'dir/ignored.yaml'), 'a: 1\n');
    expect(await new WorkingTreeSource(path.join(root, 'dir')).listFiles()).toEqual(['.gitignore', 'target.yaml']);
  });

  it('reads and parses each file once per run, however many rules ask', async () => {
    const root = repo({ 'k/kustomization.yaml': 'resources: [a.yaml]\n', 'k/a.yaml': 'a: 1\n' });
    const reads = new Map<string, number>();
    const base = new WorkingTreeSource(root);
    const counting = {
      root,
      listFiles: () => base.listFiles(),
      readBytes: (file: string) => {
        reads.set(file, (reads.get(file) ?? 0) + 1);
        return base.readBytes(file);
      },
    };
    const repository = new Repository(counting, await counting.listFiles());
    const first = repository.yaml('k/kustomization.yaml');
    expect(repository.yaml('k/kustomization.yaml')).toBe(first);
    expect(repository.text('k/kustomization.yaml')).toBe('resources: [a.yaml]\n');
    expect(reads.get('k/kustomization.yaml')).toBe(1);
  });
});

describe('inline directives', () => {
  it('disables the next line, a block and a whole file, and reports unused directives', async () => {
    const root = repo({
      'next.yaml': 'a: 1\n# gitops-lint-disable-next-line yaml-syntax -- legacy\na: 2\nb: 1\nb: 2\n',
      'block.yaml': 'a: 1\n# gitops-lint-disable yaml-syntax\na: 2\n# gitops-lint-enable yaml-syntax\na: 3\n',
      'file.yaml': '# gitops-lint-disable-file\na: 1\na: 2\n',
      'unused.yaml':
        '# gitops-lint-disable-next-line yaml-syntax\nok: 1\n# gitops-lint-disable-next-line no-such-rule\nfine: 2\n',
    });
    const report = await lint({ cwd: root });
    expect(report.diagnostics.map((d) => `${d.file}:${d.line ?? 0} ${d.ruleId ?? d.message}`)).toEqual([
      'block.yaml:5 yaml-syntax',
      'next.yaml:5 yaml-syntax',
      'unused.yaml:1 Unused gitops-lint-disable-next-line directive (no problems were reported from "yaml-syntax")',
      'unused.yaml:3 Unknown rule "no-such-rule" in a gitops-lint-disable-next-line directive; run \'gitops-init rules\' for the list',
    ]);
    expect(report.diagnostics.find((d) => d.ruleId === null)?.severity).toBe(1);
  });

  it('makes unused directives errors or silent with linterOptions', async () => {
    const files = { 'u.yaml': '# gitops-lint-disable-next-line yaml-syntax\nok: 1\n' };
    const make = (level: string) =>
      repo({
        ...files,
        'gitops.yaml': `kind: application\ntool: helm\nname: a\nrules: {required-paths: off}\nlinterOptions:\n  reportUnusedDisableDirectives: ${level}\n`,
      });
    expect((await lint({ cwd: make('error') })).diagnostics.map((d) => d.severity)).toEqual([2]);
    expect((await lint({ cwd: make('off') })).diagnostics).toEqual([]);
  });
});

describe('rule settings', () => {
  it('applies severities and options per glob, later overrides winning', async () => {
    const root = repo({
      'gitops.yaml': [
        'kind: application',
        'tool: helm',
        'name: a',
        'rules:',
        '  required-paths: off',
        'overrides:',
        '  - files: ["legacy/**"]',
        '    rules: {yaml-syntax: warn}',
        '  - files: ["legacy/generated/**"]',
        '    rules: {yaml-syntax: off}',
        '',
      ].join('\n'),
      'main.yaml': dup,
      'legacy/old.yaml': dup,
      'legacy/generated/gen.yaml': dup,
    });
    expect(summary(await lint({ cwd: root }))).toEqual([
      'legacy/old.yaml:2 yaml-syntax 1',
      'main.yaml:2 yaml-syntax 2',
    ]);
  });

  it('lets --rule settings override gitops.yaml', async () => {
    const root = repo({ 'main.yaml': dup });
    expect(summary(await lint({ cwd: root, rules: { 'yaml-syntax': 'warn' } }))).toEqual(['main.yaml:2 yaml-syntax 1']);
  });
});

const appendNewline = defineRule({
  id: 'final-newline',
  meta: {
    type: 'layout',
    docs: { description: 'Text files end with a newline', category: 'layout', recommended: 'error' },
    fixable: 'code',
    scope: 'file',
    schema: [],
    messages: { missing: 'No newline at end of file' },
  },
  defaultOptions: [],
  check(context) {
    for (const file of context.targetFiles) {
      const text = context.text(file);
      if (text === undefined || text === '' || text.endsWith('\n')) continue;
      context.report({
        file,
        messageId: 'missing',
        range: [text.length, text.length],
        fix: { edits: [{ range: [text.length, text.length], text: '\n' }] },
      });
    }
  },
});

const indentTwice = defineRule({
  id: 'prefix-twice',
  meta: {
    type: 'layout',
    docs: { description: 'Lines start with >> (needs two passes)', category: 'layout', recommended: 'error' },
    fixable: 'code',
    scope: 'file',
    schema: [],
    messages: { missing: 'Line must start with ">>"' },
  },
  defaultOptions: [],
  check(context) {
    for (const file of context.targetFiles) {
      if (!file.endsWith('.txt')) continue;
      const text = context.text(file) ?? '';
      if (!text.startsWith('>>'))
        context.report({ file, messageId: 'missing', line: 1, fix: { edits: [{ range: [0, 0], text: '>' }] } });
    }
  },
});

describe('--fix', () => {
  it('applies fixes, re-lints until stable, writes atomically and keeps the mode', async () => {
    const root = repo({ 'a.yaml': 'a: 1', 'b.txt': 'text', 'ok.yaml': 'a: 1\n' });
    chmodSync(path.join(root, 'a.yaml'), 0o640);
    const report = await lint({ cwd: root, fix: true, ruleSet: [...rules, appendNewline, indentTwice] });
    expect(report.fixedFiles).toEqual(['a.yaml', 'b.txt']);
    expect(report.diagnostics).toEqual([]);
    expect(readFileSync(path.join(root, 'a.yaml'), 'utf8')).toBe('a: 1\n');
    expect(readFileSync(path.join(root, 'b.txt'), 'utf8')).toBe('>>text\n');
    expect(statSync(path.join(root, 'a.yaml')).mode & 0o777).toBe(0o640);
    expect(readdirSync(root).sort()).toEqual(['a.yaml', 'b.txt', 'ok.yaml']);
  });

  it('never rewrites a file that does not parse', async () => {
    const root = repo({ 'broken.yaml': 'a: [1' });
    const report = await lint({ cwd: root, fix: true, ruleSet: [...rules, appendNewline] });
    expect(report.fixedFiles).toEqual([]);
    expect(readFileSync(path.join(root, 'broken.yaml'), 'utf8')).toBe('a: [1');
    expect(report.diagnostics.map((d) => d.ruleId)).toEqual(['final-newline', 'yaml-syntax']);
  });

  it('reports fixable findings with ESLint fix objects without --fix', async () => {
    const root = repo({ 'a.txt': 'abc' });
    const report = await lint({ cwd: root, ruleSet: [appendNewline] });
    expect(report.results[0]?.messages[0]?.fix).toEqual({ range: [3, 3], text: '\n' });
    expect(report.results[0]?.fixableErrorCount).toBe(1);
    expect(readFileSync(path.join(root, 'a.txt'), 'utf8')).toBe('abc');
  });
});

describe('bad input ends in findings, within seconds', () => {
  it('a 20 MB YAML file is a finding naming the limit and the option', async () => {
    const root = repo({});
    const line = 'key: value-value-value-value-value-value-value-value\n';
    writeFileSync(path.join(root, 'huge.yaml'), line.repeat(Math.ceil((20 * 1024 * 1024) / line.length)));
    writeFileSync(path.join(root, 'other.yaml'), dup);
    const started = Date.now();
    const report = await lint({ cwd: root });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(report.diagnostics.map((d) => [d.file, d.message])).toEqual([
      [
        'huge.yaml',
        'Cannot lint this YAML file: it is 20.0 MiB, over the limit of 5.0 MiB; raise linterOptions.maxFileSize in gitops.yaml to lint it',
      ],
      ['other.yaml', 'Duplicate key "a": the later value silently replaces the earlier one'],
    ]);
  });

  it('an empty repository is clean, with a notice about the descriptor', async () => {
    const root = repo({});
    const report = await lint({ cwd: root });
    expect(report.diagnostics).toEqual([]);
    expect(report.notices).toHaveLength(1);
  });

  it('a tracked file replaced by a named pipe is a finding, not a run that waits for a writer', async () => {
    const root = repo({ 'pipe.yaml': 'a: 1\n', 'other.yaml': dup });
    gitInit(root);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'init');
    rmSync(path.join(root, 'pipe.yaml'));
    execFileSync('mkfifo', [path.join(root, 'pipe.yaml')]);
    const { runBin } = await import('../helpers/cli.js');
    const run = await runBin(['lint', '--format', 'json'], { cwd: root, timeoutMs: 10_000 });
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { message: string }[] }[];
    const byFile = Object.fromEntries(
      results.map((result) => [path.basename(result.filePath), result.messages.map((m) => m.message)]),
    );
    expect(byFile['pipe.yaml']).toEqual(['Cannot lint this YAML file: it is not a regular file']);
    expect(byFile['other.yaml']).toHaveLength(1);
    expect(run.code).toBe(1);
  });

  it('an unreadable file is a finding and the rest is still linted', async () => {
    const root = repo({ 'locked.yaml': 'a: 1\n', 'other.yaml': dup });
    mkdirSync(path.join(root, 'sub'));
    chmodSync(path.join(root, 'locked.yaml'), 0o000);
    const { runBin } = await import('../helpers/cli.js');
    // Root reads any file, so as root the CLI runs as the unprivileged user "nobody".
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chmodSync(root, 0o755);
    const run = await runBin(['lint', '--format', 'json'], {
      cwd: root,
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { message: string }[] }[];
    const byFile = Object.fromEntries(
      results.map((result) => [path.basename(result.filePath), result.messages.map((m) => m.message)]),
    );
    expect(byFile['locked.yaml']).toEqual([
      'Cannot lint this YAML file: permission denied; make it readable (chmod +r) or add it to ignores in gitops.yaml',
    ]);
    expect(byFile['other.yaml']).toHaveLength(1);
    expect(run.code).toBe(1);
  });
});
