import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/api/lint.js';
import { GitIndexSource } from '../../src/engine/git-index-source.js';
import type { LintResult } from '../../src/engine/results.js';
import { scaffoldFixture } from '../helpers/day2.js';
import { git, gitInit } from '../helpers/git.js';
import { temporaryTrees } from '../helpers/trees.js';

/**
 * `--staged` checks only what a commit can affect: the staged files, and for repository rules
 * that say which files they check (kustomization-resources-exist), the kustomizations that may
 * name a path the commit adds or deletes. What it reports must be what a full run of the same
 * content reports about those files: these tests stage additions, modifications, renames and
 * deletions on a scaffold and on kustomizations that reference each other, and compare.
 */

const repo = temporaryTrees();

interface Finding {
  file: string;
  ruleId: string | null;
  message: string;
  line: number | undefined;
  column: number | undefined;
}

function findings(results: readonly LintResult[], root: string): Finding[] {
  return results.flatMap((result) =>
    result.messages.map((message) => ({
      file: path.relative(root, result.filePath).split(path.sep).join('/'),
      ruleId: message.ruleId,
      message: message.message,
      line: message.line,
      column: message.column,
    })),
  );
}

/** The staged run's findings and the full run's (the working tree holds what is staged). */
async function bothRuns(root: string): Promise<{ staged: Finding[]; full: Finding[] }> {
  const staged = findings((await lint({ cwd: root, staged: true, concurrency: 1 })).results, root);
  const full = findings((await lint({ cwd: root, concurrency: 1 })).results, root);
  return { staged, full };
}

/**
 * The staged run reports about a file exactly what the full run reports about it, for every file
 * it reports on and every staged file.
 */
function expectSameAsFullRun(staged: Finding[], full: Finding[], stagedFiles: readonly string[]): void {
  const files = new Set([...stagedFiles, ...staged.map((finding) => finding.file)]);
  expect(staged).toEqual(full.filter((finding) => files.has(finding.file)));
}

function stagedFiles(root: string): string[] {
  return git(root, 'diff', '--cached', '--name-only', '--no-renames').split('\n').filter(Boolean);
}

const KUSTOMIZATIONS = {
  'apps/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - service.yaml\n',
  'apps/base/deployment.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.0\n',
  'apps/base/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n',
  'apps/dev/kustomization.yaml': 'resources:\n  - ../base\n  - extra.yaml\n',
  'apps/dev/extra.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  a: b\n',
  'apps/prod/kustomization.yaml': 'resources:\n  - ../base\n',
  'clusters/all/kustomization.yaml': 'resources:\n  - ../../apps/dev\n  - ../../apps/prod\n',
  // A problem that is there before the commit and that the commit does not touch.
  'other/kustomization.yaml': 'resources:\n  - missing.yaml\n',
};

function kustomizationTree(): string {
  const root = repo(KUSTOMIZATIONS);
  gitInit(root);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'start');
  return root;
}

describe('--staged on kustomizations that reference each other', () => {
  it('reports a kustomization whose file the commit deletes, as a full run does, and not the untouched problem', async () => {
    const root = kustomizationTree();
    git(root, 'rm', '-q', 'apps/base/service.yaml');
    const { staged, full } = await bothRuns(root);
    expect(staged).toContainEqual(
      expect.objectContaining({ file: 'apps/base/kustomization.yaml', ruleId: 'kustomization-resources-exist' }),
    );
    expect(full).toContainEqual(expect.objectContaining({ file: 'other/kustomization.yaml' }));
    expect(staged).not.toContainEqual(expect.objectContaining({ file: 'other/kustomization.yaml' }));
    expectSameAsFullRun(staged, full, stagedFiles(root));
  });

  it('reports the kustomizations that name a directory whose kustomization the commit deletes', async () => {
    const root = kustomizationTree();
    git(root, 'rm', '-q', 'apps/base/kustomization.yaml');
    const { staged, full } = await bothRuns(root);
    const reported = new Set(staged.map((finding) => finding.file));
    expect(reported).toEqual(new Set(['apps/dev/kustomization.yaml', 'apps/prod/kustomization.yaml']));
    expectSameAsFullRun(staged, full, stagedFiles(root));
  });

  it('reports a kustomization whose file the commit renames', async () => {
    const root = kustomizationTree();
    git(root, 'mv', 'apps/dev/extra.yaml', 'apps/dev/extra-config.yaml');
    const { staged, full } = await bothRuns(root);
    expect(staged).toContainEqual(
      expect.objectContaining({ file: 'apps/dev/kustomization.yaml', ruleId: 'kustomization-resources-exist' }),
    );
    expectSameAsFullRun(staged, full, stagedFiles(root));
  });

  it('reports nothing of kustomizations when the commit adds a file they list or modifies one', async () => {
    const root = kustomizationTree();
    writeFileSync(path.join(root, 'other/missing.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: m\n');
    writeFileSync(
      path.join(root, 'apps/base/deployment.yaml'),
      KUSTOMIZATIONS['apps/base/deployment.yaml'].replace('1.27.0', 'latest'),
    );
    git(root, 'add', '-A');
    const { staged, full } = await bothRuns(root);
    expect(full.some((finding) => finding.file === 'other/kustomization.yaml')).toBe(false);
    expect(staged.some((finding) => finding.file.endsWith('kustomization.yaml'))).toBe(false);
    expectSameAsFullRun(staged, full, stagedFiles(root));
  });

  it('reports a staged kustomization that lists a missing file', async () => {
    const root = kustomizationTree();
    writeFileSync(path.join(root, 'apps/prod/kustomization.yaml'), 'resources:\n  - ../base\n  - patch.yaml\n');
    git(root, 'add', '-A');
    const { staged, full } = await bothRuns(root);
    expect(staged).toContainEqual(
      expect.objectContaining({ file: 'apps/prod/kustomization.yaml', ruleId: 'kustomization-resources-exist' }),
    );
    expectSameAsFullRun(staged, full, stagedFiles(root));
  });
});

describe('--staged on a scaffold', () => {
  async function scaffolded(): Promise<{ root: string; listed: { kustomization: string; entry: string } }> {
    const base = repo({});
    const root = await scaffoldFixture(path.join(base, 'platform'), { tool: 'flux', host: 'github' });
    gitInit(root);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'scaffold');
    // A kustomization of the scaffold and a file of its own directory that it lists.
    for (const kustomization of fg.sync('**/kustomization.yaml', { cwd: root })) {
      const entry = /^\s*-\s+([\w.-]+\.ya?ml)\s*$/m.exec(readFileSync(path.join(root, kustomization), 'utf8'))?.[1];
      if (entry) return { root, listed: { kustomization, entry } };
    }
    throw new Error('the scaffold has no kustomization that lists a file of its directory');
  }

  it.each(['added', 'modified', 'renamed', 'deleted'] as const)(
    'reports what a full run reports about what the commit affects (a file %s)',
    async (change) => {
      const { root, listed } = await scaffolded();
      const directory = path.posix.dirname(listed.kustomization);
      const file = path.join(root, directory, listed.entry);
      if (change === 'added') {
        mkdirSync(path.join(root, 'apps/extra'), { recursive: true });
        writeFileSync(path.join(root, 'apps/extra/kustomization.yaml'), 'resources:\n  - app.yaml\n');
      } else if (change === 'modified') {
        writeFileSync(file, `${readFileSync(file, 'utf8')}# changed\n`);
      } else if (change === 'renamed') {
        renameSync(file, `${file}.old`);
      } else {
        rmSync(file);
      }
      git(root, 'add', '-A');
      const { staged, full } = await bothRuns(root);
      const missing = staged.some(
        (finding) => finding.file === listed.kustomization && finding.ruleId === 'kustomization-resources-exist',
      );
      expect(missing).toBe(change === 'renamed' || change === 'deleted');
      if (change === 'added')
        expect(staged).toContainEqual(expect.objectContaining({ file: 'apps/extra/kustomization.yaml' }));
      expectSameAsFullRun(staged, full, stagedFiles(root));
    },
  );
});

describe('text searches on the index', () => {
  it('find every file whose staged text holds the texts or may spell them (escapes, UTF-16, links)', async () => {
    const crd = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n';
    const root = repo({
      'both.yaml': crd,
      'one.yaml': 'kind: CustomResourceDefinition\n',
      'escaped.yaml': 'kind: "CustomResource\\x44efinition"\napiVersion: apiextensions.k8s.io/v1\n',
      'staged-only.yaml': 'kind: ConfigMap\n',
      'worktree-only.yaml': 'kind: ConfigMap\n',
    });
    writeFileSync(
      path.join(root, 'utf16.yaml'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(crd, 'utf16le')]),
    );
    symlinkSync('both.yaml', path.join(root, 'link.yaml'));
    gitInit(root);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'start');
    writeFileSync(path.join(root, 'staged-only.yaml'), crd);
    git(root, 'add', 'staged-only.yaml');
    writeFileSync(path.join(root, 'staged-only.yaml'), 'kind: ConfigMap\n');
    writeFileSync(path.join(root, 'worktree-only.yaml'), crd);
    const source = await GitIndexSource.open(root);
    const found = source.filesContaining(['CustomResourceDefinition', 'apiextensions.k8s.io']);
    expect([...(found ?? [])].sort()).toEqual([
      'both.yaml',
      'escaped.yaml',
      'link.yaml',
      'staged-only.yaml',
      'utf16.yaml',
    ]);
  });
});
