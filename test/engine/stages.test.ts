import { describe, expect, it } from 'vitest';
import { applyDirectives } from '../../src/engine/apply-directives.js';
import type { Diagnostic } from '../../src/engine/diagnostic.js';
import { runRules } from '../../src/engine/linter.js';
import { MemorySource } from '../../src/engine/memory-source.js';
import { OverlaySource } from '../../src/engine/overlay-source.js';
import { readDescriptor, readRepository } from '../../src/engine/read.js';
import { RuleConfig } from '../../src/engine/rule-config.js';
import { defineRule, type AnyRule } from '../../src/engine/rule.js';
import { applySuppressions } from '../../src/engine/suppressions.js';
import { selectTargets } from '../../src/engine/targets.js';
import { UsageError } from '../../src/errors.js';

const files = {
  'gitops.yaml': 'kind: infrastructure\ntool: flux\nname: platform\n',
  'apps/a.yaml': 'a: 1 # gitops-lint-disable-line test-keys\n',
  'apps/b.yaml': 'b: 1\n',
  'apps/c.yaml': '# gitops-lint-disable-next-line test-keys\nc: 1\nd: 2 # gitops-lint-disable-line\n',
  'docs/readme.md': '# docs\n',
  '.gitignore': 'docs/readme.md\n',
};

/** Reports every top-level key of the YAML target files, on its line. */
const keys = defineRule({
  id: 'test-keys',
  meta: {
    type: 'problem',
    docs: { description: 'Keys', category: 'syntax', recommended: 'error' },
    scope: 'file',
    schema: [],
    messages: { key: 'key {{key}}' },
  },
  defaultOptions: [],
  check(context) {
    for (const file of context.targetFiles) {
      const text = context.text(file) ?? '';
      text.split('\n').forEach((line, index) => {
        const match = /^(\w+):/.exec(line);
        if (match && context.isYamlFile(file))
          context.report({ file, messageId: 'key', line: index + 1, data: { key: match[1] ?? '' } });
      });
    }
  },
});

const rules: AnyRule[] = [keys];
const source = (): MemorySource => new MemorySource('/repo', files);

describe('target selection', () => {
  const select = async (paths: string[], cwd = '/repo') => {
    const listed = await source().listFiles();
    return selectTargets({ cwd, source: source(), files: listed, paths });
  };

  it('takes every listed file without paths, and what directories, files and globs select', async () => {
    expect((await select([])).targets).toEqual([
      '.gitignore',
      'apps/a.yaml',
      'apps/b.yaml',
      'apps/c.yaml',
      'gitops.yaml',
    ]);
    expect((await select(['apps', 'gitops.yaml'])).targets).toEqual([
      'apps/a.yaml',
      'apps/b.yaml',
      'apps/c.yaml',
      'gitops.yaml',
    ]);
    expect((await select(['*.yaml'], '/repo/apps')).targets).toEqual(['apps/a.yaml', 'apps/b.yaml', 'apps/c.yaml']);
  });

  it('notes a named file that is ignored, and refuses paths that are outside, missing or match nothing', async () => {
    expect(await select(['docs/readme.md'])).toEqual({
      targets: [],
      notices: ['ignored (by .gitignore or ignores in gitops.yaml), not linted: docs/readme.md'],
    });
    await expect(select(['../elsewhere'])).rejects.toThrow(UsageError);
    await expect(select(['apps/missing.yaml'])).rejects.toThrow(/does not exist/);
    await expect(select(['*.json'])).rejects.toThrow(/no files match the pattern/);
  });

  it('with --staged, selects among the staged files only', async () => {
    const selection = await selectTargets({
      cwd: '/repo',
      source: source(),
      files: await source().listFiles(),
      paths: ['apps'],
      staged: ['apps/b.yaml', 'gitops.yaml'],
    });
    expect(selection).toEqual({ targets: ['apps/b.yaml'], notices: [] });
  });
});

describe('read', () => {
  it('reads the descriptor through the source, and refuses a --config that is not there', () => {
    expect(readDescriptor(source(), '/repo', undefined)?.descriptor.kind).toBe('infrastructure');
    expect(readDescriptor(new MemorySource('/repo', {}), '/repo', undefined)).toBeUndefined();
    expect(() => readDescriptor(source(), '/repo', 'other.yaml')).toThrow(/\bconfigFile "other.yaml": file not found/);
  });

  it('leaves the excluded file (the cache) out of the repository', async () => {
    const repository = await readRepository(new OverlaySource(source()), {
      dependencies: false,
      exclude: 'apps/b.yaml',
    });
    expect(repository.files).toEqual(['.gitignore', 'apps/a.yaml', 'apps/c.yaml', 'gitops.yaml']);
  });
});

describe('rules, directives and suppressions', () => {
  it('pass findings on as typed data: raw findings, then directives applied, then sorted', async () => {
    const repository = await readRepository(new OverlaySource(source()), { dependencies: false });
    const targetFiles = ['apps/a.yaml', 'apps/b.yaml', 'apps/c.yaml'];
    const found = await runRules({
      repository,
      rules,
      config: new RuleConfig(new Map(rules.map((rule) => [rule.id, rule])), undefined, { [keys.id]: 'error' }),
      descriptor: undefined,
      kind: undefined,
      tool: undefined,
      targetFiles,
    });
    expect(found.diagnostics.map((d) => `${d.file}:${d.line}`).sort()).toEqual([
      'apps/a.yaml:1',
      'apps/b.yaml:1',
      'apps/c.yaml:2',
      'apps/c.yaml:3',
    ]);
    expect([...found.readFiles].sort()).toEqual(targetFiles);
    expect(found.threads).toBe(1);

    const directed = applyDirectives(found, {
      repository,
      targetFiles,
      ruleIds: new Set([keys.id]),
      reportUnusedDisableDirectives: 'warn',
    });
    const describe = (list: readonly Diagnostic[]): string[] =>
      list.map((d) => `${d.file}:${d.line} ${d.ruleId ?? 'directive'}`);
    expect(describe(directed.diagnostics)).toEqual(['apps/b.yaml:1 test-keys']);

    const outcome = applySuppressions({
      diagnostics: [...directed.diagnostics, { ruleId: null, severity: 1, message: 'm', file: 'a', line: 1 }],
      notes: ['n'],
    });
    expect(describe(outcome.diagnostics)).toEqual(['a:1 directive', 'apps/b.yaml:1 test-keys']);
    expect(outcome.notes).toEqual(['n']);
    expect(outcome.suppressed).toEqual([]);
  });

  it('report an unused directive in a file the rules read', async () => {
    const repository = await readRepository(
      new OverlaySource(new MemorySource('/r', { 'x.yaml': '# gitops-lint-disable-next-line test-keys\n- 1\n' })),
      { dependencies: false },
    );
    const found = await runRules({
      repository,
      rules,
      config: new RuleConfig(new Map(rules.map((rule) => [rule.id, rule])), undefined, { [keys.id]: 'error' }),
      descriptor: undefined,
      kind: undefined,
      tool: undefined,
      targetFiles: ['x.yaml'],
    });
    const directed = applyDirectives(found, {
      repository,
      targetFiles: ['x.yaml'],
      ruleIds: new Set([keys.id]),
      reportUnusedDisableDirectives: 'error',
    });
    expect(directed.diagnostics).toEqual([
      {
        ruleId: null,
        severity: 2,
        message: 'Unused gitops-lint-disable-next-line directive (no problems were reported from "test-keys")',
        file: 'x.yaml',
        line: 1,
        column: 1,
      },
    ]);
  });
});
