import { unlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/api/lint.js';
import yamlSyntax from '../../rules/yaml-syntax.js';
import { cli, runBin } from '../helpers/cli.js';
import { git, gitInit } from '../helpers/git.js';
import { temporaryRepositories } from '../helpers/repositories.js';

const repo = temporaryRepositories().repository;

const duplicate = 'a: 1\na: 2\n';

/** Notice lines, without the one about the missing gitops.yaml (these repositories have none). */
function notices(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line !== '' && !line.includes('No gitops.yaml'));
}

describe('lint <files...> as the pre-commit framework calls it', () => {
  it('lints thousands of file names given on the command line', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 3000; index += 1)
      files[`manifests/team-${index % 30}/config-${index}.yaml`] = `index: ${index}\n`;
    files['manifests/team-7/config-7.yaml'] = duplicate;
    const root = repo(files);
    const names = Object.keys(files);
    const run = await runBin(['lint', '--format', 'json', ...names], { cwd: root, timeoutMs: 30_000 });
    expect(notices(run.stderr)).toEqual([]);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as { filePath: string; errorCount: number }[];
    expect(results).toHaveLength(3000);
    expect(
      results.filter((result) => result.errorCount > 0).map((result) => path.relative(root, result.filePath)),
    ).toEqual(['manifests/team-7/config-7.yaml']);
  });

  it('skips named files that git knows but that are deleted, with one notice line', async () => {
    const root = repo({ 'a.yaml': 'a: 1\n', 'gone.yaml': 'g: 1\n', 'removed.yaml': 'r: 1\n', 'bad.yaml': duplicate });
    gitInit(root);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'initial');
    unlinkSync(path.join(root, 'gone.yaml'));
    git(root, 'rm', '-q', 'removed.yaml');
    const run = await cli(['lint', 'a.yaml', 'gone.yaml', 'removed.yaml', 'bad.yaml'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('bad.yaml');
    expect(notices(run.stderr)).toEqual(['gitops-init: deleted, not linted: gone.yaml, removed.yaml']);
    const report = await lint({ cwd: root, paths: ['a.yaml', 'gone.yaml'], ruleSet: [yamlSyntax] });
    expect(report.results.map((result) => path.relative(root, result.filePath))).toEqual(['a.yaml']);
  });

  it('still refuses a name that neither the working tree nor git knows', async () => {
    const root = repo({ 'a.yaml': 'a: 1\n' });
    gitInit(root);
    git(root, 'add', '-A');
    const run = await cli(['lint', 'a.yaml', 'typo.yaml'], { cwd: root });
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'gitops-init: path "typo.yaml" does not exist; give an existing file or directory, or a glob\n',
    });
  });

  it('sums up named files that are ignored in one line', async () => {
    const names = Array.from({ length: 8 }, (_, index) => `build/out-${index}.yaml`);
    const root = repo({
      '.gitignore': 'build/\n',
      ...Object.fromEntries(names.map((name) => [name, duplicate])),
      'ok.yaml': 'a: 1\n',
    });
    const run = await cli(['lint', 'ok.yaml', ...names], { cwd: root });
    expect(run.stdout).not.toContain('build/');
    expect(notices(run.stderr)).toEqual([
      'gitops-init: ignored (by .gitignore or ignores in gitops.yaml), not linted: build/out-0.yaml, build/out-1.yaml, build/out-2.yaml, build/out-3.yaml, build/out-4.yaml and 3 more',
    ]);
  });
});
