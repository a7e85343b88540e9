import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli } from '../helpers/cli.js';
import {
  directories,
  expectKustomizationsBuild,
  expectLintClean,
  kubectlAvailable,
  scaffoldFixture,
  tree,
} from '../helpers/day2.js';

const hasKubectl = kubectlAvailable('add env');

const kinds = ['infrastructure', 'application'] as const;
const tools = ['argocd', 'flux', 'helm'] as const;

let base: string;
beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'gitops-init-day2-'));
});
afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

function generate(directory: string, kind: string, tool: string, host: string, envs: string): Promise<string> {
  return scaffoldFixture(path.join(base, directory), { kind, tool, host, envs });
}

describe.each(kinds)('%s repository', (kind) => {
  describe.each(tools)('for %s', (tool) => {
    // Both hosts: their protection and CI files differ.
    const host = (kind === 'infrastructure') === (tool === 'flux') ? 'gitlab' : 'github';
    const id = `${kind}-${tool}`;
    let original: string;
    let expected: string;
    let work: string;
    beforeAll(async () => {
      original = await generate(`${id}-original`, kind, tool, host, 'dev,staging,production');
      expected = await generate(`${id}-expected`, kind, tool, host, 'dev,qa,staging,production');
      work = path.join(base, `${id}-work`);
      cpSync(original, work, { recursive: true });
    });

    it(`add env qa --after dev writes what new --envs dev,qa,staging,production writes (${host})`, async () => {
      const run = await cli(['add', 'env', 'qa', '--after', 'dev', '-C', work], { cwd: base });
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(/^Added environment qa: \d+ files changed\./);
      expect(run.stdout).toContain('environments: dev -> qa -> staging -> production');
      const after = tree(work);
      expect(after).toEqual(tree(expected));
      expect((parse(after['gitops.yaml'] ?? '') as { environments: string[] }).environments).toEqual([
        'dev',
        'qa',
        'staging',
        'production',
      ]);
    });

    it('leaves a repository that lints clean', async () => {
      await expectLintClean(work);
    });

    it.runIf(hasKubectl)('leaves every kustomization building with kubectl kustomize', () => {
      if (tool !== 'helm')
        expect(Object.keys(tree(work)).some((file) => /qa\/.*kustomization\.yaml$/.test(file))).toBe(true);
      expectKustomizationsBuild(work);
    });

    it('changes nothing the second time, and says so', async () => {
      const before = tree(work);
      const run = await cli(['add', 'env', 'qa', '--after', 'dev', '-C', work], { cwd: base });
      expect(run).toEqual({
        code: 0,
        stdout: 'Nothing to change: environment qa is already there with all its files.\n',
        stderr: '',
      });
      expect(tree(work)).toEqual(before);
    });

    it('remove env qa brings the tree back to the original, byte for byte', async () => {
      const run = await cli(['remove', 'env', 'qa', '-C', work], { cwd: base });
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(/^Removed environment qa: \d+ files changed\./);
      expect(run.stdout).toMatch(/^ {2}delete {2}\S*qa/m);
      expect(tree(work)).toEqual(tree(original));
      expect(directories(work)).toEqual(directories(original));
    });

    it('--dry-run prints the plan with the diff of gitops.yaml and writes nothing', async () => {
      const run = await cli(['add', 'env', 'qa', '--dry-run', '-C', work], { cwd: base });
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(/^Plan to add environment qa \(dry run, nothing written\):\n/);
      expect(run.stdout).toMatch(/^ {2}create {2}\S*qa/m);
      // Without --after: before the last environment.
      expect(run.stdout).toContain('  modify  gitops.yaml\n--- a/gitops.yaml\n+++ b/gitops.yaml\n@@ -');
      expect(run.stdout).toMatch(/^ {3}- "staging"\n\+ {2}- "qa"\n {3}- "production"$/m);
      expect(run.stdout).toContain('environments: dev -> staging -> qa -> production');
      expect(tree(work)).toEqual(tree(original));
    });
  });
});

describe('files changed by hand', () => {
  let root: string;
  beforeAll(async () => {
    root = await generate('changed', 'application', 'flux', 'github', 'dev,staging,production');
    expect((await cli(['add', 'env', 'qa', '-C', root], { cwd: base })).code).toBe(0);
  });

  it('remove env --force deletes a file the user changed', async () => {
    const changed = path.join(root, 'deploy/overlays/qa/kustomization.yaml');
    writeFileSync(changed, `${readFileSync(changed, 'utf8')}# tuned for qa\n`);
    const run = await cli(['remove', 'env', 'qa', '--force', '-C', root], { cwd: base });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('Kept');
    expect(Object.keys(tree(root)).filter((file) => file.includes('qa'))).toEqual([]);
  });

  it('remove env keeps and lists a file the user changed', async () => {
    expect((await cli(['add', 'env', 'qa', '-C', root], { cwd: base })).code).toBe(0);
    const changed = path.join(root, 'deploy/overlays/qa/kustomization.yaml');
    writeFileSync(changed, `${readFileSync(changed, 'utf8')}# tuned for qa\n`);
    const run = await cli(['remove', 'env', 'qa', '-C', root], { cwd: base });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Kept 1 file changed since gitops-init generated it (delete it by hand if no longer needed; --force deletes such files):\n  deploy/overlays/qa/kustomization.yaml\n',
    );
    expect(readFileSync(changed, 'utf8')).toContain('# tuned for qa');
    expect(Object.keys(tree(root)).filter((file) => file.includes('qa'))).toEqual([
      'deploy/overlays/qa/kustomization.yaml',
    ]);
    expect(readFileSync(path.join(root, 'gitops.yaml'), 'utf8')).not.toContain('"qa"');
  });

  it('add env refuses, exit 1 and nothing written, where a file it would create holds something else', async () => {
    const before = tree(root);
    const run = await cli(['add', 'env', 'qa', '-C', root], { cwd: base });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nothing was written');
    expect(run.stderr).toContain('  deploy/overlays/qa/kustomization.yaml');
    expect(tree(root)).toEqual(before);
    rmSync(path.join(root, 'deploy/overlays/qa'), { recursive: true });
  });

  it('keeps comments and layout of gitops.yaml when it edits the environments', async () => {
    const file = path.join(root, 'gitops.yaml');
    const edited = readFileSync(file, 'utf8')
      .replace('environments:\n', '# promotion order\nenvironments:   # top to bottom\n')
      .replace('"production"', "'production'  # the real one");
    writeFileSync(file, edited);
    const run = await cli(['add', 'env', 'qa', '--after', 'staging', '-C', root], { cwd: base });
    expect(run.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(edited.replace(`  - 'production'`, `  - "qa"\n  - 'production'`));
    expect((await cli(['remove', 'env', 'qa', '-C', root], { cwd: base })).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(edited);
  });
});

describe('links out of the repository', () => {
  it('add env refuses to write through one, exit 1, and writes nothing, gitops.yaml included', async () => {
    const root = await generate('linked', 'infrastructure', 'flux', 'github', 'dev,staging,production');
    const outside = mkdtempSync(path.join(base, 'outside-'));
    symlinkSync(outside, path.join(root, 'tenants', 'qa'));
    const before = tree(root);
    const run = await cli(['add', 'env', 'qa', '--after', 'dev', '-C', root], { cwd: base });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^gitops-init: tenants\/qa is a symbolic link that leads outside the repository/);
    expect(tree(root)).toEqual(before);
    expect(readdirSync(outside)).toEqual([]);
  });
});

describe('bad input: one line, exit 2, nothing written', () => {
  let root: string;
  beforeAll(async () => {
    root = await generate('bad', 'infrastructure', 'argocd', 'github', 'dev,staging,production');
  });

  it.each([
    [['add', 'env', 'QA'], /^gitops-init: environment "QA": not a DNS label/],
    [['add', 'env', 'qa', '--after', 'test'], /^gitops-init: --after "test": not an environment of this repository/],
    [
      ['add', 'env', 'staging', '--after', 'production'],
      /^gitops-init: environment "staging" is already in gitops.yaml, after "dev"/,
    ],
    [
      ['remove', 'env', 'qa'],
      /^gitops-init: environment "qa": not an environment of this repository \(dev, staging, production\)/,
    ],
    [['remove', 'env', 'bad_name'], /^gitops-init: environment "bad_name": not a DNS label/],
    // Without a terminal nothing can be asked.
    [['add', 'env'], /^gitops-init: the environment name is missing: gitops-init add env <name> \(on a terminal/],
    [['remove', 'env', '--yes'], /^gitops-init: the environment name is missing: gitops-init remove env <name>/],
  ])('%j', async (argv, message) => {
    const before = tree(root);
    const run = await cli([...argv, '-C', root], { cwd: base });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(tree(root)).toEqual(before);
  });

  it('no gitops.yaml', async () => {
    const empty = mkdtempSync(path.join(base, 'empty-'));
    const run = await cli(['add', 'env', 'qa', '-C', empty], { cwd: base });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^gitops-init: no gitops.yaml in .*: run the command in a repository made with gitops-init new/,
    );
    expect(readdirSync(empty)).toEqual([]);
  });

  it('a repository adopted with init (no scaffold answers in gitops.yaml)', async () => {
    const adopted = mkdtempSync(path.join(base, 'adopted-'));
    const text = readFileSync(path.join(root, 'gitops.yaml'), 'utf8');
    writeFileSync(
      path.join(adopted, 'gitops.yaml'),
      `${text.slice(0, text.indexOf('# Answers gitops-init was run with'))}scaffold:\n  org: "acme"\n`,
    );
    const run = await cli(['add', 'env', 'qa', '-C', adopted], { cwd: base });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^gitops-init: gitops.yaml has no "scaffold.created": the repository was not made with gitops-init new/,
    );
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(readdirSync(adopted)).toEqual(['gitops.yaml']);
  });

  it('a subcommand that does not exist yet is a usage error', async () => {
    const run = await cli(['add', 'nothing', '-C', root], { cwd: base });
    expect(run.code).toBe(2);
  });
});
