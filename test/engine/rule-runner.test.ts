import { describe, expect, it } from 'vitest';
import { InternalError } from '../../src/errors.js';
import { MemorySource } from '../../src/engine/memory-source.js';
import { OverlaySource } from '../../src/engine/overlay-source.js';
import { encodeQuery } from '../../src/engine/queries.js';
import { readRepository } from '../../src/engine/read.js';
import { RuleConfig } from '../../src/engine/rule-config.js';
import { executeRule, interpolate, lintChunk, type RunInputs } from '../../src/engine/rule-runner.js';
import { Fingerprints } from '../../src/engine/fingerprints.js';
import { defineRule, type AnyRule } from '../../src/engine/rule.js';

const fileRule = defineRule({
  id: 'test-file',
  meta: {
    type: 'problem',
    docs: { description: 'Test', category: 'syntax', recommended: 'error' },
    scope: 'file',
    schema: [],
    messages: { found: 'found {{what}}', counted: '{{count}} of {{keyCount}}: {{keys}}', noted: 'note {{n}}' },
  },
  defaultOptions: [],
  check(context) {
    for (const file of context.targetFiles) {
      const document = context.yaml(file);
      if (!document) continue;
      const text = context.text(file) ?? '';
      const at = text.indexOf('bad');
      if (at !== -1) context.report({ file, messageId: 'found', data: { what: 'bad' }, range: [at, at + 3] });
      context.tally({ messageId: 'counted', key: file });
    }
    context.note({ messageId: 'noted', data: { n: context.targetFiles.length } });
  },
});

const crashing = defineRule({
  ...fileRule,
  id: 'test-crash',
  check() {
    throw new Error('boom');
  },
});

const unknownMessage = defineRule({
  ...fileRule,
  id: 'test-unknown',
  check(context) {
    context.report({ file: 'a.yaml', messageId: 'nope' as 'found' });
  },
});

async function inputs(rules: AnyRule[], files: Record<string, string>, settings = {}): Promise<RunInputs> {
  const repository = await readRepository(new OverlaySource(new MemorySource('/r', files)), { dependencies: true });
  return {
    repository,
    config: new RuleConfig(new Map(rules.map((rule) => [rule.id, rule])), undefined, settings),
    descriptor: undefined,
    kind: undefined,
    tool: undefined,
    base: undefined,
    targetFiles: repository.files,
  };
}

describe('executeRule', () => {
  it('reports with positions from ranges, notes and tallies, and records what the rule asked', async () => {
    const run = await inputs([fileRule], { 'a.yaml': 'x: bad\n', 'b.yaml': 'y: 1\n' }, { 'test-file': 'warn' });
    const result = executeRule(run, fileRule, ['a.yaml', 'b.yaml'], []);
    expect(result.diagnostics).toEqual([
      {
        ruleId: 'test-file',
        messageId: 'found',
        severity: 1,
        message: 'found bad',
        file: 'a.yaml',
        line: 1,
        column: 4,
        endLine: 1,
        endColumn: 7,
      },
    ]);
    expect(result.notes).toEqual(['test-file: note 2']);
    expect(result.tallies).toEqual({ 'test-file counted': { 'a.yaml': 1, 'b.yaml': 1 } });
    expect(result.queries).toContain(encodeQuery({ kind: 'contents', file: 'a.yaml' }));
    expect(result.queries).toContain(encodeQuery({ kind: 'is-yaml-file', file: 'b.yaml' }));
  });

  it('names the rule when it crashes or reports an unknown messageId', async () => {
    const run = await inputs([crashing, unknownMessage], { 'a.yaml': 'a: 1\n' });
    expect(() => executeRule(run, crashing, ['a.yaml'], [])).toThrow(/rule "test-crash" crashed: boom/);
    expect(() => executeRule(run, unknownMessage, ['a.yaml'], [])).toThrow(InternalError);
    expect(() => executeRule(run, unknownMessage, ['a.yaml'], [])).toThrow(/unknown messageId "nope"/);
  });
});

describe('lintChunk', () => {
  it('gives the same findings with and without stored runs, one stored run per file with its dependencies', async () => {
    const files = { 'a.yaml': 'x: bad\n', 'b.yaml': 'y: bad\n', 'c.txt': 'bad\n' };
    const plain = await inputs([fileRule], files, { 'test-file': 'error' });
    const stored = await inputs([fileRule], files, { 'test-file': 'error' });
    const without = lintChunk(plain, [fileRule], ['a.yaml', 'b.yaml', 'c.txt'], undefined, { searched: new Set() });
    const fingerprints = new Fingerprints(stored.repository, stored.targetFiles);
    const withStore = lintChunk(stored, [fileRule], ['a.yaml', 'b.yaml', 'c.txt'], fingerprints, {
      searched: new Set(),
    });
    expect(withStore.diagnostics).toEqual(without.diagnostics);
    expect(without.reads.sort()).toEqual(['a.yaml', 'b.yaml', 'c.txt']);
    expect(withStore.stored?.map(([file]) => file)).toEqual(['a.yaml', 'b.yaml', 'c.txt']);
    const [, run] = withStore.stored?.[0] ?? [];
    expect(run && fingerprints.holds(run)).toBe(true);
    expect(run?.dependencies[encodeQuery({ kind: 'contents', file: 'a.yaml' })]).toBe(
      stored.repository.contentHash('a.yaml'),
    );
  });
});

describe('interpolate', () => {
  it('fills known placeholders and leaves unknown ones, as ESLint', () => {
    expect(interpolate('{{ a }} and {{b}}', { a: 1 })).toBe('1 and {{b}}');
    expect(interpolate('{{a}}', undefined)).toBe('{{a}}');
  });
});
