import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Creates a directory and its missing parents one level at a time. Node's own recursive mkdir
 * never returns for some paths (under /proc, for one); this fails at once with the first
 * level that cannot be made.
 */
export function ensureDirectory(directory: string): void {
  const missing: string[] = [];
  let current = path.resolve(directory);
  for (;;) {
    try {
      if (statSync(current).isDirectory()) break;
      const error = new Error(`${current} exists and is not a directory`) as NodeJS.ErrnoException;
      error.code = 'ENOTDIR';
      throw error;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    missing.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/**
 * Writes a file through a temporary file in the same directory and a rename, so an
 * interrupted run never leaves a half-written file. Keeps the mode of an existing file.
 */
export async function writeFileAtomically(
  file: string,
  content: string | Buffer,
  options: { mode?: number } = {},
): Promise<void> {
  // Loaded on first write: most commands (and lint without --fix or --cache) write nothing.
  const { default: writeFileAtomic } = await import('write-file-atomic');
  ensureDirectory(path.dirname(file));
  await writeFileAtomic(file, content, options.mode === undefined ? {} : { mode: options.mode });
}
