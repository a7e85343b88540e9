import { afterEach, describe, expect, it } from 'vitest';
import rule from '../../rules/yaml-syntax.js';
import { RuleTester } from '../../src/testing/index.js';

interface Collected {
  name: string;
  body: () => Promise<void> | void;
}

/** Runs RuleTester with collecting describe/it, so that its own failures can be asserted. */
function collect(run: () => void): Collected[] {
  const collected: Collected[] = [];
  RuleTester.describe = (_name, body) => void body();
  RuleTester.it = (name, body) => void collected.push({ name, body });
  try {
    run();
  } finally {
    RuleTester.describe = undefined;
    RuleTester.it = undefined;
  }
  return collected;
}

afterEach(() => {
  RuleTester.describe = undefined;
  RuleTester.it = undefined;
});

describe('RuleTester checks its cases', () => {
  it('rejects duplicate cases', () => {
    expect(() =>
      collect(() => {
        new RuleTester().run('yaml-syntax', rule, {
          valid: [{ 'a.yaml': 'a: 1\n' }, { 'a.yaml': 'a: 1\n' }],
          invalid: [],
        });
      }),
    ).toThrow(/duplicate valid test case/);
  });

  it('rejects a rule id that is not the rule', () => {
    expect(() => collect(() => new RuleTester().run('other', rule, { valid: [], invalid: [] }))).toThrow(
      /the rule's id is "yaml-syntax"/,
    );
  });

  it('fails a valid case with findings, an invalid case with other findings, and an unknown messageId', async () => {
    const cases = collect(() => {
      new RuleTester().run('yaml-syntax', rule, {
        valid: [{ 'dup.yaml': 'a: 1\na: 2\n' }],
        invalid: [
          { name: 'wrong id', files: { 'x.yaml': 'a: 1\na: 2\n' }, errors: [{ messageId: 'syntaxError' }] },
          { name: 'wrong count', files: { 'y.yaml': 'a: 1\na: 2\n' }, errors: 2 },
          { name: 'unknown id', files: { 'z.yaml': 'a: 1\na: 2\n' }, errors: [{ messageId: 'nope' }] },
          {
            name: 'right',
            files: { 'w.yaml': 'a: 1\na: 2\n' },
            errors: [{ messageId: 'duplicateKey', line: 2, data: { key: 'a' } }],
          },
          { name: 'no errors expected', files: { 'v.yaml': 'a: 1\n' }, errors: [] },
        ],
      });
    });
    const outcomes = await Promise.all(
      cases.map(async (entry) => {
        try {
          await entry.body();
          return `${entry.name}: passed`;
        } catch (error) {
          return `${entry.name}: ${(error as Error).message.split('\n')[0] ?? ''}`;
        }
      }),
    );
    expect(outcomes).toEqual([
      'valid #1: Expected no findings, got 1:',
      'wrong id: Finding 1 differs: messageId duplicateKey (want syntaxError)',
      'wrong count: Expected 2 finding(s), got 1:',
      'unknown id: messageId "nope" is not in yaml-syntax\'s meta.messages',
      'right: passed',
      'no errors expected: An invalid case must expect at least one error',
    ]);
  });
});

describe('RuleTester runs cases in memory, or on disk when asked', () => {
  /** Runs the collected cases and says how each went. */
  const outcomes = (cases: Collected[]): Promise<string[]> =>
    Promise.all(
      cases.map(async (entry) => {
        try {
          await entry.body();
          return `${entry.name}: passed`;
        } catch (error) {
          return `${entry.name}: ${(error as Error).message.split('\n')[0] ?? ''}`;
        }
      }),
    );

  it('gives the same verdicts in memory and in a directory: .gitignore, ignores and paths alike', async () => {
    const files = {
      '.gitignore': 'skipped/\n',
      'skipped/dup.yaml': 'a: 1\na: 2\n',
      'node_modules/dup.yaml': 'a: 1\na: 2\n',
      'apps/dup.yaml': 'a: 1\na: 2\n',
      'other/dup.yaml': 'a: 1\na: 2\n',
    };
    const run = (onDisk: boolean): Collected[] =>
      collect(() => {
        new RuleTester().run('yaml-syntax', rule, {
          valid: [
            {
              name: 'ignored files only',
              files: { '.gitignore': 'skipped/\n', 'skipped/dup.yaml': 'a: 1\na: 1\n' },
              onDisk,
            },
          ],
          invalid: [
            { name: 'all', files, errors: 2, onDisk },
            {
              name: 'one path',
              files,
              paths: ['apps'],
              errors: [{ messageId: 'duplicateKey', file: 'apps/dup.yaml' }],
              onDisk,
            },
          ],
        });
      });
    const inMemory = await outcomes(run(false));
    expect(inMemory).toEqual(['ignored files only: passed', 'all: passed', 'one path: passed']);
    expect(await outcomes(run(true))).toEqual(inMemory);
  });
});
