import path from 'node:path';

/** A platform path with POSIX separators, as repository-relative paths are written everywhere. */
export function toPosix(file: string): string {
  return path.sep === '/' ? file : file.split(path.sep).join('/');
}

/** `to` relative to `from`, with POSIX separators ('' when they are the same). */
export function relativePosix(from: string, to: string): string {
  return toPosix(path.relative(from, to));
}
