import { describe, expect, it } from 'vitest';
import { MemorySource } from '../../src/engine/memory-source.js';
import { OverlaySource } from '../../src/engine/overlay-source.js';
import { WorkingTreeSource } from '../../src/engine/file-source.js';
import { temporaryTrees } from '../helpers/trees.js';

const tree = temporaryTrees();

describe('MemorySource', () => {
  it('lists what a directory outside git lists: .gitignore, ignores and node_modules honoured, sorted', async () => {
    const files = {
      '.gitignore': 'build/\n*.log\n',
      'apps/.gitignore': 'secret.yaml\n',
      'apps/a.yaml': 'a: 1\n',
      'apps/secret.yaml': 'b: 1\n',
      'build/out.yaml': 'c: 1\n',
      'debug.log': 'x',
      'node_modules/p/index.yaml': 'd: 1\n',
      'vendor/v.yaml': 'e: 1\n',
      'Z.yaml': 'z: 1\n',
    };
    const memory = new MemorySource('/m', files).withOptions({ ignores: ['vendor/**'] });
    const disk = new WorkingTreeSource(tree(files), { ignores: ['vendor/**'] });
    expect(await memory.listFiles()).toEqual(['.gitignore', 'Z.yaml', 'apps/.gitignore', 'apps/a.yaml']);
    expect(await memory.listFiles()).toEqual(await disk.listFiles());
  });

  it('reads bytes, refuses a file over the size limit, and tells files from directories', () => {
    const source = new MemorySource(
      '/m',
      { 'a/b.yaml': 'x: 1\n', 'big.bin': Buffer.alloc(2048) },
      { maxFileSize: 1024 },
    );
    expect(source.readBytes('a/b.yaml')).toEqual(Buffer.from('x: 1\n'));
    expect(source.readBytes('big.bin')).toMatchObject({ reason: 'too-large' });
    expect(source.readBytes('nope')).toMatchObject({ reason: 'missing' });
    expect([source.pathKind('a'), source.pathKind('a/b.yaml'), source.pathKind('b'), source.pathKind('')]).toEqual([
      'directory',
      'file',
      undefined,
      'directory',
    ]);
  });
});

describe('OverlaySource', () => {
  it('serves changed files from memory and the rest from its base', async () => {
    const overlay = new OverlaySource(new MemorySource('/m', { 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n' }));
    overlay.changes.set('a.yaml', 'a: 2\n');
    overlay.changes.set('new.yaml', 'n: 1\n');
    expect(overlay.readBytes('a.yaml')).toEqual(Buffer.from('a: 2\n'));
    expect(overlay.readBytes('b.yaml')).toEqual(Buffer.from('b: 1\n'));
    expect(await overlay.listFiles()).toEqual(['a.yaml', 'b.yaml', 'new.yaml']);
    expect(overlay.pathKind('new.yaml')).toBe('file');
  });

  it('has no version for a changed file, and describes its changes to worker threads', async () => {
    const root = tree({ 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n' });
    const base = new WorkingTreeSource(root);
    await base.listFiles();
    const overlay = new OverlaySource(base);
    overlay.changes.set('a.yaml', 'a: 2\n');
    expect(overlay.version('a.yaml')).toBeUndefined();
    expect(overlay.version('b.yaml')).toBe(base.version('b.yaml'));
    expect(overlay.describe()?.changes).toEqual([['a.yaml', 'a: 2\n']]);
    expect(new OverlaySource(new MemorySource('/m', {})).describe()).toBeUndefined();
  });

  it('lists its base once, however often it is asked', async () => {
    let listings = 0;
    const base = new MemorySource('/m', { 'a.yaml': '' });
    const overlay = new OverlaySource({
      root: '/m',
      listFiles: () => {
        listings += 1;
        return base.listFiles();
      },
      readBytes: (file) => base.readBytes(file),
    });
    await Promise.all([overlay.listFiles(), overlay.listFiles()]);
    await overlay.listFiles();
    expect(listings).toBe(1);
  });
});
