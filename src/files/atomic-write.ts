import { mkdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file through a temporary file in the same directory and a rename, so an
 * interrupted run never leaves a half-written file. Keeps the mode of an existing file.
 */
export async function writeFileAtomically(file: string, content: string | Buffer, options: { mode?: number } = {}): Promise<void> {
  // Loaded on first write: most commands (and lint without --fix or --cache) write nothing.
  const { default: writeFileAtomic } = await import('write-file-atomic');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, content, options.mode === undefined ? {} : { mode: options.mode });
}
