import { realpathSync } from 'node:fs';
import path from 'node:path';
import { assertInsideRepository, ChangedSinceReadError, writeFileAtomically } from '../files/atomic-write.js';
import { withRepositoryLock } from '../files/lock.js';
import { relativePosix } from '../files/paths.js';
import { describeSystemError, directoryWriteProblem, isSystemError, UnwritableError } from '../files/writable.js';

/**
 * Writes one fixed file (an absolute path) with the content `--fix` made of `readContent`
 * (undefined: the file did not exist). It throws ChangedSinceReadError when the file no longer
 * holds `readContent`.
 */
export type FixWriter = (file: string, content: string, readContent: string | undefined) => Promise<void>;

/** One file `--fix` changed: its new content and what the fixes were made to. */
export interface FixedFile {
  /** Repository-relative. */
  file: string;
  content: string;
  /** What the file held when it was read (undefined: it did not exist). */
  readContent: string | undefined;
}

export interface FixWriteOutcome {
  /** Repository-relative paths written, in the order given. */
  written: string[];
  /** Files left as they are because they changed after they were read. */
  changed: string[];
}

/**
 * Writes the files `--fix` changed into the working tree at `root`. Before writing any, each is
 * checked: none may be written through a link that leads out of the repository
 * (LinkEscapeError), and each one's directory must be writable (UnwritableError), so that a
 * refusal writes nothing. Then, holding the repository lock, each file is replaced only while it
 * still holds what the fixes were made to: a file that changed meanwhile (an editor saved it) is
 * left as it is and listed in `changed`.
 */
export async function writeFixedFiles(root: string, files: readonly FixedFile[]): Promise<FixWriteOutcome> {
  if (files.length === 0) return { written: [], changed: [] };
  for (const { file } of files) checkWritable(root, file);
  return withRepositoryLock(root, () =>
    writeEach(root, files, (file, content, readContent) => writeToDisk(root, file, content, readContent)),
  );
}

/** Writes each file with `writer`, collecting those that changed since they were read. */
export async function writeEach(
  root: string,
  files: readonly FixedFile[],
  writer: FixWriter,
): Promise<FixWriteOutcome> {
  const outcome: FixWriteOutcome = { written: [], changed: [] };
  for (const { file, content, readContent } of files) {
    try {
      await writer(path.join(root, ...file.split('/')), content, readContent);
      outcome.written.push(file);
    } catch (error) {
      if (!(error instanceof ChangedSinceReadError)) throw error;
      outcome.changed.push(file);
    }
  }
  return outcome;
}

function checkWritable(root: string, file: string): void {
  const absolute = path.join(root, ...file.split('/'));
  assertInsideRepository(root, absolute);
  let real = absolute;
  try {
    real = realpathSync(absolute);
  } catch {
    // A file the fixes create: its directory, or the nearest one that exists, must be writable.
  }
  const problem = directoryWriteProblem(path.dirname(real));
  if (problem === undefined) return;
  throw new UnwritableError(
    `cannot write the fixes to ${file}: ${problem.kind === 'not-a-directory' ? '' : 'the directory '}${problem.path} ${problem.reason}; nothing was written: make it writable, or lint without {{option:fix}}`,
    file,
  );
}

async function writeToDisk(
  root: string,
  file: string,
  content: string,
  readContent: string | undefined,
): Promise<void> {
  try {
    await writeFileAtomically(file, content, { root, expected: readContent ?? null });
  } catch (error) {
    if (!isSystemError(error)) throw error;
    const relative = relativePosix(root, file);
    throw new UnwritableError(
      `cannot write the fixes to ${relative}: ${describeSystemError(error)}; make it writable, or lint without {{option:fix}}`,
      relative,
      { cause: error },
    );
  }
}
