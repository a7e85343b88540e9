import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDirectory, writeFileAtomically } from '../../src/files/atomic-write.js';
import { temporaryTrees } from '../helpers/trees.js';

const tree = temporaryTrees();

/** Every entry below `root`, as POSIX paths, directories with a trailing slash. */
function listAll(root: string, prefix = ''): string[] {
  return readdirSync(root, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? [`${prefix}${entry.name}/`, ...listAll(path.join(root, entry.name), `${prefix}${entry.name}/`)]
        : [`${prefix}${entry.name}`],
    )
    .sort();
}

describe('writeFileAtomically', () => {
  it('writes a new file, creating its missing parent directories', async () => {
    const root = tree({});
    await writeFileAtomically(path.join(root, 'a/b/c/values.yaml'), 'replicas: 2\n');
    expect(readFileSync(path.join(root, 'a/b/c/values.yaml'), 'utf8')).toBe('replicas: 2\n');
    expect(listAll(root)).toEqual(['a/', 'a/b/', 'a/b/c/', 'a/b/c/values.yaml']);
  });

  it('replaces an existing file and leaves no temporary file beside it', async () => {
    const root = tree({ 'deploy/app.yaml': 'old\n', 'deploy/other.yaml': 'other\n' });
    await writeFileAtomically(path.join(root, 'deploy/app.yaml'), 'new\n');
    expect(readFileSync(path.join(root, 'deploy/app.yaml'), 'utf8')).toBe('new\n');
    expect(listAll(root)).toEqual(['deploy/', 'deploy/app.yaml', 'deploy/other.yaml']);
  });

  it('writes bytes as given (a Buffer, with NULs and invalid UTF-8)', async () => {
    const root = tree({});
    const bytes = Buffer.from([0, 1, 0xff, 0xfe, 0x0a, 0]);
    await writeFileAtomically(path.join(root, 'blob.bin'), bytes);
    expect(readFileSync(path.join(root, 'blob.bin')).equals(bytes)).toBe(true);
  });

  it('writes an empty file', async () => {
    const root = tree({ 'x.txt': 'something' });
    await writeFileAtomically(path.join(root, 'x.txt'), '');
    expect(readFileSync(path.join(root, 'x.txt'), 'utf8')).toBe('');
  });

  it('keeps the mode of the file it replaces', async () => {
    const root = tree({ 'hooks/pre-commit': '#!/bin/sh\nexit 0\n' });
    const file = path.join(root, 'hooks/pre-commit');
    chmodSync(file, 0o750);
    await writeFileAtomically(file, '#!/bin/sh\nexit 1\n');
    expect(statSync(file).mode & 0o777).toBe(0o750);
    expect(readFileSync(file, 'utf8')).toBe('#!/bin/sh\nexit 1\n');
  });

  it('sets the mode it is given, on a new file and on an existing one', async () => {
    const root = tree({ 'old.sh': 'echo\n' });
    await writeFileAtomically(path.join(root, 'new.sh'), 'echo\n', { mode: 0o755 });
    expect(statSync(path.join(root, 'new.sh')).mode & 0o777).toBe(0o755);
    chmodSync(path.join(root, 'old.sh'), 0o644);
    await writeFileAtomically(path.join(root, 'old.sh'), 'echo 2\n', { mode: 0o700 });
    expect(statSync(path.join(root, 'old.sh')).mode & 0o777).toBe(0o700);
  });

  it('writes through a symbolic link to its target, keeping the link', async () => {
    const root = tree({ 'shared/values.yaml': 'a: 1\n' });
    symlinkSync('shared/values.yaml', path.join(root, 'values.yaml'));
    await writeFileAtomically(path.join(root, 'values.yaml'), 'a: 2\n');
    expect(lstatSync(path.join(root, 'values.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(root, 'shared/values.yaml'), 'utf8')).toBe('a: 2\n');
    expect(listAll(root)).toEqual(['shared/', 'shared/values.yaml', 'values.yaml']);
  });

  it('refuses to replace a directory, leaving it and its parent as they were', async () => {
    const root = tree({ 'charts/app/Chart.yaml': 'name: app\n' });
    await expect(writeFileAtomically(path.join(root, 'charts/app'), 'not a directory')).rejects.toMatchObject({
      code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST)$/) as unknown,
    });
    expect(statSync(path.join(root, 'charts/app')).isDirectory()).toBe(true);
    expect(readFileSync(path.join(root, 'charts/app/Chart.yaml'), 'utf8')).toBe('name: app\n');
    // The temporary file it wrote before the rename failed is gone.
    expect(listAll(root)).toEqual(['charts/', 'charts/app/', 'charts/app/Chart.yaml']);
  });

  it('fails with ENOTDIR when a parent is a file, and creates nothing', async () => {
    const root = tree({ 'gitops.yaml': 'kind: application\n' });
    await expect(writeFileAtomically(path.join(root, 'gitops.yaml/nested/x.yaml'), 'x')).rejects.toMatchObject({
      code: 'ENOTDIR',
    });
    expect(listAll(root)).toEqual(['gitops.yaml']);
    expect(readFileSync(path.join(root, 'gitops.yaml'), 'utf8')).toBe('kind: application\n');
  });

  it('never lets a reader see a half-written file', async () => {
    const root = tree({});
    const file = path.join(root, 'big.txt');
    const before = 'a'.repeat(4 * 1024 * 1024);
    const after = 'b'.repeat(8 * 1024 * 1024);
    writeFileSync(file, before);
    const seen = new Set<number>();
    let writing = true;
    const reader = (async () => {
      while (writing) {
        seen.add(readFileSync(file).length);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await writeFileAtomically(file, after);
    writing = false;
    await reader;
    seen.add(readFileSync(file).length);
    // Only the whole old file or the whole new one: a plain write would show truncated sizes.
    expect([...seen].every((size) => size === before.length || size === after.length)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(after);
    expect(listAll(root)).toEqual(['big.txt']);
  });
});

describe('ensureDirectory', () => {
  it('creates every missing level and accepts a directory that exists', () => {
    const root = tree({ 'a/keep': '' });
    ensureDirectory(path.join(root, 'a/b/c'));
    ensureDirectory(path.join(root, 'a/b/c'));
    ensureDirectory(root);
    expect(listAll(root)).toEqual(['a/', 'a/b/', 'a/b/c/', 'a/keep']);
  });

  it('throws ENOTDIR naming the file in the way, and makes no level below it', () => {
    const root = tree({ 'a/file': 'x' });
    let error: NodeJS.ErrnoException | undefined;
    try {
      ensureDirectory(path.join(root, 'a/file/b/c'));
    } catch (caught) {
      error = caught as NodeJS.ErrnoException;
    }
    expect(error?.code).toBe('ENOTDIR');
    expect(listAll(root)).toEqual(['a/', 'a/file']);
  });

  it('throws ENOTDIR when the path itself is a file', () => {
    const root = tree({ 'file.txt': 'x' });
    expect(() => ensureDirectory(path.join(root, 'file.txt'))).toThrow(
      expect.objectContaining({ code: 'ENOTDIR', message: expect.stringContaining('file.txt') as unknown }),
    );
  });

  it('resolves a relative path against the working directory', () => {
    const root = tree({});
    mkdirSync(path.join(root, 'base'));
    const relative = path.relative(process.cwd(), path.join(root, 'base/x/y'));
    ensureDirectory(relative);
    expect(statSync(path.join(root, 'base/x/y')).isDirectory()).toBe(true);
  });
});
