import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import stylish from '../../src/formatters/stylish.js';
import { context, makeCwd, message, result, sampleResults } from './fixtures.js';

const cwd = makeCwd();

describe('stylish', () => {
  it('prints aligned rows under a relative path, then the summary', () => {
    const results = [
      result(cwd, 'apps/[id]/kustomization.yaml', [
        message({ ruleId: 'yaml-syntax', message: 'Duplicate key "name".', line: 3, column: 3 }),
        message({ ruleId: null, severity: 1, message: 'Unused directive', line: 12, column: 10 }),
      ]),
      result(cwd, 'gitops.yaml', []),
      result(
        cwd,
        'apps/my app/values.yaml',
        [message({ ruleId: 'required-paths', message: 'Missing "VERSION"', line: 1, column: 1 })],
        {
          errors: 1,
        },
      ),
    ];
    expect(stylish(results, context(cwd))).toBe(
      [
        '',
        'apps/[id]/kustomization.yaml',
        '   3:3   error    Duplicate key "name"  yaml-syntax',
        '  12:10  warning  Unused directive',
        '',
        'apps/my app/values.yaml',
        '  1:1  error  Missing "VERSION"  required-paths',
        '',
        '\u2716 3 problems (2 errors, 1 warning)',
        '  1 error and 0 warnings potentially fixable with the `--fix` option.',
        '',
      ].join('\n'),
    );
  });

  it('says "problem", "error" and "warning" in the singular for one, and leaves out the fixable line when nothing is fixable', () => {
    const output = stylish([result(cwd, 'a.yaml', [message({ severity: 1, message: 'm' })])], context(cwd));
    expect(output).toBe('\na.yaml\n  1:1  warning  m  required-paths\n\n\u2716 1 problem (0 errors, 1 warning)\n');
  });

  it('prints nothing when there are no problems', () => {
    expect(stylish([], context(cwd))).toBe('');
    expect(stylish([result(cwd, 'gitops.yaml', [])], context(cwd, { color: true }))).toBe('');
  });

  it('uses no colour codes when color is false', () => {
    const output = stylish(sampleResults(cwd), context(cwd, { color: false }));
    expect(output).not.toContain('\u001b');
    expect(output).toContain('\u2716 5 problems (3 errors, 2 warnings)\n');
    expect(output).toContain('  1 error and 0 warnings potentially fixable with the `--fix` option.\n');
  });

  it('colours severities, positions, rule ids, the path and the summary when color is true', () => {
    const plain = stylish(sampleResults(cwd), context(cwd, { color: false }));
    const coloured = stylish(sampleResults(cwd), context(cwd, { color: true }));
    expect(coloured).not.toBe(plain);
    expect(stripVTControlCharacters(coloured)).toBe(plain);
    expect(coloured).toContain('\u001b[31merror\u001b[39m');
    expect(coloured).toContain('\u001b[33mwarning\u001b[39m');
    expect(coloured).toContain('\u001b[4mapps/my app/values.yaml\u001b[24m');
    expect(coloured).toContain('\u001b[2myaml-syntax\u001b[22m');
    expect(coloured).toContain('\u001b[31m\u001b[1m\u2716 5 problems');
  });

  it('colours the summary yellow when there are only warnings', () => {
    const coloured = stylish(
      [result(cwd, 'a.yaml', [message({ severity: 1, message: 'm' })])],
      context(cwd, { color: true }),
    );
    expect(coloured).toContain('\u001b[33m\u001b[1m\u2716 1 problem');
  });

  it('shows terminal control characters from the repository as escapes', () => {
    const output = stylish(
      [result(cwd, 'a\u001b[2J.yaml', [message({ message: 'value "\u001b]0;pwned\u0007"' })])],
      context(cwd),
    );
    expect(output).not.toContain('\u001b');
    expect(output).not.toContain('\u0007');
    expect(output).toContain('a\\u001B[2J.yaml\n');
    expect(output).toContain('value "\\u001B]0;pwned\\u0007"');
  });
});
