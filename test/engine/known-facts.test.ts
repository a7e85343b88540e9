import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/api/lint.js';
import { LintCache } from '../../src/cache/lint-cache.js';
import { RuleConfig } from '../../src/engine/rule-config.js';
import { RACY_INTERVAL_MS, WorkingTreeSource, type FileSource } from '../../src/engine/file-source.js';
import { applyDirectives } from '../../src/engine/apply-directives.js';
import { compareDiagnostics } from '../../src/engine/diagnostic.js';
import { runRules } from '../../src/engine/linter.js';
import { Repository } from '../../src/engine/repository.js';
import { defineRule, type AnyRule } from '../../src/engine/rule.js';
import yamlSyntax from '../../rules/yaml-syntax.js';
import { git, gitInit } from '../helpers/git.js';
import { recordingRule } from '../helpers/recorder.js';
import { temporaryTrees } from '../helpers/trees.js';

const tree = temporaryTrees();

/** A repository rule that searches every YAML file's text, as CRD lookups do. */
const widgets = defineRule({
  id: 'test-widgets',
  meta: {
    type: 'problem',
    docs: { description: 'Counts the files that mention Widget', category: 'syntax', recommended: 'error' },
    scope: 'repository',
    schema: [],
    messages: { found: '{{count}} file(s) mention Widget' },
  },
  defaultOptions: [],
  check(context) {
    const files = context.yamlFilesContaining('Widget');
    if (files.length > 0) context.report({ file: files[0] ?? '', messageId: 'found', data: { count: files.length } });
  },
});

/**
 * The working tree with reads counted and versions the test controls (the seam the lint cache
 * relies on: FileSource.version), so that what a run reads can be seen.
 */
function countingSource(root: string, versions: Map<string, string>): FileSource & { reads: string[] } {
  const base = new WorkingTreeSource(root);
  const reads: string[] = [];
  return {
    root,
    reads,
    listFiles: () => base.listFiles(),
    readBytes(file) {
      reads.push(file);
      return base.readBytes(file);
    },
    version: (file) => versions.get(file),
  };
}

/** One lint run over the source with the cache file, as lint() does it; returns findings as text. */
async function run(source: FileSource, cacheFile: string, rules: readonly AnyRule[]): Promise<string[]> {
  const cache = LintCache.load(cacheFile, 'test');
  const files = await source.listFiles();
  const repository = new Repository(source, files, { known: cache });
  const found = await runRules({
    repository,
    rules,
    config: new RuleConfig(new Map(rules.map((rule) => [rule.id, rule])), undefined),
    descriptor: undefined,
    kind: undefined,
    tool: undefined,
    targetFiles: files,
    store: cache,
  });
  const { diagnostics } = applyDirectives(found, {
    repository,
    targetFiles: files,
    ruleIds: new Set(rules.map((rule) => rule.id)),
    reportUnusedDisableDirectives: 'warn',
  });
  diagnostics.sort(compareDiagnostics);
  cache.setFacts(repository.learnt());
  await cache.save();
  return diagnostics.map((d) => `${d.file}:${d.line ?? 0} ${d.ruleId ?? 'directive'} ${d.message}`);
}

describe('what the cache knows about files', () => {
  it('a run over unchanged files reads none of them; a changed file is the only one read', async () => {
    const root = tree({
      'a.yaml': 'kind: Widget\n',
      'b.yaml': 'b: 1\n',
      'c.yaml': '# gitops-lint-disable-next-line yaml-syntax\nc: 1\n',
      'd.yaml': 'd: 1\nd: 2\n',
    });
    const cacheFile = path.join(root, '..', `${path.basename(root)}-cache.json`);
    const versions = new Map(['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml'].map((file) => [file, 'v1']));
    const rules = [yamlSyntax, widgets];

    const first = countingSource(root, versions);
    const findings = await run(first, cacheFile, rules);
    expect(findings).toEqual([
      'a.yaml:0 test-widgets 1 file(s) mention Widget',
      'c.yaml:1 directive Unused gitops-lint-disable-next-line directive (no problems were reported from "yaml-syntax")',
      'd.yaml:2 yaml-syntax Duplicate key "d": the later value silently replaces the earlier one',
    ]);
    expect([...new Set(first.reads)].sort()).toEqual(['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml']);

    // Nothing changed: the findings, the text search and which files have directives come from
    // the cache; only c.yaml is read, for its directive to be applied to the stored findings.
    const warm = countingSource(root, versions);
    expect(await run(warm, cacheFile, rules)).toEqual(findings);
    expect(warm.reads).toEqual(['c.yaml']);

    // b.yaml now mentions Widget: it is read (and only it), and the search finds it.
    writeFileSync(path.join(root, 'b.yaml'), 'kind: Widget\n');
    versions.set('b.yaml', 'v2');
    const changed = countingSource(root, versions);
    expect(await run(changed, cacheFile, rules)).toEqual([
      'a.yaml:0 test-widgets 2 file(s) mention Widget',
      findings[1],
      findings[2],
    ]);
    expect(changed.reads.sort()).toEqual(['b.yaml', 'c.yaml']);

    // A file without a version is never trusted: it is read every time.
    versions.delete('d.yaml');
    const unversioned = countingSource(root, versions);
    await run(unversioned, cacheFile, rules);
    expect(unversioned.reads.sort()).toEqual(['c.yaml', 'd.yaml']);
  });

  it('a stale entry is not trusted: another version of a file is read, however the cache was left', async () => {
    const root = tree({ 'a.yaml': 'a: 1\n' });
    const cacheFile = path.join(root, '..', `${path.basename(root)}-cache.json`);
    const versions = new Map([['a.yaml', 'v1']]);
    expect(await run(countingSource(root, versions), cacheFile, [yamlSyntax])).toEqual([]);
    writeFileSync(path.join(root, 'a.yaml'), 'a: 1\na: 2\n');
    versions.set('a.yaml', 'v2');
    const source = countingSource(root, versions);
    expect(await run(source, cacheFile, [yamlSyntax])).toEqual([
      'a.yaml:2 yaml-syntax Duplicate key "a": the later value silently replaces the earlier one',
    ]);
    expect(source.reads).toEqual(['a.yaml']);
  });
});

describe('file versions in the working tree', () => {
  it('a file changed in the last two seconds has no version; an older one has its stat data, which any change alters', async () => {
    const root = tree({ 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n' });
    const source = new WorkingTreeSource(root);
    expect(source.version('a.yaml')).toBeUndefined();
    await sleep(RACY_INTERVAL_MS + 100);
    const settled = source.version('a.yaml');
    expect(settled).toBeDefined();
    expect(source.version('a.yaml')).toBe(settled);
    expect(source.version('missing.yaml')).toBeUndefined();

    // Same size, modification time put back: the change time still tells.
    const { mtime } = statSync(path.join(root, 'b.yaml'));
    const before = source.version('b.yaml');
    writeFileSync(path.join(root, 'b.yaml'), 'b: 2\n');
    utimesSync(path.join(root, 'b.yaml'), mtime, mtime);
    expect(source.version('b.yaml')).not.toBe(before);
    expect(source.version('b.yaml')).toBeUndefined();
  });
});

describe('the snapshot of a whole run', () => {
  const { rule: recorder, checked } = recordingRule();
  const ruleSet = [yamlSyntax, recorder];
  const lintOnce = async (root: string, paths?: string[]): Promise<string[]> => {
    checked.length = 0;
    const report = await lint({ cwd: root, ruleSet, cache: true, ...(paths ? { paths } : {}) });
    return [
      ...report.diagnostics.map((d) => `${d.file}:${d.line ?? 0} ${d.ruleId ?? 'directive'}`),
      ...report.notices.filter((notice) => !notice.startsWith('No gitops.yaml')),
    ];
  };

  it('a run over unchanged files runs no rule and reports what the last run reported; any change runs them again', async () => {
    const root = tree({ 'a.yaml': 'a: 1\n', 'bad.yaml': 'a: 1\na: 2\n' });
    const findings = await lintOnce(root);
    expect(findings).toEqual(['bad.yaml:2 yaml-syntax']);
    expect(checked.sort()).toEqual(['a.yaml', 'bad.yaml']);

    expect(await lintOnce(root)).toEqual(findings);
    expect(checked).toEqual([]);

    // Other targets: not the same run (its snapshot would report bad.yaml).
    expect(await lintOnce(root, ['a.yaml'])).toEqual([]);

    // A changed file, a new file, a deleted file: each makes the rules run.
    writeFileSync(path.join(root, 'bad.yaml'), 'a: 1\n');
    expect(await lintOnce(root)).toEqual([]);
    expect(checked).toEqual(['bad.yaml']);
    writeFileSync(path.join(root, 'new.yaml'), 'n: 1\nn: 2\n');
    expect(await lintOnce(root)).toEqual(['new.yaml:2 yaml-syntax']);
    expect(checked).toEqual(['new.yaml']);
    expect(readFileSync(path.join(root, '.gitops-init-cache/lint-cache.json'), 'utf8').split('\n')[0]).toContain(
      '"snapshot"',
    );
  });
});

describe('file versions in a git work tree', () => {
  it('a tracked file git finds unchanged is known by its object id at once; a change, even of the same size, is seen', async () => {
    const root = tree({ 'a.yaml': 'a: 1\nb: 2\n', 'b.yaml': 'b: 1\n' });
    gitInit(root);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'init');
    const lintOnce = async (): Promise<string[]> =>
      (await lint({ cwd: root, ruleSet: [yamlSyntax], cache: true })).diagnostics.map(
        (d) => `${d.file}:${d.line ?? 0} ${d.ruleId ?? 'directive'}`,
      );
    expect(await lintOnce()).toEqual([]);
    // Within the two seconds in which stat data is not trusted, git's own check is.
    const body = JSON.parse(
      readFileSync(path.join(root, '.gitops-init-cache/lint-cache.json'), 'utf8').split('\n')[1] ?? '{}',
    ) as {
      files: Record<string, [string, string]>;
    };
    expect(body.files['a.yaml']?.[0]).toBe(`git:${git(root, 'rev-parse', ':a.yaml').trim()}`);
    // The same size, at once: git sees the change (its stat data or, racily, its content).
    writeFileSync(path.join(root, 'a.yaml'), 'a: 1\na: 2\n');
    expect(await lintOnce()).toEqual(['a.yaml:2 yaml-syntax']);
    git(root, 'checkout', '--', 'a.yaml');
    expect(await lintOnce()).toEqual([]);
  });
});
