import { describe, expect, it } from 'vitest';
import { lintSource } from '../../src/api/lint.js';
import type { Diagnostic } from '../../src/engine/diagnostic.js';
import {
  applyEdits,
  collectEdits,
  fixUntilStable,
  MAX_FIX_PASSES,
  mergedFix,
  type LintPass,
} from '../../src/engine/fix-loop.js';
import { MemorySource } from '../../src/engine/memory-source.js';
import { OverlaySource } from '../../src/engine/overlay-source.js';
import { readRepository } from '../../src/engine/read.js';
import { defineRule } from '../../src/engine/rule.js';

const finding = (file: string, edits: [number, number, string][], fixFile?: string): Diagnostic => ({
  ruleId: 'r',
  severity: 2,
  message: 'm',
  file,
  fix: {
    ...(fixFile ? { file: fixFile } : {}),
    edits: edits.map(([start, end, text]) => ({ range: [start, end], text })),
  },
});

describe('applyEdits', () => {
  it('applies edits in order of position and skips one that overlaps an earlier one', () => {
    expect(
      applyEdits('abcdef', [
        { range: [4, 5], text: 'E' },
        { range: [0, 1], text: 'A' },
        { range: [0, 2], text: 'X' },
      ]),
    ).toBe('AbcdEf');
    expect(applyEdits('abc', [{ range: [3, 3], text: '!' }])).toBe('abc!');
  });
});

describe('mergedFix', () => {
  it('merges one finding’s edits into one replacement, as ESLint’s fix', () => {
    expect(
      mergedFix('key: value\n', [
        { range: [0, 3], text: 'KEY' },
        { range: [5, 10], text: 'VALUE' },
      ]),
    ).toEqual({ range: [0, 10], text: 'KEY: VALUE' });
    expect(mergedFix(undefined, [{ range: [0, 1], text: '' }])).toBeUndefined();
    expect(mergedFix('x', [])).toBeUndefined();
  });
});

describe('collectEdits', () => {
  it('takes a finding’s edits together or not at all, per file the fix names', () => {
    const edits = collectEdits([
      finding('a', [
        [0, 2, 'x'],
        [5, 6, 'y'],
      ]),
      finding('a', [
        [1, 3, 'overlaps'],
        [8, 9, 'free'],
      ]),
      finding('a', [[3, 4, 'z']], 'b'),
    ]);
    expect([...edits.keys()]).toEqual(['a', 'b']);
    expect(edits.get('a')?.map((edit) => edit.text)).toEqual(['x', 'y']);
    expect(edits.get('b')?.map((edit) => edit.text)).toEqual(['z']);
  });

  it('accepts the same edits as comparing each with every accepted one, insertions and random ranges included', () => {
    // A small seeded generator: the same cases on every run.
    let seed = 7;
    const next = (limit: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % limit;
    };
    for (let round = 0; round < 200; round++) {
      const diagnostics: Diagnostic[] = [];
      for (let index = 0; index < 30; index++) {
        const parts: [number, number, string][] = [];
        for (let part = 0, count = 1 + next(3); part < count; part++) {
          const start = next(60);
          parts.push([start, start + next(4), `${index}.${part}`]);
        }
        diagnostics.push(finding('a', parts));
      }
      const expected: string[] = [];
      const accepted: (readonly [number, number])[] = [];
      for (const diagnostic of diagnostics) {
        const parts = diagnostic.fix!.edits;
        if (parts.some((edit) => accepted.some(([start, end]) => edit.range[0] < end && start < edit.range[1])))
          continue;
        for (const edit of parts) {
          accepted.push(edit.range);
          expected.push(edit.text);
        }
      }
      const got = collectEdits(diagnostics).get('a') ?? [];
      expect(got.map((edit) => edit.text).sort()).toEqual(expected.sort());
    }
  });
});

/** A fixable rule that upper-cases one lower-case letter per file and pass (so that it takes several passes). */
const upperOne = defineRule({
  id: 'test-upper-one',
  meta: {
    type: 'layout',
    docs: { description: 'Upper case', category: 'syntax', recommended: 'error' },
    scope: 'file',
    fixable: 'code',
    schema: [],
    messages: { lower: 'lower-case letter' },
  },
  defaultOptions: [],
  check(context) {
    for (const file of context.targetFiles) {
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

describe('fixUntilStable', () => {
  /** A lint pass that reports each listed file's fixes, as the rules stage would, from a fresh read. */
  const passOver =
    (overlay: OverlaySource, fixes: (text: string) => [number, number, string][]) => async (): Promise<LintPass> => {
      const repository = await readRepository(overlay, { dependencies: false });
      const diagnostics = repository.files.flatMap((file) => {
        const edits = fixes(repository.text(file) ?? '');
        return edits.length === 0 ? [] : [finding(file, edits)];
      });
      return { repository, diagnostics };
    };

  it('lints its own output until nothing changes, and says which files it fixed', async () => {
    const overlay = new OverlaySource(new MemorySource('/r', { 'a.txt': 'abc', 'b.txt': 'OK' }));
    let passes = 0;
    const lower = passOver(overlay, (text) => {
      const index = text.search(/[a-z]/);
      return index === -1 ? [] : [[index, index + 1, (text[index] ?? '').toUpperCase()]];
    });
    const { last, fixedFiles, readContents } = await fixUntilStable(overlay, () => {
      passes += 1;
      return lower();
    });
    expect(overlay.changes.get('a.txt')).toBe('ABC');
    expect(fixedFiles).toEqual(['a.txt']);
    // What the first fix was made to, for the writer to compare with the file before replacing it.
    expect(readContents).toEqual(new Map([['a.txt', 'abc']]));
    expect(last.diagnostics).toEqual([]);
    expect(passes).toBe(4);
  });

  it('stops after MAX_FIX_PASSES', async () => {
    const overlay = new OverlaySource(new MemorySource('/r', { 'a.txt': 'x' }));
    let passes = 0;
    const grow = passOver(overlay, (text) => [[text.length, text.length, 'x']]);
    await fixUntilStable(overlay, () => {
      passes += 1;
      return grow();
    });
    expect(passes).toBe(MAX_FIX_PASSES);
    expect(overlay.changes.get('a.txt')).toBe('x'.repeat(MAX_FIX_PASSES + 1));
  });

  it('never rewrites YAML that does not parse, or into YAML that does not parse', async () => {
    const overlay = new OverlaySource(new MemorySource('/r', { 'bad.yaml': 'a: [\n', 'good.yaml': 'a: 1\n' }));
    const breaking = passOver(overlay, () => [[0, 0, ': ]']]);
    const { fixedFiles } = await fixUntilStable(overlay, breaking);
    expect(fixedFiles).toEqual([]);
    expect(overlay.changes.size).toBe(0);
  });

  it('runs in lint(): the fixed text goes to the writer and into the results', async () => {
    const written = new Map<string, string>();
    const report = await lintSource(
      new MemorySource('/repo', { 'notes.txt': 'ab', 'other.txt': 'OK' }),
      '/repo',
      { fix: true, ruleSet: [upperOne], rules: { [upperOne.id]: 'error' } },
      {
        writeFixed: (file, content) => {
          written.set(file, content);
          return Promise.resolve();
        },
      },
    );
    expect(report.fixedFiles).toEqual(['notes.txt']);
    expect(report.results.find((result) => result.filePath === '/repo/notes.txt')?.output).toBe('AB');
    expect(written.get('/repo/notes.txt')).toBe('AB');
    expect(report.diagnostics.filter((d) => d.ruleId === upperOne.id)).toEqual([]);
  });
});
