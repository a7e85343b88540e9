import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { lint, type LintOptions } from '../../src/api/lint.js';
import { RACY_INTERVAL_MS } from '../../src/engine/file-source.js';
import { defineRule } from '../../src/engine/rule.js';
import kustomizationResourcesExist from '../../rules/kustomization-resources-exist.js';
import requiredPaths from '../../rules/required-paths.js';
import yamlSyntax from '../../rules/yaml-syntax.js';
import type { FileTree } from '../../src/testing/index.js';
import { cli, REPO_ROOT, runBin } from '../helpers/cli.js';
import { git, gitInit } from '../helpers/git.js';
import { recordingRule } from '../helpers/recorder.js';
import { temporaryRepositories } from '../helpers/repositories.js';

const repo = temporaryRepositories().repository;

const duplicate = 'a: 1\na: 2\n';

const { rule: recorder, checked } = recordingRule();
const ruleSet = [kustomizationResourcesExist, requiredPaths, yamlSyntax, recorder];

async function run(root: string, options: LintOptions = {}): Promise<string[]> {
  checked.length = 0;
  const report = await lint({ cwd: root, ruleSet, cache: true, ...options });
  return report.diagnostics.map((d) => `${d.file}:${d.line ?? 0} ${d.ruleId ?? 'directive'}`);
}

function write(root: string, file: string, content: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), content);
}

const cacheFile = (root: string): string => path.join(root, '.gitops-init-cache/lint-cache.json');

describe('--cache', () => {
  it('re-lints only the files that changed, and a change brings a finding back', async () => {
    const root = repo({ 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n', 'bad.yaml': duplicate });
    expect(await run(root)).toEqual(['bad.yaml:2 yaml-syntax']);
    expect(checked.sort()).toEqual(['a.yaml', 'b.yaml', 'bad.yaml']);
    expect(existsSync(cacheFile(root))).toBe(true);

    expect(await run(root)).toEqual(['bad.yaml:2 yaml-syntax']);
    expect(checked).toEqual([]);

    write(root, 'a.yaml', duplicate);
    expect(await run(root)).toEqual(['a.yaml:2 yaml-syntax', 'bad.yaml:2 yaml-syntax']);
    expect(checked).toEqual(['a.yaml']);
  });

  it('gives the same results and output as a run without the cache', async () => {
    const files: FileTree = {
      'gitops.yaml': 'kind: application\ntool: argocd\nname: shop\n',
      'deploy/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - missing.yaml\n',
      'deploy/base/deployment.yaml': '# gitops-lint-disable-next-line yaml-syntax\nkind: Deployment\n',
      'bad.yaml': duplicate,
    };
    const plainRoot = repo(files);
    const plain = await cli(['lint', '--format', 'json'], { cwd: plainRoot });
    const root = repo(files);
    const cold = await cli(['lint', '--cache', '--format', 'json'], { cwd: root });
    const warm = await cli(['lint', '--cache', '--format', 'json'], { cwd: root });
    expect(plain.code).toBe(1);
    expect(cold.stdout.replaceAll(root, '<root>')).toBe(plain.stdout.replaceAll(plainRoot, '<root>'));
    expect(cold.code).toBe(plain.code);
    expect(warm).toEqual(cold);
    // The unused directive is reported from the cache as well.
    expect(warm.stdout).toContain('Unused gitops-lint-disable-next-line directive');
  });

  it('a run of the built-in rules over unchanged files gives the stored outcome without loading the rules when no rule metadata is asked for', async () => {
    const root = repo({ 'gitops.yaml': 'kind: application\ntool: argocd\nname: shop\n', 'bad.yaml': duplicate });
    const first = await lint({ cwd: root, cache: true, rulesMeta: false });
    expect(first.diagnostics.some((diagnostic) => diagnostic.ruleId === 'yaml-syntax')).toBe(true);
    // The first run loaded the rules to run them; the second reuses the snapshot and does not.
    expect(Object.keys(first.rulesMeta)).toContain('yaml-syntax');
    const second = await lint({ cwd: root, cache: true, rulesMeta: false });
    expect(second.diagnostics).toEqual(first.diagnostics);
    expect(second.rulesMeta).toEqual({});
    // Asked for, the metadata is there from the cache too.
    expect(Object.keys((await lint({ cwd: root, cache: true })).rulesMeta)).toContain('yaml-syntax');
    // A --rule setting that names no rule is still refused with the cache (there is no snapshot for it).
    await expect(
      lint({ cwd: root, cache: true, rulesMeta: false, rules: { 'no-such-rule': 'error' } }),
    ).rejects.toThrow(/unknown rule "no-such-rule"/);
  });

  it('a changed gitops.yaml or --rule brings a finding back', async () => {
    const root = repo({
      'gitops.yaml': 'kind: application\ntool: helm\nname: a\nrules:\n  yaml-syntax: off\n  required-paths: off\n',
      'bad.yaml': duplicate,
    });
    expect(await run(root)).toEqual([]);
    write(root, 'gitops.yaml', 'kind: application\ntool: helm\nname: a\nrules:\n  required-paths: off\n');
    expect(await run(root)).toEqual(['bad.yaml:2 yaml-syntax']);
    expect(await run(root, { rules: { 'yaml-syntax': 'off' } })).toEqual([]);
    expect(await run(root, { rules: { 'yaml-syntax': 'warn' } })).toEqual(['bad.yaml:2 yaml-syntax']);
  });

  it('a change to the file list brings back a repository rule finding', async () => {
    const root = repo({
      'k/kustomization.yaml': 'resources:\n  - service.yaml\n',
      'k/service.yaml': 'kind: Service\n',
    });
    expect(await run(root)).toEqual([]);
    unlinkSync(path.join(root, 'k/service.yaml'));
    expect(await run(root)).toEqual(['k/kustomization.yaml:2 kustomization-resources-exist']);
    write(root, 'k/service.yaml', 'kind: Service\n');
    expect(await run(root)).toEqual([]);
    // A file the rule reads changes.
    write(root, 'k/kustomization.yaml', 'resources:\n  - service.yaml\n  - other.yaml\n');
    expect(await run(root)).toEqual(['k/kustomization.yaml:3 kustomization-resources-exist']);
  });

  it('a change to the file list brings back a per-file finding whose file did not change', async () => {
    // Under a Helm chart, templates/ holds Go templates, not YAML: deleting Chart.yaml makes the
    // unchanged file YAML again.
    const root = repo({ 'chart/Chart.yaml': 'name: c\nversion: 1.0.0\n', 'chart/templates/x.yaml': duplicate });
    expect(await run(root)).toEqual([]);
    unlinkSync(path.join(root, 'chart/Chart.yaml'));
    expect(await run(root)).toEqual(['chart/templates/x.yaml:2 yaml-syntax']);
    expect(checked).toEqual(['chart/templates/x.yaml']);
  });

  it('a per-file finding that depends on another file comes back when that file changes', async () => {
    // Each file is checked against an allow-list kept in another file, as a rule may read a
    // repository-wide setting: the dependency is stored once for all the files that share it.
    const allowed = defineRule({
      id: 'test-allowed-values',
      meta: {
        type: 'problem',
        docs: { description: 'Values are in allowed.txt', category: 'syntax', recommended: 'error' },
        scope: 'file',
        schema: [],
        messages: { notAllowed: '{{value}} is not in allowed.txt' },
      },
      defaultOptions: [],
      check(context) {
        const allowList = new Set((context.text('allowed.txt') ?? '').split('\n'));
        for (const file of context.targetFiles) {
          if (!file.endsWith('.yaml')) continue;
          const value = (context.text(file) ?? '').trim();
          if (!allowList.has(value)) context.report({ file, messageId: 'notAllowed', data: { value }, line: 1 });
        }
      },
    });
    const root = repo({ 'allowed.txt': 'a\nb\n', 'one.yaml': 'a\n', 'two.yaml': 'b\n', 'three.yaml': 'a\n' });
    const findings = async (): Promise<string[]> =>
      (await lint({ cwd: root, ruleSet: [allowed], cache: true })).diagnostics.map((d) => d.file);
    expect(await findings()).toEqual([]);
    expect(await findings()).toEqual([]);
    write(root, 'allowed.txt', 'b\n');
    expect(await findings()).toEqual(['one.yaml', 'three.yaml']);
    write(root, 'allowed.txt', 'a\nb\n');
    expect(await findings()).toEqual([]);
  });

  it('a new tool version brings a finding back (a cache written by another version is not used)', async () => {
    const root = repo({ 'bad.yaml': duplicate });
    const first = await runBin(['lint', '--cache', '--format', 'json'], { cwd: root });
    expect(first.code).toBe(1);
    // Empty every stored finding, as if another version had found nothing.
    const [headerLine = '', bodyLine = ''] = readFileSync(cacheFile(root), 'utf8').split('\n');
    const header = JSON.parse(headerLine) as { snapshot?: { diagnostics: unknown[] } };
    const body = JSON.parse(bodyLine) as { runs: Record<string, { diagnostics: unknown[] }> };
    if (header.snapshot) header.snapshot.diagnostics = [];
    for (const stored of Object.values(body.runs)) stored.diagnostics = [];
    writeFileSync(cacheFile(root), `${JSON.stringify(header)}\n${JSON.stringify(body)}\n`);
    expect((await runBin(['lint', '--cache'], { cwd: root })).code).toBe(0);

    // The same build, installed as version 9.9.9.
    const installed = repo({});
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    writeFileSync(path.join(installed, 'package.json'), JSON.stringify({ ...manifest, version: '9.9.9' }));
    cpSync(path.join(REPO_ROOT, 'dist'), path.join(installed, 'dist'), { recursive: true });
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(installed, 'node_modules'));
    const newer = spawnSync(
      process.execPath,
      [path.join(installed, 'dist/src/bin/gitops-init.js'), 'lint', '--cache'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(newer.status).toBe(1);
    expect(newer.stdout).toContain('bad.yaml');
  });

  it('ignores a corrupt cache file and replaces it', async () => {
    const root = repo({ 'bad.yaml': duplicate });
    write(root, '.gitops-init-cache/lint-cache.json', '{"format":1,"key":');
    const report = await lint({ cwd: root, ruleSet, cache: true });
    expect(report.diagnostics.map((d) => d.file)).toEqual(['bad.yaml']);
    expect(report.notices.filter((notice) => !notice.includes('No gitops.yaml'))).toEqual([]);
    const lines = readFileSync(cacheFile(root), 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(() => lines.slice(0, 2).map((line) => JSON.parse(line) as unknown)).not.toThrow();
    write(
      root,
      '.gitops-init-cache/lint-cache.json',
      JSON.stringify({ format: 1, key: 'x', runs: { 'file:bad.yaml': 'nonsense' } }),
    );
    expect(await run(root)).toEqual(['bad.yaml:2 yaml-syntax']);
  });

  it('keeps the cache in node_modules/.cache/gitops-init when there is a node_modules, never lints it, and writes it atomically', async () => {
    const root = repo({ 'node_modules/.package-lock.json': '{}', 'a.yaml': 'a: 1\n' });
    const report = await lint({ cwd: root, ruleSet, cache: true });
    expect(report.cacheFile).toBe(path.join(root, 'node_modules/.cache/gitops-init/lint-cache.json'));
    expect(readdirSync(path.join(root, 'node_modules/.cache/gitops-init'))).toEqual(['lint-cache.json']);
    expect(existsSync(path.join(root, '.gitops-init-cache'))).toBe(false);

    const other = repo({ 'a.yaml': 'a: 1\n' });
    await lint({ cwd: other, ruleSet, cache: true });
    const again = await lint({ cwd: other, ruleSet, cache: true });
    expect(readdirSync(path.join(other, '.gitops-init-cache'))).toEqual(['lint-cache.json']);
    expect(again.results.map((result) => path.relative(other, result.filePath))).toEqual(['a.yaml']);
  });

  it('takes --cache-location as a file or a directory, relative to the working directory, and never lints it', async () => {
    const root = repo({ 'a.yaml': 'a: 1\n', 'sub/b.yaml': 'b: 1\n' });
    const asFile = await cli(['lint', '--cache', '--cache-location', 'cache/results.json', '--format', 'json'], {
      cwd: root,
    });
    expect(existsSync(path.join(root, 'cache/results.json'))).toBe(true);
    const again = await cli(['lint', '--cache', '--cache-location', 'cache/results.json', '--format', 'json'], {
      cwd: root,
    });
    expect(again.stdout).toBe(asFile.stdout);
    expect(again.stdout).not.toContain('results.json');
    await cli(['lint', '--cache', '--cache-location', 'dir/'], { cwd: path.join(root, 'sub') });
    expect(existsSync(path.join(root, 'sub/dir/lint-cache.json'))).toBe(true);
  });

  it('a link that now leads outside the repository is refused, even to the very file it led to before', async () => {
    // A hard link outside the repository is the same file (same stat data) as the one inside,
    // but read through the link it is refused as a file outside the repository.
    const root = repo({ 'target.yaml': duplicate });
    const outside = repo({});
    linkSync(path.join(root, 'target.yaml'), path.join(outside, 'same.yaml'));
    symlinkSync('target.yaml', path.join(root, 'link.yaml'));
    await sleep(RACY_INTERVAL_MS + 100);
    expect(await run(root)).toEqual(['link.yaml:2 yaml-syntax', 'target.yaml:2 yaml-syntax']);
    unlinkSync(path.join(root, 'link.yaml'));
    symlinkSync(path.join(outside, 'same.yaml'), path.join(root, 'link.yaml'));
    const uncached = (await lint({ cwd: root, ruleSet })).diagnostics.map(
      (d) => `${d.file}:${d.line ?? 0} ${d.ruleId ?? 'directive'}`,
    );
    expect(uncached).toEqual(['link.yaml:1 yaml-syntax', 'target.yaml:2 yaml-syntax']);
    expect(await run(root)).toEqual(uncached);
  });

  it('a cache written by another user is not reused: what one user cannot read, another may', async () => {
    // Root reads any file, so the other user is "nobody" (CI runs as root; elsewhere the current
    // user plays root's part and the file is one only it may read).
    const root = repo({ 'private.yaml': 'a: 1\n' });
    chmodSync(path.join(root, 'private.yaml'), 0o600);
    chmodSync(root, 0o755);
    const shared = repo({});
    chmodSync(shared, 0o777);
    await sleep(RACY_INTERVAL_MS + 100);
    const args = ['lint', '--cache', '--cache-location', `${shared}/`, '--format', 'json'];
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      const nobody = await runBin(args, { cwd: root, uid: 65534, gid: 65534 });
      expect(nobody.code).toBe(1);
      expect(nobody.stdout).toContain('permission denied');
      expect(existsSync(path.join(shared, 'lint-cache.json'))).toBe(true);
    }
    const owner = await runBin(args, { cwd: root });
    expect(owner.stdout).not.toContain('permission denied');
    expect(owner.code).toBe(0);
  });

  it('works with --staged', async () => {
    const root = repo({ 'a.yaml': 'a: 1\n' });
    gitInit(root);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'initial');
    write(root, 'a.yaml', duplicate);
    git(root, 'add', 'a.yaml');
    write(root, 'a.yaml', 'a: 3\n');
    expect(await run(root, { staged: true })).toEqual(['a.yaml:2 yaml-syntax']);
    expect(await run(root)).toEqual([]);
    expect(await run(root, { staged: true })).toEqual(['a.yaml:2 yaml-syntax']);
    expect(checked).toEqual(['a.yaml']);
  });
});
