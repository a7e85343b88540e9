import { describe, expect, it } from 'vitest';
import { Document, visit } from 'yaml';
import { lint } from '../../src/api/lint.js';
import { MAX_ALIAS_COUNT, parseYamlFile } from '../../src/manifests/yaml-file.js';
import { cli } from '../helpers/cli.js';
import { temporaryTrees } from '../helpers/trees.js';

const repo = temporaryTrees();

/**
 * A "billion laughs" file: each line aliases the one before nine times. The `yaml` package's
 * count (aliases times what each expands to) passes MAX_ALIAS_COUNT at the first `*c` of line 6:
 * up to line 5, `*b` counts 10 × 10 = 100 at most.
 */
const BILLION_LAUGHS = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  '',
].join('\n');

describe('an alias bomb', () => {
  it('is reported at the alias that takes the document over the limit', () => {
    const file = parseYamlFile('lol.yaml', BILLION_LAUGHS);
    const problem = file.documents[0]?.valueError;
    expect(problem?.code).toBe('ALIAS_LIMIT');
    expect(problem?.message).toContain(`limit of ${MAX_ALIAS_COUNT} per document`);
    const range = problem?.range ?? [0, 0];
    expect(BILLION_LAUGHS.slice(range[0], range[1])).toBe('*c');
    expect(file.position(range[0])).toEqual({ line: 6, column: 8 });
    // The aliases are left as they were: none keeps the note taken while looking for the one.
    const aliases: object[] = [];
    visit(file.documents[0]?.document ?? new Document(), {
      Alias(_key, node) {
        aliases.push(node);
      },
    });
    expect(aliases.length).toBe(9 * 4);
    expect(aliases.filter((alias) => Object.hasOwn(alias, 'toJSON'))).toEqual([]);
  });

  it('in the second document of a stream, inside a mapping, is reported there', () => {
    const text = `a: 1\n---\nlist:\n  nested:\n${BILLION_LAUGHS.split('\n')
      .slice(2)
      .map((line) => (line === '' ? '' : `    ${line}`))
      .join('\n')}`;
    const file = parseYamlFile('lol.yaml', text);
    expect(file.documents[0]?.valueError).toBeUndefined();
    const range = file.documents[1]?.valueError?.range ?? [0, 0];
    expect(file.position(range[0])).toEqual({ line: 8, column: 12 });
  });

  it('lint reports it at the alias (yaml-syntax)', async () => {
    const root = repo({ 'apps/lol.yaml': BILLION_LAUGHS });
    const report = await lint({ cwd: root });
    const found = report.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'yaml-syntax');
    expect(found.map(({ file, line, column, messageId }) => ({ file, line, column, messageId }))).toEqual([
      { file: 'apps/lol.yaml', line: 6, column: 8, messageId: 'aliasLimit' },
    ]);
  });

  it('in .github/settings.yml is a finding of protection-files-in-sync naming the alias line, not a crash', async () => {
    const root = repo({
      'gitops.yaml':
        'kind: infrastructure\ntool: flux\nname: platform\nprotection:\n  targets: [settings]\n  branches:\n    main:\n      requiredApprovals: 2\n',
      '.github/settings.yml': BILLION_LAUGHS.split('\n').slice(2).join('\n'),
    });
    const report = await lint({ cwd: root });
    const found = report.diagnostics.filter((diagnostic) => diagnostic.file === '.github/settings.yml');
    expect(found.map(({ ruleId, line, column }) => [ruleId, line, column])).toEqual([
      ['protection-files-in-sync', 1, 1],
      ['yaml-syntax', 4, 8],
    ]);
    expect(found[0]?.message).toContain(
      'not valid YAML (the alias at line 4 expands beyond the limit of 100: a "billion laughs" file)',
    );
  });

  it('in gitops.yaml is a configuration error naming the alias line, exit 2', async () => {
    const root = repo({
      'gitops.yaml': [
        'kind: application',
        'tool: helm',
        'name: shop',
        ...BILLION_LAUGHS.split('\n')
          .slice(2, 6)
          .map((line) => `x${line}`),
        '',
      ].join('\n'),
    });
    const run = await cli(['lint'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/gitops\.yaml:7:9\b.*Aliases expand beyond the limit/);
  });
});
