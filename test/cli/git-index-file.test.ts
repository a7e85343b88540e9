import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/cli.js';
import { git, GIT_ENV, gitInit } from '../helpers/git.js';
import { temporaryRepositories } from '../helpers/repositories.js';

const temporary = temporaryRepositories();

/** A committed repository with a duplicate key staged in bad.yaml, and a spare copy of its index. */
function repository(): string {
  const root = temporary.repository({
    'gitops.yaml': 'kind: application\ntool: argocd\nname: shop\n',
    'deploy/base/kustomization.yaml': 'resources: []\n',
  });
  gitInit(root);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial');
  writeFileSync(path.join(root, 'bad.yaml'), 'a: 1\na: 2\n');
  git(root, 'add', 'bad.yaml');
  mkdirSync(path.join(root, '.git/spare'));
  copyFileSync(path.join(root, '.git/index'), path.join(root, '.git/spare/index'));
  return root;
}

function lint(root: string, args: readonly string[], indexFile: string | undefined): ReturnType<typeof runBin> {
  const env = { ...GIT_ENV, ...(indexFile === undefined ? {} : { GIT_INDEX_FILE: indexFile }) };
  return runBin(['lint', '--rule', 'required-paths=off', ...args], { cwd: root, env });
}

describe('a bad GIT_INDEX_FILE', () => {
  it.each([
    ['a missing file', () => '/nonexistent/index', 'GIT_INDEX_FILE "/nonexistent/index": no such file'],
    ['a missing file, relative to the work tree', () => 'no-index', 'GIT_INDEX_FILE "no-index": no such file'],
    ['an empty value', () => '', 'GIT_INDEX_FILE "": it is set but empty'],
    ['a directory', (root: string) => path.join(root, '.git/spare'), 'it is not a file'],
    [
      'a truncated file',
      (root: string) => {
        writeFileSync(path.join(root, '.git/short'), 'DIRC');
        return path.join(root, '.git/short');
      },
      'git cannot read it (',
    ],
    [
      'a corrupt file',
      (root: string) => {
        writeFileSync(path.join(root, '.git/corrupt'), Buffer.alloc(200, 7));
        return path.join(root, '.git/corrupt');
      },
      'git cannot read it (',
    ],
  ])('(%s) is one line naming it, exit 2, with --staged and without', async (_name, indexFile, message) => {
    const root = repository();
    const value = indexFile(root);
    for (const args of [['--staged'], []]) {
      const run = await lint(root, args, value);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr).toContain('GIT_INDEX_FILE');
      expect(run.stderr).not.toContain('not inside a git repository');
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });

  it('a good one is read, as in the hooks of git commit', async () => {
    const root = repository();
    const run = await lint(root, ['--staged'], path.join(root, '.git/spare/index'));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('bad.yaml');
    // Relative to the top of the work tree, as git reads it, wherever the lint runs.
    const relative = await lint(path.join(root, 'deploy'), ['--staged'], '.git/spare/index');
    expect(relative.code).toBe(1);
  });

  it("the repository's own index, corrupt, is named as such rather than as no repository", async () => {
    const root = repository();
    writeFileSync(path.join(root, '.git/index'), Buffer.alloc(200, 7));
    for (const args of [['--staged'], [], ['--base', 'HEAD']]) {
      const run = await lint(root, args, undefined);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain("git cannot read the repository's index (index file corrupt)");
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});
