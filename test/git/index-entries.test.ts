import { chmodSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import {
  readIndexEntries,
  readKnownPaths,
  readStagedPaths,
  readWorktreeChanges,
  REGULAR_FILE_MODES,
  SYMLINK_MODE,
} from '../../src/git/index-entries.js';
import { git, gitInit, tryGit } from '../helpers/git.js';
import { temporaryTrees } from '../helpers/trees.js';

const tree = temporaryTrees();

function committed(files: Record<string, string>): string {
  const root = tree(files);
  gitInit(root);
  git(root, 'add', '.');
  git(root, 'commit', '-qm', 'init');
  return root;
}

/** A repository in the middle of a merge whose one file, values.yaml, conflicts. */
function conflicted(): string {
  const root = committed({ 'values.yaml': 'replicas: 1\n' });
  git(root, 'checkout', '-qb', 'other');
  writeFileSync(path.join(root, 'values.yaml'), 'replicas: 2\n');
  git(root, 'commit', '-qam', 'two');
  git(root, 'checkout', '-q', 'main');
  writeFileSync(path.join(root, 'values.yaml'), 'replicas: 3\n');
  git(root, 'commit', '-qam', 'three');
  const merge = tryGit(root, 'merge', '-q', 'other');
  if (merge.status === 0) throw new Error('the merge was expected to conflict');
  return root;
}

describe('readIndexEntries', () => {
  it('lists paths with their mode, blob id and stage 0', async () => {
    const root = tree({ 'app/run.sh': '#!/bin/sh\n', 'app/values.yaml': 'a: 1\n' });
    chmodSync(path.join(root, 'app/run.sh'), 0o755);
    symlinkSync('values.yaml', path.join(root, 'app/link.yaml'));
    gitInit(root);
    git(root, 'add', '.');
    const entries = await readIndexEntries(root);
    const oid = (file: string): string => git(root, 'rev-parse', `:${file}`).trim();
    expect(entries).toEqual([
      { path: 'app/link.yaml', mode: SYMLINK_MODE, oid: oid('app/link.yaml'), stage: 0, worktreeUntrusted: false },
      { path: 'app/run.sh', mode: '100755', oid: oid('app/run.sh'), stage: 0, worktreeUntrusted: false },
      { path: 'app/values.yaml', mode: '100644', oid: oid('app/values.yaml'), stage: 0, worktreeUntrusted: false },
    ]);
    expect(REGULAR_FILE_MODES.has('100755') && REGULAR_FILE_MODES.has('100644')).toBe(true);
    expect(REGULAR_FILE_MODES.has(SYMLINK_MODE)).toBe(false);
  });

  it('lists a submodule with mode 160000', async () => {
    const root = tree({});
    gitInit(root);
    git(root, 'update-index', '--add', '--cacheinfo', `160000,${'a'.repeat(40)},vendor/lib`);
    expect(await readIndexEntries(root)).toEqual([
      { path: 'vendor/lib', mode: '160000', oid: 'a'.repeat(40), stage: 0, worktreeUntrusted: false },
    ]);
  });

  it('gives paths relative to a subdirectory and leaves out the rest', async () => {
    const root = tree({ 'apps/shop/a.yaml': 'a\n', 'infra/b.yaml': 'b\n' });
    gitInit(root);
    git(root, 'add', '.');
    const entries = await readIndexEntries(path.join(root, 'apps'));
    expect(entries.map((entry) => entry.path)).toEqual(['shop/a.yaml']);
  });

  it('keeps names with newlines, tabs and non-ASCII characters whole', async () => {
    const names = ['a\nb.yaml', 'tab\there.yaml', 'ü.yaml'];
    const root = tree(Object.fromEntries(names.map((name) => [name, 'x\n'])));
    gitInit(root);
    git(root, 'add', '.');
    expect((await readIndexEntries(root)).map((entry) => entry.path).sort()).toEqual([...names].sort());
  });

  it('marks assume-unchanged and skip-worktree paths as untrusted', async () => {
    const root = committed({ 'a.yaml': 'a\n', 'b.yaml': 'b\n', 'c.yaml': 'c\n' });
    git(root, 'update-index', '--assume-unchanged', 'a.yaml');
    git(root, 'update-index', '--skip-worktree', 'b.yaml');
    const untrusted = Object.fromEntries(
      (await readIndexEntries(root)).map((entry) => [entry.path, entry.worktreeUntrusted]),
    );
    expect(untrusted).toEqual({ 'a.yaml': true, 'b.yaml': true, 'c.yaml': false });
  });

  it('lists the three sides of a merge conflict with their stages', async () => {
    const root = conflicted();
    const entries = await readIndexEntries(root);
    expect(entries.map((entry) => [entry.path, entry.stage])).toEqual([
      ['values.yaml', 1],
      ['values.yaml', 2],
      ['values.yaml', 3],
    ]);
    expect(new Set(entries.map((entry) => entry.oid)).size).toBe(3);
  });

  it('is empty for a repository with an empty index', async () => {
    const root = tree({ 'untracked.yaml': 'x\n' });
    gitInit(root);
    expect(await readIndexEntries(root)).toEqual([]);
  });

  it('throws a UsageError naming the directory outside a repository', async () => {
    const root = tree({});
    const error = await readIndexEntries(root).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ code: 'USAGE', exitCode: 2 });
    expect((error as Error).message).toContain(`${root} is not inside a git repository`);
    expect((error as Error).message).toContain('git init');
  });
});

describe('readStagedPaths', () => {
  it("is 'all' before the first commit", async () => {
    const root = tree({ 'a.yaml': 'a\n' });
    gitInit(root);
    git(root, 'add', '.');
    expect(await readStagedPaths(root)).toBe('all');
  });

  it('lists added, modified and type-changed paths, not deleted or unstaged ones', async () => {
    const root = committed({ 'modified.yaml': 'a\n', 'deleted.yaml': 'b\n', 'typed.yaml': 'c\n', 'same.yaml': 'd\n' });
    writeFileSync(path.join(root, 'modified.yaml'), 'a2\n');
    writeFileSync(path.join(root, 'added.yaml'), 'new\n');
    rmSync(path.join(root, 'typed.yaml'));
    symlinkSync('same.yaml', path.join(root, 'typed.yaml'));
    git(root, 'add', 'modified.yaml', 'added.yaml', 'typed.yaml');
    git(root, 'rm', '-q', 'deleted.yaml');
    writeFileSync(path.join(root, 'same.yaml'), 'changed but not staged\n');
    writeFileSync(path.join(root, 'untracked.yaml'), 'x\n');
    expect((await readStagedPaths(root)) as string[]).toEqual(['added.yaml', 'modified.yaml', 'typed.yaml']);
  });

  it('lists a renamed file under its new name only', async () => {
    const root = committed({ 'old.yaml': 'content\n' });
    git(root, 'mv', 'old.yaml', 'new.yaml');
    expect(await readStagedPaths(root)).toEqual(['new.yaml']);
  });

  it('is empty when nothing is staged', async () => {
    const root = committed({ 'a.yaml': 'a\n' });
    writeFileSync(path.join(root, 'a.yaml'), 'unstaged\n');
    expect(await readStagedPaths(root)).toEqual([]);
  });

  it('lists paths relative to a subdirectory, only below it', async () => {
    const root = committed({ 'apps/a.yaml': 'a\n', 'infra/b.yaml': 'b\n' });
    writeFileSync(path.join(root, 'apps/a.yaml'), 'a2\n');
    writeFileSync(path.join(root, 'infra/b.yaml'), 'b2\n');
    git(root, 'add', '.');
    expect(await readStagedPaths(path.join(root, 'apps'))).toEqual(['a.yaml']);
  });

  it('lists an unmerged path', async () => {
    const root = conflicted();
    expect(await readStagedPaths(root)).toEqual(['values.yaml']);
  });

  it('throws a UsageError outside a repository', async () => {
    const root = tree({});
    await expect(readStagedPaths(root)).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('is not inside a git repository') as unknown,
    });
  });
});

describe('readWorktreeChanges', () => {
  it('lists modified and deleted paths, not untracked or staged-and-unchanged ones', async () => {
    const root = committed({ 'modified.yaml': 'a\n', 'deleted.yaml': 'b\n', 'staged.yaml': 'c\n', 'same.yaml': 'd\n' });
    writeFileSync(path.join(root, 'modified.yaml'), 'a2\n');
    rmSync(path.join(root, 'deleted.yaml'));
    writeFileSync(path.join(root, 'staged.yaml'), 'c2\n');
    git(root, 'add', 'staged.yaml');
    writeFileSync(path.join(root, 'untracked.yaml'), 'x\n');
    expect(await readWorktreeChanges(root)).toEqual(['deleted.yaml', 'modified.yaml']);
  });

  it('lists paths relative to a subdirectory', async () => {
    const root = committed({ 'apps/a.yaml': 'a\n', 'b.yaml': 'b\n' });
    writeFileSync(path.join(root, 'apps/a.yaml'), 'a2\n');
    writeFileSync(path.join(root, 'b.yaml'), 'b2\n');
    expect(await readWorktreeChanges(path.join(root, 'apps'))).toEqual(['a.yaml']);
  });
});

describe('readKnownPaths', () => {
  it('includes a file removed with git rm, and new staged files', async () => {
    const root = committed({ 'kept.yaml': 'a\n', 'removed.yaml': 'b\n' });
    git(root, 'rm', '-q', 'removed.yaml');
    writeFileSync(path.join(root, 'new.yaml'), 'c\n');
    git(root, 'add', 'new.yaml');
    writeFileSync(path.join(root, 'untracked.yaml'), 'd\n');
    expect(await readKnownPaths(root)).toEqual(new Set(['kept.yaml', 'new.yaml', 'removed.yaml']));
  });

  it('falls back to the index before the first commit', async () => {
    const root = tree({ 'a.yaml': 'a\n', 'untracked.yaml': 'x\n' });
    gitInit(root);
    git(root, 'add', 'a.yaml');
    expect(await readKnownPaths(root)).toEqual(new Set(['a.yaml']));
  });

  it('is undefined outside a repository', async () => {
    const root = tree({ 'a.yaml': 'a\n' });
    expect(await readKnownPaths(root)).toBeUndefined();
  });
});
