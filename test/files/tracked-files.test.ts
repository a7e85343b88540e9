import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTrackedFiles } from '../../src/files/tracked-files.js';
import { git, gitInit } from '../helpers/git.js';
import { temporaryTrees } from '../helpers/trees.js';

const tree = temporaryTrees();

describe('listTrackedFiles', () => {
  it('lists the index, not untracked or ignored files', async () => {
    const root = tree({
      '.gitignore': 'build/\n',
      'apps/shop/kustomization.yaml': 'resources: []\n',
      'gitops.yaml': 'kind: application\n',
      'notes.txt': 'untracked\n',
      'build/out.yaml': 'ignored\n',
    });
    gitInit(root);
    git(root, 'add', '.gitignore', 'apps', 'gitops.yaml');
    // Staged, never committed: the index is what counts.
    expect(await listTrackedFiles(root)).toEqual(['.gitignore', 'apps/shop/kustomization.yaml', 'gitops.yaml']);
  });

  it('keeps a file deleted from the work tree but still in the index', async () => {
    const root = tree({ 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n' });
    gitInit(root);
    git(root, 'add', '.');
    git(root, 'commit', '-qm', 'init');
    rmSync(path.join(root, 'a.yaml'));
    expect(await listTrackedFiles(root)).toEqual(['a.yaml', 'b.yaml']);
  });

  it('gives paths relative to a subdirectory, only below it', async () => {
    const root = tree({ 'apps/shop/deploy.yaml': 'x: 1\n', 'apps/cart/deploy.yaml': 'x: 1\n', 'top.yaml': 'x: 1\n' });
    gitInit(root);
    git(root, 'add', '.');
    expect(await listTrackedFiles(path.join(root, 'apps'))).toEqual(['cart/deploy.yaml', 'shop/deploy.yaml']);
  });

  it('returns names with spaces, quotes, newlines and non-ASCII characters unquoted', async () => {
    const names = ['with space.yaml', 'quote"d.yaml', 'new\nline.yaml', 'naïve-ü.yaml'];
    const root = tree(Object.fromEntries(names.map((name) => [name, 'x: 1\n'])));
    gitInit(root);
    git(root, 'add', '.');
    expect((await listTrackedFiles(root))?.sort()).toEqual([...names].sort());
  });

  it('is an empty list for a repository with nothing tracked', async () => {
    const root = tree({ 'untracked.yaml': 'x: 1\n' });
    gitInit(root);
    expect(await listTrackedFiles(root)).toEqual([]);
  });

  it('is undefined outside a git work tree', async () => {
    const root = tree({ 'x.yaml': 'x: 1\n' });
    mkdirSync(path.join(root, 'sub'));
    writeFileSync(path.join(root, 'sub', 'y.yaml'), 'y: 1\n');
    // GIT_CEILING_DIRECTORIES is not needed: the temporary directory is not inside a repository.
    expect(await listTrackedFiles(path.join(root, 'sub'))).toBeUndefined();
  });

  it('is undefined for a directory that does not exist', async () => {
    const root = tree({});
    expect(await listTrackedFiles(path.join(root, 'missing'))).toBeUndefined();
  });
});
