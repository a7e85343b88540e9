import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { relativePosix, toPosix } from '../../src/files/paths.js';

describe('toPosix', () => {
  it('keeps a POSIX path as it is', () => {
    expect(toPosix('apps/shop/values.yaml')).toBe('apps/shop/values.yaml');
    expect(toPosix('')).toBe('');
  });

  it('turns platform separators into slashes', () => {
    expect(toPosix(['apps', 'shop', 'values.yaml'].join(path.sep))).toBe('apps/shop/values.yaml');
  });

  it('leaves a backslash in a POSIX file name alone (it is part of the name there)', () => {
    // On POSIX systems `\` is an ordinary character of a file name, not a separator.
    if (path.sep === '/') expect(toPosix('odd\\name.yaml')).toBe('odd\\name.yaml');
    else expect(toPosix('a\\b')).toBe('a/b');
  });
});

describe('relativePosix', () => {
  it('gives the path of a file below a root with slashes', () => {
    const root = path.resolve('/repo');
    expect(relativePosix(root, path.join(root, 'clusters', 'prod', 'flux.yaml'))).toBe('clusters/prod/flux.yaml');
  });

  it('is empty for the same directory, with or without a trailing separator', () => {
    const root = path.resolve('/repo');
    expect(relativePosix(root, root)).toBe('');
    expect(relativePosix(root + path.sep, root)).toBe('');
  });

  it('climbs with .. for a path outside the root', () => {
    const root = path.resolve('/repo/apps');
    expect(relativePosix(root, path.resolve('/repo/infra/x.yaml'))).toBe('../infra/x.yaml');
  });

  it('normalizes `.` and `..` segments of its arguments', () => {
    const root = path.resolve('/repo');
    expect(relativePosix(root, path.join(root, 'a', '.', 'b', '..', 'c.yaml'))).toBe('a/c.yaml');
  });
});
