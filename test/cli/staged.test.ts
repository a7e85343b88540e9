import { chmodSync, mkdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, type LintOptions } from '../../src/api/lint.js';
import kustomizationResourcesExist from '../../rules/kustomization-resources-exist.js';
import requiredPaths from '../../rules/required-paths.js';
import yamlSyntax from '../../rules/yaml-syntax.js';
import type { FileTree } from '../../src/testing/index.js';
import { BIN, cli } from '../helpers/cli.js';
import { git, gitInit, tryGit } from '../helpers/git.js';
import { scaffoldShop, temporaryRepositories } from '../helpers/repositories.js';

const temporary = temporaryRepositories();
function repo(files: FileTree): string {
  const root = temporary.repository(files);
  gitInit(root);
  return root;
}

const app: FileTree = {
  'gitops.yaml': 'kind: application\ntool: argocd\nname: shop\n',
  'README.md': '# shop\n',
  'CHANGELOG.md': '# Changelog\n',
  VERSION: '0.1.0\n',
  'deploy/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'deploy/base/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\n',
};
const duplicate = 'a: 1\na: 2\n';

/** A repository with `app` committed. */
function committed(extra: FileTree = {}): string {
  const root = repo({ ...app, ...extra });
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial');
  return root;
}

function write(root: string, file: string, content: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), content);
}

/** The rules these tests look at; other rules have their own tests. */
const ruleSet = [kustomizationResourcesExist, requiredPaths, yamlSyntax];

function lintWith(options: LintOptions): ReturnType<typeof lint> {
  return lint({ ruleSet, ...options });
}

async function stagedFindings(root: string, options: { cwd?: string } = {}): Promise<string[]> {
  const report = await lintWith({ cwd: options.cwd ?? root, staged: true });
  return report.diagnostics.map((d) => `${d.file}:${d.line ?? 0} ${d.ruleId ?? 'directive'}`);
}

/** A freshly scaffolded application repository, committed: clean under every rule. */
async function scaffolded(): Promise<string> {
  const root = await scaffoldShop(temporary.repository({}), 'none');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial');
  return root;
}

describe('lint --staged: contents', () => {
  it('judges a partially staged file by its staged part, not the working tree', async () => {
    const root = committed({ 'config.yaml': 'a: 1\n' });
    write(root, 'config.yaml', duplicate);
    git(root, 'add', 'config.yaml');
    write(root, 'config.yaml', 'a: 2\n');
    expect(await stagedFindings(root)).toEqual(['config.yaml:2 yaml-syntax']);
    expect((await lintWith({ cwd: root })).diagnostics).toEqual([]);

    git(root, 'add', 'config.yaml');
    write(root, 'config.yaml', duplicate);
    expect(await stagedFindings(root)).toEqual([]);
  });

  it('lints only the staged files with per-file rules; unstaged and untracked files are not part of the commit', async () => {
    const root = committed({ 'old/bad.yaml': duplicate });
    write(root, 'new.yaml', 'b: 1\n');
    write(root, 'untracked.yaml', duplicate);
    git(root, 'add', 'new.yaml');
    const report = await lintWith({ cwd: root, staged: true });
    expect(report.diagnostics).toEqual([]);
    expect(report.results.map((result) => path.relative(root, result.filePath))).toEqual(['new.yaml']);
  });

  it('lints every file of the first commit', async () => {
    const root = repo({ ...app, 'bad.yaml': duplicate });
    git(root, 'add', '-A');
    expect(await stagedFindings(root)).toEqual(['bad.yaml:2 yaml-syntax']);
  });

  it('follows renames to the new name and forgets deleted files', async () => {
    const root = committed({ 'a.yaml': 'a: 1\n' });
    git(root, 'mv', 'a.yaml', 'b.yaml');
    write(root, 'b.yaml', duplicate);
    git(root, 'add', 'b.yaml');
    const report = await lintWith({ cwd: root, staged: true });
    expect(report.results.map((result) => path.relative(root, result.filePath))).toEqual(['b.yaml']);
    expect(report.diagnostics.map((d) => d.file)).toEqual(['b.yaml']);
  });

  it('stops a commit that deletes a required path or a file a kustomization names, even while it is still on disk', async () => {
    const root = committed();
    git(root, 'rm', '-q', '--cached', 'VERSION', 'deploy/base/deployment.yaml');
    expect(await stagedFindings(root)).toEqual([
      'VERSION:0 required-paths',
      'deploy/base/kustomization.yaml:2 kustomization-resources-exist',
    ]);
    expect((await lintWith({ cwd: root })).diagnostics).toEqual([]);
  });

  it('reads gitops.yaml from the index', async () => {
    const root = committed({ 'bad.yaml': 'x: 1\n' });
    write(root, 'bad.yaml', duplicate);
    write(root, 'gitops.yaml', `${app['gitops.yaml'] as string}rules:\n  yaml-syntax: off\n`);
    git(root, 'add', 'bad.yaml', 'gitops.yaml');
    write(root, 'gitops.yaml', app['gitops.yaml'] as string);
    expect(await stagedFindings(root)).toEqual([]);
    expect(await lintWith({ cwd: root }).then((report) => report.diagnostics.map((d) => d.ruleId))).toEqual([
      'yaml-syntax',
    ]);

    git(root, 'add', 'gitops.yaml');
    expect(await stagedFindings(root)).toEqual(['bad.yaml:2 yaml-syntax']);
  });

  it('lists tracked files that .gitignore matches, as git does, and honours ignores in gitops.yaml', async () => {
    const root = committed({ '.gitignore': 'generated/\n' });
    write(root, 'generated/tracked.yaml', duplicate);
    write(root, 'vendor/v.yaml', duplicate);
    git(root, 'add', '-f', 'generated/tracked.yaml');
    git(root, 'add', 'vendor/v.yaml');
    expect(await stagedFindings(root)).toEqual(['generated/tracked.yaml:2 yaml-syntax', 'vendor/v.yaml:2 yaml-syntax']);
    write(root, 'gitops.yaml', `${app['gitops.yaml'] as string}ignores: ['vendor/**']\n`);
    git(root, 'add', 'gitops.yaml');
    expect(await stagedFindings(root)).toEqual(['generated/tracked.yaml:2 yaml-syntax']);
    // An ignored staged file is not a target either: no result at all, not an empty one.
    const report = await lintWith({ cwd: root, staged: true });
    expect(report.results.map((result) => path.relative(root, result.filePath)).sort()).toEqual([
      'generated/tracked.yaml',
      'gitops.yaml',
    ]);
  });

  it('reads files whose working tree copy git does not check (assume-unchanged) from the index', async () => {
    const root = committed({ 'k/kustomization.yaml': 'resources:\n  - missing.yaml\n' });
    git(root, 'update-index', '--assume-unchanged', 'k/kustomization.yaml');
    write(root, 'k/kustomization.yaml', 'resources: []\n');
    expect(git(root, 'status', '--porcelain')).toBe('');
    // A file added beside it makes the kustomization one that --staged checks.
    write(root, 'k/notes.txt', 'notes\n');
    git(root, 'add', 'k/notes.txt');
    expect(await stagedFindings(root)).toEqual(['k/kustomization.yaml:2 kustomization-resources-exist']);
    expect((await lintWith({ cwd: root })).diagnostics).toEqual([]);
  });

  it('resolves symbolic links inside the index and refuses links that leave the repository', async () => {
    const outside = temporary.repository({ 'secret.yaml': duplicate });
    const root = committed({ 'real.yaml': duplicate });
    symlinkSync('real.yaml', path.join(root, 'link.yaml'));
    symlinkSync(path.join(outside, 'secret.yaml'), path.join(root, 'out.yaml'));
    symlinkSync('deploy', path.join(root, 'dirlink'));
    git(root, 'add', 'link.yaml', 'out.yaml', 'dirlink');
    const report = await lintWith({ cwd: root, staged: true });
    expect(report.diagnostics.map((d) => [d.file, d.line, d.message])).toEqual([
      ['link.yaml', 2, 'Duplicate key "a": the later value silently replaces the earlier one'],
      [
        'out.yaml',
        1,
        `Cannot lint this YAML file: it is a symbolic link to "${path.join(outside, 'secret.yaml')}", outside the repository`,
      ],
    ]);
  });

  it('reports a file with unresolved merge conflicts instead of reading it', async () => {
    const root = committed({ 'c.yaml': 'a: 1\n' });
    git(root, 'checkout', '-q', '-b', 'other');
    write(root, 'c.yaml', 'a: 2\n');
    git(root, 'commit', '-q', '-am', 'other');
    git(root, 'checkout', '-q', 'main');
    write(root, 'c.yaml', 'a: 3\n');
    git(root, 'commit', '-q', '-am', 'main');
    expect(tryGit(root, 'merge', '-q', 'other').status).not.toBe(0);
    const report = await lintWith({ cwd: root, staged: true });
    expect(report.diagnostics.map((d) => [d.file, d.message])).toEqual([
      [
        'c.yaml',
        'Cannot lint this YAML file: it has unresolved merge conflicts in the index; resolve them and git add it',
      ],
    ]);
  });

  it('lints a repository in a subdirectory of the git repository with paths relative to it', async () => {
    const top = repo({});
    for (const [file, content] of Object.entries(app)) write(top, `platform/${file}`, content as string);
    write(top, 'platform/bad.yaml', duplicate);
    write(top, 'elsewhere/bad.yaml', duplicate);
    git(top, 'add', '-A');
    expect(await stagedFindings(path.join(top, 'platform'))).toEqual(['bad.yaml:2 yaml-syntax']);
  });

  it('narrows the staged files to the given paths', async () => {
    const root = committed();
    write(root, 'a/bad.yaml', duplicate);
    write(root, 'b/bad.yaml', duplicate);
    git(root, 'add', '-A');
    const report = await lintWith({ cwd: root, staged: true, paths: ['a'] });
    expect(report.diagnostics.map((d) => d.file)).toEqual(['a/bad.yaml']);
  });
});

describe('lint --staged: the command', () => {
  it('prints the findings, then two lines on stderr: what to do, and how to skip the check on purpose', async () => {
    const root = await scaffolded();
    write(root, 'bad.yaml', duplicate);
    git(root, 'add', 'bad.yaml');
    const run = await cli(['lint', '--staged'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('bad.yaml');
    expect(run.stderr).toBe(
      'gitops-init: commit blocked by 1 error (above): fix, git add the fixes and commit again.\n' +
        'gitops-init: to commit without this check, decide so deliberately: git commit --no-verify\n',
    );
    expect(run.stderr).not.toMatch(/disable|rules:|off/);
  });

  it('is silent on a clean commit', async () => {
    const root = await scaffolded();
    write(root, 'deploy/base/extra.yaml', 'a: 1\n');
    git(root, 'add', '-A');
    expect(await cli(['lint', '--staged'], { cwd: root })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('needs a git repository, and refuses --fix', async () => {
    const plain = temporary.repository(app);
    const outside = await cli(['lint', '--staged'], { cwd: plain });
    expect(outside.code).toBe(2);
    expect(outside.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(outside.stderr).toContain('not inside a git repository');
    const root = committed();
    const fix = await cli(['lint', '--staged', '--fix'], { cwd: root });
    expect(fix.code).toBe(2);
    expect(fix.stderr).toContain('--fix cannot be used with --staged');
  });
});

describe('lint --staged in a real pre-commit hook', () => {
  function withHook(root: string): void {
    const hook = path.join(root, '.git/hooks/pre-commit');
    writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" lint --staged\n`);
    chmodSync(hook, 0o755);
  }
  const head = (root: string): string => tryGit(root, 'rev-parse', '--verify', '-q', 'HEAD').stdout.trim();

  it('refuses a bad commit (which then does not exist) and lets a clean one through', async () => {
    const root = await scaffolded();
    withHook(root);
    const before = head(root);
    write(root, 'deploy/base/bad.yaml', duplicate);
    git(root, 'add', '-A');
    const refused = tryGit(root, 'commit', '-m', 'bad');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('git commit --no-verify');
    expect(refused.stderr).toContain('deploy/base/bad.yaml');
    expect(head(root)).toBe(before);

    write(root, 'deploy/base/bad.yaml', 'a: 1\n');
    git(root, 'add', '-A');
    expect(tryGit(root, 'commit', '-q', '-m', 'good').status).toBe(0);
    expect(head(root)).not.toBe(before);
  });

  it('sees the temporary index of git commit -a and git commit <path>', async () => {
    const root = await scaffolded();
    write(root, 'deploy/base/a.yaml', 'a: 1\n');
    write(root, 'deploy/base/b.yaml', 'b: 1\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'a and b');
    withHook(root);
    const before = head(root);
    write(root, 'deploy/base/a.yaml', duplicate);
    expect(tryGit(root, 'commit', '-a', '-m', 'all').status).toBe(1);
    expect(tryGit(root, 'commit', '-m', 'only a', 'deploy/base/a.yaml').status).toBe(1);
    expect(head(root)).toBe(before);
    // Committing only b.yaml leaves the bad a.yaml out of the commit.
    write(root, 'deploy/base/b.yaml', 'b: 2\n');
    expect(tryGit(root, 'commit', '-q', '-m', 'only b', 'deploy/base/b.yaml').status).toBe(0);
    expect(head(root)).not.toBe(before);
  });

  it('stops a commit that removes a required file', async () => {
    const root = await scaffolded();
    withHook(root);
    const before = head(root);
    unlinkSync(path.join(root, 'CHANGELOG.md'));
    const refused = tryGit(root, 'commit', '-a', '-m', 'remove');
    expect(refused.status).toBe(1);
    // git shows a hook's standard output on its standard error.
    expect(refused.stderr).toContain('CHANGELOG.md');
    expect(head(root)).toBe(before);
  });
});
