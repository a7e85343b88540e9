import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/engine/diagnostic.js';
import {
  applySuppressions,
  countsWithCurrent,
  parseSuppressions,
  prunedCounts,
  serializeSuppressions,
  type SuppressionCounts,
} from '../../src/engine/suppressions.js';

function finding(file: string, ruleId: string | null, line: number, severity: 1 | 2 = 2): Diagnostic {
  return { ruleId, severity, message: `${ruleId ?? 'engine'} at ${line}`, file, line, column: 1 };
}

function counts(record: Record<string, Record<string, number>>): SuppressionCounts {
  return new Map(Object.entries(record).map(([file, rules]) => [file, new Map(Object.entries(rules))]));
}

const describeAll = (list: readonly Diagnostic[]): string[] =>
  list.map((d) => `${d.file}:${d.line ?? 0} ${d.ruleId ?? '-'}`);
const all = (): boolean => true;

describe('applySuppressions', () => {
  it('sets aside errors up to the count; warnings and engine messages are never counted or set aside', () => {
    const outcome = applySuppressions(
      {
        diagnostics: [
          finding('a.yaml', 'r', 3),
          finding('a.yaml', 'r', 1),
          finding('a.yaml', 'r', 2, 1),
          finding('a.yaml', null, 4),
          finding('b.yaml', 'r', 1),
        ],
        notes: ['n'],
      },
      { counts: counts({ 'a.yaml': { r: 2 } }), isJudged: all },
    );
    expect(describeAll(outcome.suppressed)).toEqual(['a.yaml:1 r', 'a.yaml:3 r']);
    expect(describeAll(outcome.diagnostics)).toEqual(['a.yaml:2 r', 'a.yaml:4 -', 'b.yaml:1 r']);
    expect(outcome.notes).toEqual(['n']);
    expect(outcome.unused.size).toBe(0);
  });

  it('reports all errors of a file and rule above its count, and counts the rest of a count above them as unused', () => {
    const outcome = applySuppressions(
      { diagnostics: [finding('a.yaml', 'r', 1), finding('a.yaml', 'r', 2), finding('b.yaml', 'r', 1)], notes: [] },
      { counts: counts({ 'a.yaml': { r: 1 }, 'b.yaml': { r: 3 }, 'c.yaml': { r: 1, s: 2 } }), isJudged: all },
    );
    expect(describeAll(outcome.diagnostics)).toEqual(['a.yaml:1 r', 'a.yaml:2 r']);
    expect(describeAll(outcome.suppressed)).toEqual(['b.yaml:1 r']);
    expect(outcome.unused).toEqual(counts({ 'b.yaml': { r: 2 }, 'c.yaml': { r: 1, s: 2 } }));
  });

  it('leaves the entries the run did not judge out of the unused ones', () => {
    const outcome = applySuppressions(
      { diagnostics: [], notes: [] },
      {
        counts: counts({ 'a.yaml': { fileRule: 1, repositoryRule: 1 }, 'b.yaml': { fileRule: 1 } }),
        isJudged: (file, ruleId) => file === 'b.yaml' || ruleId === 'repositoryRule',
      },
    );
    expect(outcome.unused).toEqual(counts({ 'a.yaml': { repositoryRule: 1 }, 'b.yaml': { fileRule: 1 } }));
  });
});

describe('countsWithCurrent and prunedCounts', () => {
  it("sets each file's and rule's count to its errors now (of the given rules), keeping other entries", () => {
    const before = counts({ 'a.yaml': { r: 5, s: 1 }, 'z.yaml': { r: 1 } });
    const found = [finding('a.yaml', 'r', 1), finding('b.yaml', 's', 1), finding('b.yaml', 'r', 1, 1)];
    expect(countsWithCurrent(before, found)).toEqual(
      counts({ 'a.yaml': { r: 1, s: 1 }, 'z.yaml': { r: 1 }, 'b.yaml': { s: 1 } }),
    );
    expect(countsWithCurrent(before, found, new Set(['r']))).toEqual(
      counts({ 'a.yaml': { r: 1, s: 1 }, 'z.yaml': { r: 1 } }),
    );
  });

  it('lowers unused counts, drops those at zero, and entries not judged whose file is gone', () => {
    const before = counts({ 'a.yaml': { r: 3, s: 1 }, 'gone.yaml': { r: 1 }, 'kept.yaml': { r: 1 } });
    const unused = counts({ 'a.yaml': { r: 1, s: 1 } });
    expect(
      prunedCounts(before, unused, { isJudged: (file) => file === 'a.yaml', exists: (file) => file !== 'gone.yaml' }),
    ).toEqual(counts({ 'a.yaml': { r: 2 }, 'kept.yaml': { r: 1 } }));
  });
});

describe('the suppressions file', () => {
  it('is written sorted by file and rule whatever the keys, and reads back the same', () => {
    // An object would put "10" before "9" by itself, and take "__proto__" for its prototype.
    const given: SuppressionCounts = new Map([
      [
        '9',
        new Map([
          ['b', 1],
          ['a', 2],
        ]),
      ],
      ['__proto__', new Map([['r', 1]])],
      ['10', new Map([['z', 1]])],
    ]);
    const written = serializeSuppressions(given);
    expect(written).toBe(
      '{\n  "10": {\n    "z": {\n      "count": 1\n    }\n  },\n  "9": {\n    "a": {\n      "count": 2\n    },\n    "b": {\n      "count": 1\n    }\n  },\n  "__proto__": {\n    "r": {\n      "count": 1\n    }\n  }\n}\n',
    );
    expect(parseSuppressions(written, 'f.json')).toEqual(given);
    expect(serializeSuppressions(new Map())).toBe('{}\n');
  });

  it("reads ESLint's own file (no final newline, a byte-order mark) and refuses counts that are not whole numbers from 1", () => {
    const eslint = '\uFEFF{\n  "a.yaml": {\n    "r": {\n      "count": 2\n    }\n  }\n}';
    expect(parseSuppressions(eslint, 'f.json')).toEqual(counts({ 'a.yaml': { r: 2 } }));
    for (const count of ['1.5', '-1', '"2"', 'null']) {
      expect(() => parseSuppressions(`{ "a.yaml": { "r": { "count": ${count} } } }`, 'f.json')).toThrow(
        /^f\.json: "a\.yaml" "r" has "count": .*, not a whole number from 1; expected/,
      );
    }
  });
});
