import { describe, expect, it } from 'vitest';
import { readBlobs, type BlobContent } from '../../src/git/blobs.js';
import { GitCommandError } from '../../src/git/command.js';
import { git, gitInit } from '../helpers/git.js';
import { temporaryTrees } from '../helpers/trees.js';

const tree = temporaryTrees();

/** A blob's bytes as text; undefined when it was not read (or only its size was). */
function text(blob: BlobContent | undefined): string | undefined {
  return Buffer.isBuffer(blob) ? blob.toString('utf8') : undefined;
}

/** A repository with the given blobs written to its object store; returns the root and their ids. */
function repositoryWith(contents: readonly (string | Buffer)[]): { root: string; oids: string[] } {
  const files = Object.fromEntries(contents.map((content, index) => [`f${index}`, content]));
  const root = tree(files);
  gitInit(root);
  const oids = contents.map((_content, index) => git(root, 'hash-object', '-w', `f${index}`).trim());
  return { root, oids };
}

describe('readBlobs', () => {
  it('reads each blob byte for byte, including newlines, NULs and an empty blob', async () => {
    const contents = ['apiVersion: v1\nkind: ConfigMap\n', Buffer.from([0x0a, 0, 0x0a, 0xff, 0x0a]), '', 'no newline'];
    const { root, oids } = repositoryWith(contents);
    const blobs = await readBlobs(root, oids);
    expect(blobs.size).toBe(4);
    contents.forEach((content, index) => {
      const blob = blobs.get(oids[index] ?? '');
      expect(Buffer.isBuffer(blob)).toBe(true);
      expect((blob as Buffer).equals(Buffer.from(content))).toBe(true);
    });
  });

  it('reads a blob that is bigger than a pipe buffer, between two small ones', async () => {
    const big = `${'0123456789abcdef\n'.repeat(20_000)}`;
    const { root, oids } = repositoryWith(['first\n', big, 'last\n']);
    const blobs = await readBlobs(root, oids);
    expect(text(blobs.get(oids[0] ?? ''))).toBe('first\n');
    expect(text(blobs.get(oids[1] ?? ''))).toBe(big);
    expect(text(blobs.get(oids[2] ?? ''))).toBe('last\n');
  });

  it('gives only the size of a blob over the limit, and the bytes of one at the limit', async () => {
    const { root, oids } = repositoryWith(['12345', '123456', '1234']);
    const blobs = await readBlobs(root, oids, 5);
    expect(text(blobs.get(oids[0] ?? ''))).toBe('12345');
    expect(blobs.get(oids[1] ?? '')).toEqual({ size: 6 });
    expect(text(blobs.get(oids[2] ?? ''))).toBe('1234');
  });

  it('leaves out missing objects and keeps reading after them', async () => {
    const { root, oids } = repositoryWith(['a\n', 'b\n']);
    const missing = 'f'.repeat(40);
    const blobs = await readBlobs(root, [oids[0] ?? '', missing, oids[1] ?? '']);
    expect([...blobs.keys()].sort()).toEqual([...oids].sort());
    expect(blobs.has(missing)).toBe(false);
    expect(text(blobs.get(oids[1] ?? ''))).toBe('b\n');
  });

  it('leaves out objects that are not blobs (a tree, a commit) and reads the blobs after them', async () => {
    const { root, oids } = repositoryWith(['a\n', 'b\n']);
    git(root, 'add', 'f0', 'f1');
    git(root, 'commit', '-qm', 'init');
    const treeId = git(root, 'rev-parse', 'HEAD^{tree}').trim();
    const commit = git(root, 'rev-parse', 'HEAD').trim();
    const blobs = await readBlobs(root, [treeId, oids[0] ?? '', commit, oids[1] ?? '']);
    expect([...blobs.keys()].sort()).toEqual([...oids].sort());
    expect(text(blobs.get(oids[0] ?? ''))).toBe('a\n');
    expect(text(blobs.get(oids[1] ?? ''))).toBe('b\n');
  });

  it('asks for each id once, however often it is given', async () => {
    const { root, oids } = repositoryWith(['same\n']);
    const id = oids[0] ?? '';
    const blobs = await readBlobs(root, [id, id, id]);
    expect(blobs.size).toBe(1);
    expect(text(blobs.get(id))).toBe('same\n');
  });

  it('returns an empty map for no ids, without needing a repository', async () => {
    const root = tree({});
    expect((await readBlobs(root, [])).size).toBe(0);
  });

  it('fails with GitCommandError outside a repository', async () => {
    const root = tree({});
    await expect(readBlobs(root, ['a'.repeat(40)])).rejects.toBeInstanceOf(GitCommandError);
  });
});
