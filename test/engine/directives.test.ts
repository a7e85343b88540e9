import { describe, expect, it } from 'vitest';
import { DirectiveSet, hasDirectives, parseDirectives } from '../../src/engine/directives.js';

describe('parseDirectives', () => {
  it('reads every form with its rules, position and target line', () => {
    const text = [
      'a: 1 # gitops-lint-disable-line rule-a',
      '# gitops-lint-disable-next-line rule-a, rule-b -- a reason',
      'b: 2',
      '  # gitops-lint-disable',
      '# gitops-lint-enable rule-c',
      '# gitops-lint-disable-file',
    ].join('\n');
    expect(parseDirectives(text)).toEqual([
      { type: 'disable-line', rules: ['rule-a'], line: 1, column: 6, targetLine: 1 },
      { type: 'disable-next-line', rules: ['rule-a', 'rule-b'], line: 2, column: 1, targetLine: 3 },
      { type: 'disable', rules: null, line: 4, column: 3, targetLine: 4 },
      { type: 'enable', rules: ['rule-c'], line: 5, column: 1, targetLine: 5 },
      { type: 'disable-file', rules: null, line: 6, column: 1, targetLine: 6 },
    ]);
  });

  it('ignores text that only looks like a directive', () => {
    expect(parseDirectives('url: http://x#gitops-lint-disable\nkey: gitops-lint-disable-line\n')).toEqual([]);
    expect(parseDirectives('# gitops-lint-disabled rule\n')).toEqual([]);
    expect(hasDirectives('a: 1\n')).toBe(false);
  });
});

describe('DirectiveSet', () => {
  const set = (text: string): DirectiveSet => new DirectiveSet(parseDirectives(text));

  it('suppresses a line, the next line, a block and a file, for the rules named', () => {
    const directives = set(
      [
        'a: 1 # gitops-lint-disable-line rule-a',
        '# gitops-lint-disable-next-line rule-b',
        'b: 2',
        '# gitops-lint-disable rule-c',
        'c: 3',
        '# gitops-lint-enable rule-c',
        'd: 4',
      ].join('\n'),
    );
    expect(directives.isSuppressed('rule-a', 1)).toBe(true);
    expect(directives.isSuppressed('rule-a', 2)).toBe(false);
    expect(directives.isSuppressed('rule-b', 3)).toBe(true);
    expect(directives.isSuppressed('rule-a', 3)).toBe(false);
    expect(directives.isSuppressed('rule-c', 5)).toBe(true);
    expect(directives.isSuppressed('rule-c', 7)).toBe(false);
    expect(set('# gitops-lint-disable-file\n').isSuppressed('any-rule', 100)).toBe(true);
  });

  it('names the directives, and the rules within them, that suppressed nothing; enable is never unused', () => {
    const directives = set('# gitops-lint-disable-next-line rule-a, rule-b\nx: 1\n# gitops-lint-enable\n');
    directives.isSuppressed('rule-a', 2);
    expect(directives.unused().map(({ directive, ruleId }) => [directive.type, ruleId])).toEqual([
      ['disable-next-line', 'rule-b'],
    ]);
    const all = set('# gitops-lint-disable-line\n');
    expect(all.unused().map(({ ruleId }) => ruleId)).toEqual([null]);
    all.isSuppressed('whatever', 1);
    expect(all.unused()).toEqual([]);
  });
});
