import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRules } from '../../src/api/rules.js';
import type { FileTree } from '../../src/testing/index.js';
import { temporaryTrees } from '../helpers/trees.js';
import { cli, runBin } from '../helpers/cli.js';

const repo = temporaryTrees();

const version = (
  JSON.parse(readFileSync(path.join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }
).version;
const cleanApp = {
  'gitops.yaml': 'kind: application\ntool: argocd\nname: shop\n',
  'README.md': '# shop\n',
  'CHANGELOG.md': '# Changelog\n\n## [0.1.0] - 2026-01-15\n',
  VERSION: '0.1.0\n',
  'deploy/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'deploy/base/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\n',
};

describe('global behaviour', () => {
  it('prints the version', async () => {
    const run = await cli(['--version'], { cwd: '/' });
    expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints help, and help for a command', async () => {
    const top = await cli(['--help'], { cwd: '/' });
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Usage: gitops-init');
    expect(top.stdout).toMatch(/lint \[options\] \[paths\.\.\.\]/);
    expect(top.stdout).toContain('-C, --cwd <dir>');
    const help = await cli(['help', 'lint'], { cwd: '/' });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--max-warnings <n>');
  });

  it('help of an unknown command is an unknown command, with the closest one, exit 2', async () => {
    const run = await cli(['help', 'lnt'], { cwd: '/' });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^gitops-init: unknown command 'lnt'.*lint.*\n$/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('names an unknown command and the closest one on one line, exit 2', async () => {
    const run = await cli(['lnt'], { cwd: '/' });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain("unknown command 'lnt'");
    expect(run.stderr).toContain('lint');
  });

  it('names an unknown flag and the closest one on one line, exit 2', async () => {
    const root = repo(cleanApp);
    const run = await cli(['lint', '--fromat', 'json'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain("'--fromat'");
    expect(run.stderr).toContain('--format');
  });

  it('rejects a bad value for a choice or number flag with exit 2', async () => {
    const root = repo(cleanApp);
    for (const argv of [
      ['lint', '--kind', 'platform'],
      ['lint', '--max-warnings', 'many'],
      ['lint', '--rule', 'yaml-syntax'],
    ]) {
      const run = await cli(argv, { cwd: root });
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr.trimEnd().split('\n'), argv.join(' ')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('runs in another directory with -C, before or after the command', async () => {
    const root = repo(cleanApp);
    expect((await cli(['-C', root, 'lint'], { cwd: '/' })).code).toBe(0);
    expect((await cli(['lint', '--cwd', root], { cwd: '/' })).code).toBe(0);
    const missing = await cli(['-C', path.join(root, 'nope'), 'lint'], { cwd: '/' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist');
  });
});

describe('rules', () => {
  it('lists every rule with category, default severity and description', async () => {
    const run = await cli(['rules'], { cwd: '/' });
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^RULE\s+CATEGORY\s+DEFAULT\s+DESCRIPTION$/);
    for (const rule of listRules()) {
      expect(
        lines.some(
          (line) => line.startsWith(rule.id) && line.includes(rule.description) && line.includes(rule.category),
        ),
      ).toBe(true);
    }
  });

  it('prints JSON with --json', async () => {
    const run = await cli(['rules', '--json'], { cwd: '/' });
    const parsed = JSON.parse(run.stdout) as { id: string; severity: string; docs: string }[];
    expect(parsed.map((rule) => rule.id)).toEqual(listRules().map((rule) => rule.id));
    expect(parsed[0]?.docs).toMatch(/docs\/rules\/.+\.md$/);
  });
});

describe('lint', () => {
  it('exits 0 on a clean repository and prints nothing', async () => {
    const run = await cli(['lint'], { cwd: repo(cleanApp) });
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 1 on errors and shows them in stylish form', async () => {
    const root = repo({
      ...cleanApp,
      'deploy/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - service.yaml\n',
    });
    const run = await cli(['lint'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('deploy/base/kustomization.yaml');
    expect(run.stdout).toMatch(/3:5\s+error\s+resources entry "service\.yaml" does not exist/);
    expect(run.stdout).toContain('kustomization-resources-exist');
    expect(run.stdout).toContain('1 problem (1 error, 0 warnings)');
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('colours only on a terminal, and honours NO_COLOR and FORCE_COLOR', async () => {
    const root = repo({ ...cleanApp, 'bad.yaml': 'a: 1\na: 2\n' });
    expect((await cli(['lint'], { cwd: root, isTTY: true })).stdout).toContain('\u001b[');
    expect((await cli(['lint'], { cwd: root, isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await cli(['lint'], { cwd: root, isTTY: false, env: { FORCE_COLOR: '1' } })).stdout).toContain('\u001b[');
  });

  it('treats warnings as clean unless --max-warnings is exceeded', async () => {
    const root = repo({
      ...cleanApp,
      'gitops.yaml': 'kind: application\ntool: argocd\nname: shop\nrules:\n  yaml-syntax: warn\n',
      'bad.yaml': 'a: 1\na: 2\n',
    });
    expect((await cli(['lint'], { cwd: root })).code).toBe(0);
    const over = await cli(['lint', '--max-warnings', '0'], { cwd: root });
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('too many warnings (maximum: 0)');
    expect((await cli(['lint', '--max-warnings', '1'], { cwd: root })).code).toBe(0);
    const quiet = await cli(['lint', '--quiet'], { cwd: root });
    expect(quiet).toMatchObject({ code: 0, stdout: '' });
  });

  it('writes ESLint-shaped JSON, to a file with --output-file', async () => {
    const root = repo({ ...cleanApp, 'bad.yaml': 'a: 1\na: 2\n' });
    const run = await cli(['lint', '--format', 'json', '--output-file', 'out/report.json'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const results = JSON.parse(readFileSync(path.join(root, 'out/report.json'), 'utf8')) as {
      filePath: string;
      messages: { ruleId: string; line: number; column: number; severity: number }[];
      errorCount: number;
    }[];
    const bad = results.find((result) => result.filePath === path.join(root, 'bad.yaml'));
    expect(bad).toMatchObject({
      errorCount: 1,
      messages: [{ ruleId: 'yaml-syntax', severity: 2, line: 2, column: 1 }],
    });
  });

  it('reports a missing required path with the path that should exist', async () => {
    const files: FileTree = Object.fromEntries(Object.entries(cleanApp).filter(([file]) => file !== 'VERSION'));
    const root = repo(files);
    const run = await cli(['lint', '--format', 'json'], { cwd: root });
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    expect(results.find((result) => result.filePath === path.join(root, 'VERSION'))?.messages[0]?.ruleId).toBe(
      'required-paths',
    );
  });

  it('says how to add a descriptor when there is none, and runs kind-independent rules', async () => {
    const root = repo({ 'bad.yaml': 'a: [\n' });
    const run = await cli(['lint'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('gitops-init new');
    expect(run.stderr).toContain('--kind');
    expect(run.stdout).toContain('yaml-syntax');
    expect(run.stdout).not.toContain('required-paths');
    const withKind = await cli(['lint', '--kind', 'application', '--format', 'json'], { cwd: root });
    expect(withKind.stdout).toContain('required-paths');
  });

  it('lints only the given paths, and refuses a path that does not exist', async () => {
    const root = repo({ ...cleanApp, 'a/bad.yaml': 'x: 1\nx: 2\n', 'b/bad.yaml': 'x: 1\nx: 2\n' });
    const run = await cli(['lint', 'a', '--format', 'json'], { cwd: root });
    const results = JSON.parse(run.stdout) as { filePath: string; errorCount: number }[];
    expect(
      results.filter((result) => result.errorCount > 0).map((result) => path.relative(root, result.filePath)),
    ).toEqual(['a/bad.yaml']);
    const glob = await cli(['lint', 'b/*.yaml', '--format', 'json'], { cwd: root });
    expect(
      (JSON.parse(glob.stdout) as { filePath: string; errorCount: number }[]).filter((r) => r.errorCount > 0),
    ).toHaveLength(1);
    const missing = await cli(['lint', 'nope.yaml'], { cwd: root });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      'gitops-init: path "nope.yaml" does not exist; give an existing file or directory, or a glob\n',
    );
  });

  it('lists every problem of an invalid gitops.yaml with its line, exit 2', async () => {
    const root = repo({
      'gitops.yaml':
        'kind: infra\ntool: flux\nname: Platform\nteams:\n  platform: acme-platform\nrules:\n  yaml-syntx: error\n',
    });
    const run = await cli(['lint'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('gitops.yaml:1:7: "kind" must be one of "infrastructure", "application"');
    expect(run.stderr).toContain('gitops.yaml:3:7: "name" is "Platform", not a name');
    expect(run.stderr).toContain('gitops.yaml:5:13: "teams.platform" is "acme-platform", not a team (@org/team)');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects an unknown rule and invalid rule options in gitops.yaml', async () => {
    const root = repo({
      ...cleanApp,
      'gitops.yaml':
        'kind: application\ntool: argocd\nname: shop\nrules:\n  yaml-syntx: error\n  required-paths: [error, {pathz: []}]\n',
    });
    const run = await cli(['lint'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('gitops.yaml:5: unknown rule "yaml-syntx"; did you mean "yaml-syntax"?');
    expect(run.stderr).toMatch(/gitops\.yaml:6: options of rule "required-paths": unknown property "pathz"/);
  });

  it('refuses options for a rule that takes none, one line per place in gitops.yaml, exit 2', async () => {
    const root = repo({
      ...cleanApp,
      'gitops.yaml': [
        'kind: application',
        'tool: argocd',
        'name: shop',
        'rules:',
        '  image-tag-pinned:',
        '    - error',
        '    - nope: 1',
        'overrides:',
        '  - files: ["deploy/**"]',
        '    rules:',
        '      namespace-allowed: [warn, {}, []]',
        '',
      ].join('\n'),
    });
    const run = await cli(['lint'], { cwd: root });
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        'gitops-init: gitops.yaml has invalid rule settings:',
        '  gitops.yaml:7: options of rule "image-tag-pinned": the rule takes no options; remove them',
        '  gitops.yaml:11: options of rule "namespace-allowed": the rule takes no options; remove them',
        '',
      ].join('\n'),
    });
  });

  it('names the option and the property of invalid rule options, and the options too many', async () => {
    const root = repo({
      ...cleanApp,
      'gitops.yaml':
        'kind: application\ntool: argocd\nname: shop\nrules:\n  required-paths: [error, {nope: 1, paths: [3]}, extra]\n',
    });
    const run = await cli(['lint'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^gitops-init: gitops\.yaml has invalid rule settings:\n/);
    expect(run.stderr.split('\n').slice(1).sort()).toEqual([
      '',
      '  gitops.yaml:5: options of rule "required-paths": "paths.0" of option 1 must be of type string',
      '  gitops.yaml:5: options of rule "required-paths": the rule takes at most 1 option; remove the rest',
      '  gitops.yaml:5: options of rule "required-paths": unknown property "nope" in option 1',
    ]);
  });

  it('takes only a severity from --rule: options there are refused on one line, exit 2', async () => {
    const root = repo(cleanApp);
    const run = await cli(['lint', '--rule', 'image-tag-pinned=[error, {nope: 1}]'], { cwd: root });
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'gitops-init: --rule "image-tag-pinned=[error, {nope: 1}]": expected <rule-id>=<off|warn|error>, e.g. --rule required-paths=warn\n',
    });
    expect(
      await cli(['lint', '--rule', 'image-tag-pinned=error', '--rule', 'namespace-allowed=warn'], { cwd: root }),
    ).toMatchObject({ code: 0, stderr: '' });
  });

  it('names --rule, not gitops.yaml, for an unknown rule given on the command line', async () => {
    const root = repo(cleanApp);
    expect(await cli(['lint', '--rule', 'yaml-syntx=error'], { cwd: root })).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'gitops-init: --rule: unknown rule "yaml-syntx"; did you mean "yaml-syntax"? Run \'gitops-init rules\' for the list\n',
    });
    expect(await cli(['lint', '--rule', 'nosuch=off'], { cwd: root })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'gitops-init: --rule: unknown rule "nosuch"; run \'gitops-init rules\' for the list\n',
    });
  });

  it("refuses an --output-file that cannot be written, at once (Node's recursive mkdir never returns under /proc)", async () => {
    const run = await cli(['lint', '--format', 'sarif', '--output-file', '/proc/gitops-init/report.sarif'], {
      cwd: repo(cleanApp),
    });
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe('gitops-init: --output-file "/proc/gitops-init/report.sarif": cannot write (ENOENT)\n');
  });

  it('refuses an unknown --format with one line, exit 2', async () => {
    const run = await cli(['lint', '--format', 'nosuch'], { cwd: repo(cleanApp) });
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('eslint-formatter-nosuch');
  });

  it('prints a please-report line, the version and the stack for an internal error', async () => {
    const root = repo({
      ...cleanApp,
      'node_modules/eslint-formatter-broken/package.json': '{"name":"eslint-formatter-broken","main":"index.js"}',
      'node_modules/eslint-formatter-broken/index.js': 'module.exports = () => { throw new Error("boom"); };\n',
    });
    const run = await cli(['lint', '--format', 'broken'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('internal error: boom');
    expect(run.stderr).toContain('please report');
    expect(run.stderr).toContain(`gitops-init ${version}`);
    expect(run.stderr).toMatch(/\n\s+at /);
  });
});

describe('the real bin', () => {
  it('runs, prints the version and lints with the exit code of findings', async () => {
    const root = repo({ ...cleanApp, 'bad.yaml': 'a: 1\na: 2\n' });
    expect(await runBin(['--version'], { cwd: root })).toMatchObject({ code: 0, stdout: `${version}\n` });
    const run = await runBin(['lint', '--format', 'github'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error file=bad.yaml,line=2');
  });
});
