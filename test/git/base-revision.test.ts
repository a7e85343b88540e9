import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { openBaseRevision } from '../../src/git/base-revision.js';
import { git, gitInit } from '../helpers/git.js';
import { temporaryTrees } from '../helpers/trees.js';

const tree = temporaryTrees();

/** A repository with one commit tagged `base`, then the given changes on top (not committed). */
function repository(files: Record<string, string>): string {
  const root = tree(files);
  gitInit(root);
  git(root, 'add', '.');
  git(root, 'commit', '-qm', 'base');
  git(root, 'tag', 'base');
  return root;
}

function write(root: string, file: string, content: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), content);
}

describe('openBaseRevision', () => {
  it('resolves the ref to its commit and keeps the ref as given', async () => {
    const root = repository({ 'a.yaml': 'a\n' });
    const base = await openBaseRevision(root, 'base', false);
    expect(base.ref).toBe('base');
    expect(base.commit).toBe(git(root, 'rev-parse', 'HEAD').trim());
    expect(base.changedFiles.size).toBe(0);
  });

  it('resolves an annotated tag to the commit it points at, not the tag object', async () => {
    const root = repository({ 'a.yaml': 'a\n' });
    git(root, 'tag', '-a', 'v1.0.0', '-m', 'release');
    const base = await openBaseRevision(root, 'v1.0.0', false);
    expect(base.commit).toBe(git(root, 'rev-parse', 'HEAD').trim());
    expect(base.commit).not.toBe(git(root, 'rev-parse', 'v1.0.0').trim());
  });

  it('against the work tree: lists modified, added, deleted and untracked files, not ignored ones', async () => {
    const root = repository({
      '.gitignore': '*.log\n',
      'modified.yaml': 'a\n',
      'deleted.yaml': 'b\n',
      'same.yaml': 'c\n',
    });
    write(root, 'modified.yaml', 'a2\n');
    rmSync(path.join(root, 'deleted.yaml'));
    write(root, 'staged/new.yaml', 'n\n');
    git(root, 'add', 'staged/new.yaml');
    write(root, 'untracked/u.yaml', 'u\n');
    write(root, 'debug.log', 'ignored\n');
    const base = await openBaseRevision(root, 'base', false);
    expect([...base.changedFiles].sort()).toEqual([
      'deleted.yaml',
      'modified.yaml',
      'staged/new.yaml',
      'untracked/u.yaml',
    ]);
  });

  it('against the index (staged): lists only what is staged, not work tree edits or untracked files', async () => {
    const root = repository({ 'staged.yaml': 'a\n', 'unstaged.yaml': 'b\n', 'removed.yaml': 'c\n' });
    write(root, 'staged.yaml', 'a2\n');
    git(root, 'add', 'staged.yaml');
    git(root, 'rm', '-q', 'removed.yaml');
    write(root, 'unstaged.yaml', 'b2\n');
    write(root, 'untracked.yaml', 'u\n');
    const base = await openBaseRevision(root, 'base', true);
    expect([...base.changedFiles].sort()).toEqual(['removed.yaml', 'staged.yaml']);
  });

  it('lists both names of a renamed file', async () => {
    const root = repository({ 'old.yaml': 'content\n' });
    git(root, 'mv', 'old.yaml', 'new.yaml');
    const base = await openBaseRevision(root, 'base', true);
    expect([...base.changedFiles].sort()).toEqual(['new.yaml', 'old.yaml']);
  });

  it('lists changes of later commits when the base is an older one', async () => {
    const root = repository({ 'a.yaml': 'a\n' });
    write(root, 'a.yaml', 'a2\n');
    write(root, 'b.yaml', 'b\n');
    git(root, 'add', '.');
    git(root, 'commit', '-qm', 'second');
    const base = await openBaseRevision(root, 'HEAD~1', false);
    expect([...base.changedFiles].sort()).toEqual(['a.yaml', 'b.yaml']);
    expect((await openBaseRevision(root, 'HEAD', false)).changedFiles.size).toBe(0);
  });

  it("gives a file's text at the base, undefined for one that did not exist there", async () => {
    const root = repository({ 'charts/app/Chart.yaml': 'version: 1.0.0\n', 'naïve name.yaml': 'x: 1\n' });
    write(root, 'charts/app/Chart.yaml', 'version: 1.1.0\n');
    write(root, 'new.yaml', 'new\n');
    const base = await openBaseRevision(root, 'base', false);
    expect(base.text('charts/app/Chart.yaml')).toBe('version: 1.0.0\n');
    expect(base.text('naïve name.yaml')).toBe('x: 1\n');
    expect(base.text('new.yaml')).toBeUndefined();
    expect(base.text('missing/dir/file.yaml')).toBeUndefined();
  });

  it('keeps giving the text it read first, even after the ref moves', async () => {
    const root = repository({ 'a.yaml': 'one\n' });
    const base = await openBaseRevision(root, 'main', false);
    expect(base.text('a.yaml')).toBe('one\n');
    write(root, 'a.yaml', 'two\n');
    git(root, 'commit', '-qam', 'two');
    // Bound to the commit it resolved to, not to the name.
    expect(base.text('a.yaml')).toBe('one\n');
    expect(base.commit).toBe(git(root, 'rev-parse', 'base').trim());
  });

  it('gives no text for a path that was a directory at the base', async () => {
    const root = repository({ 'config/settings.yaml': 'a: 1\n' });
    const base = await openBaseRevision(root, 'base', false);
    // `git show <commit>:config` prints a tree listing; a directory is not a file's text.
    expect(base.text('config')).toBeUndefined();
  });

  it('throws a UsageError that quotes the ref and says what to give instead', async () => {
    const root = repository({ 'a.yaml': 'a\n' });
    for (const ref of ['origin/main', 'no-such-branch', 'a'.repeat(40)]) {
      const error = await openBaseRevision(root, ref, false).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UsageError);
      expect(error).toMatchObject({ code: 'USAGE', exitCode: 2 });
      expect((error as Error).message).toBe(
        `base "${ref}": not a commit in this repository; give a branch, tag or commit (e.g. origin/main)`,
      );
      expect((error as UsageError).describe((option) => `--${option}`)).toBe(
        `--base "${ref}": not a commit in this repository; give a branch, tag or commit (e.g. origin/main)`,
      );
    }
  });

  it('throws a UsageError for a ref that names a blob, not a commit', async () => {
    const root = repository({ 'a.yaml': 'a\n' });
    const blob = git(root, 'rev-parse', 'HEAD:a.yaml').trim();
    await expect(openBaseRevision(root, blob, false)).rejects.toBeInstanceOf(UsageError);
  });

  it('throws a UsageError for a ref that looks like an option', async () => {
    const root = repository({ 'a.yaml': 'a\n' });
    await expect(openBaseRevision(root, '--all', false)).rejects.toBeInstanceOf(UsageError);
  });

  it('throws a UsageError outside a repository', async () => {
    const root = tree({ 'a.yaml': 'a\n' });
    await expect(openBaseRevision(root, 'main', false)).rejects.toBeInstanceOf(UsageError);
  });
});
