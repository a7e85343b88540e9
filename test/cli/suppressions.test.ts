import { mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/api/lint.js';
import yamlSyntax from '../../rules/yaml-syntax.js';
import type { FileTree } from '../../src/testing/index.js';
import { cli, type CliRun } from '../helpers/cli.js';
import { git, gitInit } from '../helpers/git.js';
import { recordingRule } from '../helpers/recorder.js';
import { temporaryRepositories } from '../helpers/repositories.js';

const temporary = temporaryRepositories();

/** An application repository that is clean under every rule. */
const clean: FileTree = {
  'gitops.yaml': 'kind: application\ntool: argocd\nname: shop\n',
  'README.md': '# shop\n',
  'CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n\n## [0.1.0] - 2026-01-15\n\n- First release.\n',
  VERSION: '0.1.0\n',
  'deploy/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'deploy/base/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\n',
};

/** YAML with `n` duplicate keys: n yaml-syntax errors. */
function duplicates(n: number): string {
  return Array.from({ length: n }, (_, index) => `k${index}: 1\nk${index}: 2\n`).join('') + 'ok: 1\n';
}

const FILE = 'gitops-init-suppressions.json';

/** A git repository with `clean` and `files` (undefined removes a file of `clean`), committed. */
function repository(files: Record<string, string | undefined> = {}): string {
  const tree: Record<string, string | Buffer> = { ...clean };
  for (const [file, content] of Object.entries(files)) {
    if (content === undefined) delete tree[file];
    else tree[file] = content;
  }
  const root = temporary.repository(tree);
  gitInit(root);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial');
  return root;
}

function write(root: string, file: string, content: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), content);
}

const read = (root: string, file = FILE): string => readFileSync(path.join(root, file), 'utf8');

function run(root: string, ...args: string[]): Promise<CliRun> {
  return cli(['lint', ...args], { cwd: root });
}

/** The findings a stylish report lists, as "file rule" lines. */
function listed(stdout: string): string[] {
  const found: string[] = [];
  let file = '';
  for (const line of stdout.split('\n')) {
    if (/^\S/.test(line) && !line.startsWith('✖')) file = line;
    const match = /^\s+\d+:\d+\s+(?:error|warning)\s+.*\s(\S+)$/.exec(line);
    if (match) found.push(`${file} ${match[1]}`);
  }
  return found;
}

/** The lines of stderr that are not the written-file notice. */
function problems(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line !== '' && !/ (written|pruned): it suppresses /.test(line));
}

describe('lint --suppress-all', () => {
  it('records the errors per file and rule, sorted and reviewable, and the next run passes', async () => {
    const root = repository({ 'values/b.yaml': duplicates(2), 'values/a.yaml': duplicates(1), VERSION: undefined });
    const before = await run(root);
    expect(before.code).toBe(1);
    expect(listed(before.stdout)).toEqual([
      'VERSION required-paths',
      'values/a.yaml yaml-syntax',
      'values/b.yaml yaml-syntax',
      'values/b.yaml yaml-syntax',
    ]);

    const suppressing = await run(root, '--suppress-all');
    expect(suppressing).toEqual({
      code: 0,
      stdout: '',
      stderr: `gitops-init: ${FILE} written: it suppresses 4 errors in 3 files; commit it with the changes\n`,
    });
    // A repository-wide finding (a missing file) is suppressed by its rule and the file it names.
    expect(read(root)).toBe(
      [
        '{',
        '  "VERSION": {',
        '    "required-paths": {',
        '      "count": 1',
        '    }',
        '  },',
        '  "values/a.yaml": {',
        '    "yaml-syntax": {',
        '      "count": 1',
        '    }',
        '  },',
        '  "values/b.yaml": {',
        '    "yaml-syntax": {',
        '      "count": 2',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    expect(await run(root)).toEqual({ code: 0, stdout: '', stderr: '' });

    // Nothing new: the file is left as it is.
    const modified = statSync(path.join(root, FILE)).mtimeMs;
    expect(await run(root, '--suppress-all')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(statSync(path.join(root, FILE)).mtimeMs).toBe(modified);
  });

  it('makes no file when there is nothing to suppress, unless the file is named', async () => {
    const root = repository();
    expect(await run(root, '--suppress-all')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(() => statSync(path.join(root, FILE))).toThrow();
    const named = await run(root, '--suppress-all', '--suppressions-location', 'lint-suppressions.json');
    expect(named.stderr).toBe(
      'gitops-init: lint-suppressions.json written: it suppresses no errors; commit it with the changes\n',
    );
    expect(read(root, 'lint-suppressions.json')).toBe('{}\n');
    expect(await run(root, '--suppressions-location', 'lint-suppressions.json')).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
  });

  it('reports every error of a file and rule that has more than it suppresses, and only those', async () => {
    const root = repository({ 'values/a.yaml': duplicates(1), 'values/b.yaml': duplicates(2) });
    expect((await run(root, '--suppress-all')).code).toBe(0);
    write(root, 'values/b.yaml', duplicates(3));
    const after = await run(root);
    expect(after.code).toBe(1);
    expect(listed(after.stdout)).toEqual([
      'values/b.yaml yaml-syntax',
      'values/b.yaml yaml-syntax',
      'values/b.yaml yaml-syntax',
    ]);

    // Fewer errors than counted: suppressed, and the rest of the count is unused.
    write(root, 'values/b.yaml', duplicates(1));
    const fewer = await run(root);
    expect(fewer.stdout).toBe('');
    expect(fewer.code).toBe(2);
  });

  it('suppresses what remains after --fix', async () => {
    const root = repository({
      'gitops.yaml': 'kind: application\ntool: argocd\nname: shop\nversion: v0.1.0\n',
      'values/a.yaml': duplicates(1),
    });
    expect(listed((await run(root)).stdout)).toEqual(['gitops.yaml semver-valid', 'values/a.yaml yaml-syntax']);
    expect((await run(root, '--fix', '--suppress-all')).code).toBe(0);
    expect(read(root, 'gitops.yaml')).toContain('version: 0.1.0\n');
    expect(JSON.parse(read(root))).toEqual({ 'values/a.yaml': { 'yaml-syntax': { count: 1 } } });
  });

  it('suppresses a CODEOWNERS coverage finding by the file it is reported on, and ignores warnings', async () => {
    const root = repository({
      'gitops.yaml':
        'kind: application\ntool: argocd\nname: shop\nteams:\n  platform: "@acme/platform"\n  application: "@acme/shop"\n',
      '.github/CODEOWNERS': '/deploy/ @acme/shop\n',
    });
    const before = await run(root, '--rule', 'codeowners-critical-paths=warn');
    expect(listed(before.stdout)).toEqual([
      '.github/CODEOWNERS codeowners-critical-paths',
      '.github/CODEOWNERS codeowners-critical-paths',
      '.github/CODEOWNERS codeowners-unowned-files',
    ]);
    expect((await run(root, '--rule', 'codeowners-critical-paths=warn', '--suppress-all')).code).toBe(0);
    // Only errors are counted (as ESLint); the warnings stay in the report.
    expect(JSON.parse(read(root))).toEqual({ '.github/CODEOWNERS': { 'codeowners-unowned-files': { count: 1 } } });
    // The suppressions file is one more unowned file: the finding names it, and is still one finding.
    const after = await run(root, '--rule', 'codeowners-critical-paths=warn', '-f', 'json');
    expect(after.code).toBe(0);
    const [codeowners] = (
      JSON.parse(after.stdout) as { filePath: string; suppressedMessages: { message: string }[] }[]
    ).filter((result) => result.filePath.endsWith('CODEOWNERS'));
    expect(codeowners?.suppressedMessages.map((message) => message.message)).toEqual([
      expect.stringMatching(/^6 files have no code owner: .*, gitops-init-suppressions\.json and 1 more;/),
    ]);
  });
});

describe('unused suppressions', () => {
  it('fail the run with 2 and one line, until pruned or passed', async () => {
    const root = repository({ 'values/a.yaml': duplicates(1), 'values/b.yaml': duplicates(2) });
    expect((await run(root, '--suppress-all')).code).toBe(0);
    write(root, 'values/a.yaml', duplicates(0));
    write(root, 'values/b.yaml', duplicates(1));

    const unused = await run(root);
    expect(unused).toEqual({
      code: 2,
      stdout: '',
      stderr: `gitops-init: ${FILE} suppresses 2 errors that do not occur anymore: values/a.yaml yaml-syntax (1), values/b.yaml yaml-syntax (1); remove them with --prune-suppressions, or pass --pass-on-unpruned-suppressions to ignore unused suppressions\n`,
    });
    expect(await run(root, '--pass-on-unpruned-suppressions')).toEqual({ code: 0, stdout: '', stderr: '' });

    const pruning = await run(root, '--prune-suppressions');
    expect(pruning).toEqual({
      code: 0,
      stdout: '',
      stderr: `gitops-init: ${FILE} pruned: it suppresses 1 error in 1 file; commit it with the changes\n`,
    });
    expect(JSON.parse(read(root))).toEqual({ 'values/b.yaml': { 'yaml-syntax': { count: 1 } } });
    expect(await run(root)).toEqual({ code: 0, stdout: '', stderr: '' });

    // A file that is gone: its suppressions are unused, and pruning leaves an empty object.
    rmSync(path.join(root, 'values/b.yaml'));
    expect((await run(root)).code).toBe(2);
    expect((await run(root, '--prune-suppressions')).code).toBe(0);
    expect(read(root)).toBe('{}\n');
  });

  it('are judged with the errors of the run: with more errors in a file and rule, its count is used', async () => {
    const root = repository({ 'values/a.yaml': duplicates(1) });
    expect((await run(root, '--suppress-all')).code).toBe(0);
    write(root, 'values/a.yaml', duplicates(2));
    const more = await run(root, '--prune-suppressions');
    expect(more.code).toBe(1);
    expect(JSON.parse(read(root))).toEqual({ 'values/a.yaml': { 'yaml-syntax': { count: 1 } } });
  });

  it('include those of a rule that is off or no longer exists', async () => {
    const root = repository({ 'values/a.yaml': duplicates(1) });
    write(root, FILE, '{ "values/a.yaml": { "yaml-syntax": { "count": 1 }, "retired-rule": { "count": 2 } } }\n');
    const run1 = await run(root);
    expect(run1.code).toBe(2);
    expect(run1.stderr).toContain('values/a.yaml retired-rule (2)');
    const off = await run(root, '--rule', 'yaml-syntax=off');
    expect(off.stderr).toContain('values/a.yaml retired-rule (2), values/a.yaml yaml-syntax (1);');
  });
});

describe('lint --suppress-rule', () => {
  it("records the given rules' errors only, and adds to what the file holds", async () => {
    const root = repository({ 'values/a.yaml': duplicates(1), VERSION: undefined });
    const yaml = await run(root, '--suppress-rule', 'yaml-syntax');
    expect(yaml.code).toBe(1);
    expect(listed(yaml.stdout)).toEqual(['VERSION required-paths']);
    expect(JSON.parse(read(root))).toEqual({ 'values/a.yaml': { 'yaml-syntax': { count: 1 } } });

    expect((await run(root, '--suppress-rule', 'required-paths', '--suppress-rule', 'semver-valid')).code).toBe(0);
    expect(JSON.parse(read(root))).toEqual({
      VERSION: { 'required-paths': { count: 1 } },
      'values/a.yaml': { 'yaml-syntax': { count: 1 } },
    });
  });

  it('refuses an unknown rule, and flags that ESLint does not combine, in one line with 2', async () => {
    const root = repository({ 'values/a.yaml': duplicates(1) });
    for (const [args, message] of [
      [
        ['--suppress-rule', 'yaml-syntx'],
        '--suppress-rule "yaml-syntx": no such rule; run \'gitops-init rules\' for the list',
      ],
      [
        ['--suppress-all', '--suppress-rule', 'yaml-syntax'],
        '--suppress-all and --suppress-rule cannot be used together',
      ],
      [['--suppress-all', '--prune-suppressions'], '--suppress-all and --prune-suppressions cannot be used together'],
      [
        ['--suppress-rule', 'yaml-syntax', '--prune-suppressions'],
        '--suppress-rule and --prune-suppressions cannot be used together',
      ],
    ] as const) {
      const refused = await run(root, ...args);
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr.split('\n')).toEqual([expect.stringContaining(`gitops-init: ${message}`), '']);
    }
    expect(() => statSync(path.join(root, FILE))).toThrow();
  });
});

describe('suppressions with --staged', () => {
  it('judge only the files in the run, and repository rules over every file', async () => {
    const root = repository({ 'values/a.yaml': duplicates(1), 'values/b.yaml': duplicates(1), VERSION: undefined });
    expect((await run(root, '--suppress-all')).code).toBe(0);
    git(root, 'add', FILE);
    git(root, 'commit', '-q', '-m', 'suppressions');

    // a.yaml is fixed in the working tree only; the commit is about c.yaml.
    write(root, 'values/a.yaml', duplicates(0));
    write(root, 'values/c.yaml', 'c: 1\n');
    git(root, 'add', 'values/c.yaml');
    expect(await run(root, '--staged')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await run(root)).stderr).toContain('values/a.yaml yaml-syntax (1)');

    // Staged, the fix makes its suppression unused; pruning with --staged keeps b.yaml's, which the run did not judge.
    git(root, 'add', 'values/a.yaml');
    const staged = await run(root, '--staged');
    expect(staged.code).toBe(2);
    expect(problems(staged.stderr)).toEqual([
      expect.stringMatching(/suppresses 1 error that does not occur anymore: values\/a\.yaml yaml-syntax \(1\);/),
    ]);
    expect((await run(root, '--staged', '--prune-suppressions')).code).toBe(0);
    expect(JSON.parse(read(root))).toEqual({
      VERSION: { 'required-paths': { count: 1 } },
      'values/b.yaml': { 'yaml-syntax': { count: 1 } },
    });

    // A repository rule sees the whole index: turning it off in the staged gitops.yaml leaves
    // VERSION's suppression unused, though VERSION is not staged.
    write(root, 'gitops.yaml', 'kind: application\ntool: argocd\nname: shop\nrules:\n  required-paths: off\n');
    git(root, 'add', 'gitops.yaml', FILE);
    const off = await run(root, '--staged');
    expect(off.code).toBe(2);
    expect(off.stderr).toContain('VERSION required-paths (1)');
  });
});

describe('suppressions with --cache', () => {
  it('apply to cached findings: a changed suppressions file takes effect on a warm cache', async () => {
    const root = repository({ 'values/a.yaml': duplicates(1), 'values/b.yaml': duplicates(1) });
    write(root, '.gitignore', '.gitops-init-cache/\n');
    expect((await run(root, '--cache', '--suppress-all')).code).toBe(0);
    expect(await run(root, '--cache')).toEqual({ code: 0, stdout: '', stderr: '' });

    write(root, FILE, '{ "values/b.yaml": { "yaml-syntax": { "count": 1 } } }\n');
    const changed = await run(root, '--cache');
    expect(changed.code).toBe(1);
    expect(listed(changed.stdout)).toEqual(['values/a.yaml yaml-syntax']);
  });

  it("reuses the rules' stored results, and the whole last run when the suppressions file is not linted", async () => {
    const { rule: recorder, checked } = recordingRule();
    const ruleSet = [yamlSyntax, recorder];
    const root = repository({
      'values/a.yaml': duplicates(1),
      'values/b.yaml': duplicates(1),
      'gitops.yaml': 'kind: application\ntool: argocd\nname: shop\nignores: [".lint/**"]\n',
    });
    const location = '.lint/suppressions.json';
    const found = async (options: { suppressAll?: boolean } = {}): Promise<string[]> => {
      checked.length = 0;
      const report = await lint({ cwd: root, ruleSet, cache: true, suppressionsLocation: location, ...options });
      return report.diagnostics.map((d) => `${d.file} ${d.ruleId ?? ''}`);
    };
    expect(await found({ suppressAll: true })).toEqual([]);
    expect(checked.length).toBeGreaterThan(0);
    expect(await found()).toEqual([]);
    expect(checked).toEqual([]);

    write(root, location, '{ "values/b.yaml": { "yaml-syntax": { "count": 1 } } }\n');
    expect(await found()).toEqual(['values/a.yaml yaml-syntax']);
    expect(checked).toEqual([]);
  });
});

describe('suppressed findings in the formats', () => {
  async function suppressedRepository(): Promise<string> {
    const root = repository({ 'values/a.yaml': 'onlyina: 1\nonlyina: 2\n', 'values/b.yaml': duplicates(1) });
    expect((await run(root, '--suppress-rule', 'yaml-syntax')).code).toBe(0);
    write(root, 'values/b.yaml', duplicates(2));
    return root;
  }

  it('SARIF keeps them as results marked suppressed (external, accepted), as code scanning expects', async () => {
    const root = await suppressedRepository();
    const report = await run(root, '-f', 'sarif');
    expect(report.code).toBe(1);
    const log = JSON.parse(report.stdout) as {
      runs: {
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
          suppressions?: unknown[];
        }[];
      }[];
    };
    const results = log.runs[0]?.results ?? [];
    expect(
      results.map((result) => [result.locations[0]?.physicalLocation.artifactLocation.uri, result.suppressions]),
    ).toEqual([
      [
        'values/a.yaml',
        [{ kind: 'external', status: 'accepted', justification: `accepted in ${FILE} (bulk suppressions)` }],
      ],
      ['values/b.yaml', undefined],
      ['values/b.yaml', undefined],
    ]);
  });

  it("JSON carries them as ESLint's suppressedMessages; the other formats leave them out", async () => {
    const root = await suppressedRepository();
    const json = await run(root, '-f', 'json');
    const results = JSON.parse(json.stdout) as {
      filePath: string;
      messages: unknown[];
      suppressedMessages: { ruleId: string; suppressions: unknown[] }[];
      errorCount: number;
    }[];
    const a = results.find((result) => result.filePath === path.join(root, 'values/a.yaml'));
    expect(a).toMatchObject({
      messages: [],
      errorCount: 0,
      suppressedMessages: [
        {
          ruleId: 'yaml-syntax',
          suppressions: [{ kind: 'file', justification: `accepted in ${FILE} (bulk suppressions)` }],
        },
      ],
    });
    for (const format of ['stylish', 'github', 'gitlab', 'junit']) {
      const output = (await run(root, '-f', format)).stdout;
      expect(output).toContain('values/b.yaml');
      expect(output, format).toMatch(/Duplicate key \S*k1/);
      expect(output, format).not.toContain('onlyina');
    }
  });
});

describe('a suppressions file that is not one', () => {
  it.each([
    ['not JSON', '{\n  "values/a.yaml": {},\n}\n', `${FILE} is not valid JSON at line 3, column 1;`],
    ['cut short', '{ "values/a.yaml": ', `${FILE} is not valid JSON (it ends too early);`],
    ['an array', '[]\n', `${FILE}: the file holds no JSON object; expected`],
    [
      'a count of 0',
      '{ "values/a.yaml": { "yaml-syntax": { "count": 0 } } }',
      `${FILE}: "values/a.yaml" "yaml-syntax" has "count": 0, not a whole number from 1;`,
    ],
    [
      'a rule without a count',
      '{ "values/a.yaml": { "yaml-syntax": 1 } }',
      `${FILE}: "values/a.yaml" "yaml-syntax" has no "count";`,
    ],
    ['a file without rules', '{ "values/a.yaml": 3 }', `${FILE}: "values/a.yaml" is not an object of rule ids;`],
  ])('%s is one line naming it, exit 2', async (_name, content, message) => {
    const root = repository({ 'values/a.yaml': duplicates(1) });
    write(root, FILE, content);
    const refused = await run(root);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.split('\n')).toEqual([expect.stringContaining(`gitops-init: ${message}`), '']);
  });

  it('a directory, or a link out of the repository, is one line naming it, exit 2, and never written', async () => {
    const root = repository({ 'values/a.yaml': duplicates(1) });
    mkdirSync(path.join(root, FILE));
    for (const args of [[], ['--suppress-all']]) {
      const refused = await run(root, ...args);
      expect(refused).toEqual({
        code: 2,
        stdout: '',
        stderr: `gitops-init: ${FILE} is not a regular file (a directory?); the suppressions file is a JSON file: remove what is there, or give another file with --suppressions-location\n`,
      });
    }
    rmSync(path.join(root, FILE), { recursive: true });

    const outside = temporary.repository({ 'elsewhere.json': '{}\n' });
    symlinkSync(path.join(outside, 'elsewhere.json'), path.join(root, FILE));
    for (const args of [[], ['--suppress-all']]) {
      const refused = await run(root, ...args);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toBe(
        `gitops-init: ${FILE}: ${FILE} is a symbolic link that leads outside the repository; gitops-init does not read suppressions from outside it: replace the link with the file\n`,
      );
    }
    expect(read(outside, 'elsewhere.json')).toBe('{}\n');
  });
});

describe('--suppressions-location', () => {
  it('keeps the suppressions elsewhere in the repository, relative to the directory lint runs in', async () => {
    const root = repository({ 'values/a.yaml': duplicates(1) });
    const location = '../.config/lint-suppressions.json';
    const subdirectory = path.join(root, 'values');
    const suppressing = await cli(['lint', '--suppress-all', '--suppressions-location', location], {
      cwd: subdirectory,
    });
    expect(suppressing.code).toBe(0);
    expect(suppressing.stderr).toContain('.config/lint-suppressions.json written');
    expect(JSON.parse(read(root, '.config/lint-suppressions.json'))).toEqual({
      'values/a.yaml': { 'yaml-syntax': { count: 1 } },
    });
    expect(() => statSync(path.join(root, FILE))).toThrow();

    expect((await run(root)).code).toBe(1);
    expect(await run(root, '--suppressions-location', '.config/lint-suppressions.json')).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
  });

  it('refuses a given file that does not exist (unless suppressing), and one outside the repository', async () => {
    const root = repository({ 'values/a.yaml': duplicates(1) });
    expect(await run(root, '--suppressions-location', 'missing.json')).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'gitops-init: the suppressions file missing.json (--suppressions-location) does not exist; create it with --suppress-all or --suppress-rule\n',
    });
    const outside = path.join(os.tmpdir(), 'gitops-init-suppressions-outside.json');
    const refused = await run(root, '--suppress-all', '--suppressions-location', outside);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `gitops-init: --suppressions-location "${outside}" is outside the repository ${root}; give a file in the repository, where the suppressions are reviewed and committed with the files they are about\n`,
    );
    expect(() => statSync(outside)).toThrow();
  });
});

describe('two runs at once', () => {
  it("keep each other's counts: each reads and writes the file under the repository lock", async () => {
    const root = repository({ 'values/a.yaml': duplicates(1), VERSION: undefined });
    await Promise.all([
      lint({ cwd: root, suppressRules: ['yaml-syntax'] }),
      lint({ cwd: root, suppressRules: ['required-paths'] }),
    ]);
    expect(JSON.parse(read(root))).toEqual({
      VERSION: { 'required-paths': { count: 1 } },
      'values/a.yaml': { 'yaml-syntax': { count: 1 } },
    });
  });
});

describe('the API', () => {
  it('returns the suppressed findings and the unused suppressions as data, naming options by key', async () => {
    const root = repository({ 'values/a.yaml': duplicates(2) });
    await lint({ cwd: root, suppressAll: true });
    write(root, 'values/a.yaml', duplicates(1));
    const report = await lint({ cwd: root });
    expect(report.diagnostics).toEqual([]);
    expect(report.suppressed.map((d) => `${d.file}:${d.line ?? 0} ${d.ruleId ?? ''}`)).toEqual([
      'values/a.yaml:2 yaml-syntax',
    ]);
    expect(report.suppressions).toEqual({
      file: path.join(root, FILE),
      written: false,
      unused: { 'values/a.yaml': { 'yaml-syntax': { count: 1 } } },
      problem: `${FILE} suppresses 1 error that does not occur anymore: values/a.yaml yaml-syntax (1); remove it with pruneSuppressions, or pass passOnUnprunedSuppressions to ignore unused suppressions`,
    });
    const passed = await lint({ cwd: root, passOnUnprunedSuppressions: true });
    expect(passed.suppressions?.problem).toBeUndefined();
    expect(passed.suppressions?.unused).toEqual({ 'values/a.yaml': { 'yaml-syntax': { count: 1 } } });
  });
});
