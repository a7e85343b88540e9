import { describe, expect, it } from 'vitest';
import github from '../../src/formatters/github.js';
import { context, makeCwd, message, result, sampleResults } from './fixtures.js';

const cwd = makeCwd();

describe('github', () => {
  it('writes one workflow command per message, with relative paths, positions and the rule as title', () => {
    expect(github(sampleResults(cwd), context(cwd))).toBe(
      [
        '::error file=apps/[id]/kustomization.yaml,line=3,col=3,endColumn=7,title=yaml-syntax::Duplicate key "name".',
        '::warning file=apps/[id]/kustomization.yaml,line=12,col=1,title=gitops-init-engine::Unused gitops-lint-disable directive (no problems were reported from "yaml-syntax")',
        // Spanning lines: GitHub takes no columns, so none are given. The message keeps `:` and
        // `,`, which only properties escape.
        '::warning file=apps/my app/values.yaml,line=7,endLine=8,title=no-plain-secrets::Key "a:b,c" holds 100%25 plain text%0Asee docs',
        '::error file=README.md,line=1,col=1,title=required-paths::Missing "CHANGELOG.md"',
        '::error file=README.md,line=1,col=1,title=required-paths::Missing "CHANGELOG.md"',
        '',
      ].join('\n'),
    );
  });

  it('escapes %, CR and LF in the message, and also : and , in properties', () => {
    const output = github(
      [
        result(cwd, 'odd,name:100%.yaml', [
          message({ ruleId: 'yaml-syntax', message: 'a\r\nb::c, 50%', line: 2, column: 4 }),
        ]),
      ],
      context(cwd),
    );
    expect(output).toBe('::error file=odd%2Cname%3A100%25.yaml,line=2,col=4,title=yaml-syntax::a%0D%0Ab::c, 50%25\n');
    expect(output.split('\n')).toHaveLength(2);
  });

  it('prints nothing when there are no messages', () => {
    expect(github([result(cwd, 'gitops.yaml', [])], context(cwd))).toBe('');
  });

  it('leaves out a position the message does not have', () => {
    expect(github([result(cwd, 'a.yaml', [message({ message: 'm', line: 0, column: 0 })])], context(cwd))).toBe(
      '::error file=a.yaml,title=required-paths::m\n',
    );
  });
});
