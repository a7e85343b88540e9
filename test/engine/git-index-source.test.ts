import { statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GitIndexSource } from '../../src/engine/git-index-source.js';
import { git, gitInit } from '../helpers/git.js';
import { temporaryTrees } from '../helpers/trees.js';

const tree = temporaryTrees();

/** A repository with one commit, then: a.yaml changed and staged, b.yaml changed but not staged, c.yaml removed from the index. */
function repository(): string {
  const root = tree({
    '.gitignore': 'ignored.yaml\n',
    'a.yaml': 'a: 1\n',
    'b.yaml': 'b: 1\n',
    'c.yaml': 'c: 1\n',
    'big.yaml': `x: ${'y'.repeat(2000)}\n`,
  });
  gitInit(root);
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'base');
  writeFileSync(path.join(root, 'a.yaml'), 'a: 2\n');
  git(root, 'add', 'a.yaml');
  writeFileSync(path.join(root, 'a.yaml'), 'a: 3 (not staged)\n');
  writeFileSync(path.join(root, 'b.yaml'), 'b: 2 (not staged)\n');
  git(root, 'rm', '-q', '--cached', 'c.yaml');
  writeFileSync(path.join(root, 'ignored.yaml'), 'i: 1\n');
  git(root, 'add', '-f', 'ignored.yaml');
  return root;
}

describe('GitIndexSource', () => {
  it('lists the index (a tracked file .gitignore matches included, an unstaged deletion gone) and the staged files', async () => {
    const source = await GitIndexSource.open(repository());
    expect(await source.listFiles()).toEqual(['.gitignore', 'a.yaml', 'b.yaml', 'big.yaml', 'ignored.yaml']);
    expect(await source.stagedFiles()).toEqual(['a.yaml', 'ignored.yaml']);
  });

  it('reads staged contents, not the working tree, for every file', async () => {
    const source = await GitIndexSource.open(repository());
    await source.prepare();
    expect(source.readBytes('a.yaml')).toEqual(Buffer.from('a: 2\n'));
    expect(source.readBytes('b.yaml')).toEqual(Buffer.from('b: 1\n'));
    expect(source.readBytes('c.yaml')).toMatchObject({ reason: 'missing' });
  });

  it('versions a file by its object id, and applies the configured ignores and size limit', async () => {
    const root = repository();
    const source = (await GitIndexSource.open(root)).withOptions({ ignores: ['ignored.yaml'], maxFileSize: 1000 });
    const oid = git(root, 'rev-parse', ':a.yaml').trim();
    expect(source.version('a.yaml')).toBe(`git:${oid}`);
    expect(await source.listFiles()).not.toContain('ignored.yaml');
    expect(source.readBytes('big.yaml')).toMatchObject({ reason: 'too-large' });
  });

  it('follows a staged symbolic link to the staged file, and refuses one that leads outside', async () => {
    const root = repository();
    symlinkSync('a.yaml', path.join(root, 'link.yaml'));
    symlinkSync('/etc/hostname', path.join(root, 'outside.yaml'));
    git(root, 'add', 'link.yaml', 'outside.yaml');
    const source = await GitIndexSource.open(root);
    expect(source.readBytes('link.yaml')).toEqual(Buffer.from('a: 2\n'));
    expect(source.readBytes('outside.yaml')).toMatchObject({ reason: 'outside-repository' });
  });

  it.each([
    ['core.trustctime', 'false'],
    ['core.checkStat', 'minimal'],
  ])(
    'with %s=%s, reads the staged content of a file whose same-size edit git takes for no change',
    async (key, value) => {
      const root = tree({ 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n' });
      gitInit(root);
      git(root, 'config', key, value);
      const hourAgo = new Date(Date.now() - 3_600_000);
      utimesSync(path.join(root, 'a.yaml'), hourAgo, hourAgo);
      git(root, 'add', '-A');
      git(root, 'commit', '-qm', 'base');
      const before = statSync(path.join(root, 'a.yaml'));
      writeFileSync(path.join(root, 'a.yaml'), 'a: 2\n');
      utimesSync(path.join(root, 'a.yaml'), before.atime, before.mtime);
      const source = await GitIndexSource.open(root);
      await source.prepare();
      expect(source.readBytes('a.yaml')).toEqual(Buffer.from('a: 1\n'));
      expect(source.readBytes('b.yaml')).toEqual(Buffer.from('b: 1\n'));
      expect(source.withOptions({ maxFileSize: 3 }).readBytes('a.yaml')).toMatchObject({ reason: 'too-large' });
    },
  );

  it('refuses a directory outside any repository', async () => {
    await expect(GitIndexSource.open(tree({ 'a.yaml': '' }))).rejects.toThrow();
  });
});
