import path from 'node:path';
import { ConfigError, quote, UsageError } from '../errors.js';
import { assertInsideRepository, LinkEscapeError, writeFileAtomically } from '../files/atomic-write.js';
import { withRepositoryLock } from '../files/lock.js';
import { relativePosix } from '../files/paths.js';
import { describeLimit, readRegularFile } from '../files/read-regular.js';
import { describeSystemError, isSystemError, UnwritableError } from '../files/writable.js';
import { parseSuppressions, serializeSuppressions, type SuppressionCounts } from './suppressions.js';

/** The suppressions file's name in the repository root, unless another is given. */
export const DEFAULT_SUPPRESSIONS_FILE = 'gitops-init-suppressions.json';

/**
 * The largest suppressions file that is read. Each entry takes some 80 bytes: this holds
 * hundreds of thousands, more than any repository's findings.
 */
export const MAX_SUPPRESSIONS_FILE_BYTES = 64 * 1024 * 1024;

/** Where a run's suppressions are kept. */
export interface SuppressionsLocation {
  /** Absolute path. */
  file: string;
  /** Repository-relative POSIX path, for messages. */
  shown: string;
  /** Whether it was given (`suppressionsLocation`) rather than the default. */
  given: boolean;
}

/** The suppressions file as read: its counts, and its text (null when there is no file). */
export interface ReadSuppressions {
  counts: SuppressionCounts;
  text: string | null;
}

/**
 * The suppressions file of the repository at `root`: `location` (relative to `cwd`) or
 * gitops-init-suppressions.json in the root. It must be in the repository, where it is reviewed
 * and committed with the files it is about.
 */
export function locateSuppressions(root: string, cwd: string, location: string | undefined): SuppressionsLocation {
  const file = location === undefined ? path.join(root, DEFAULT_SUPPRESSIONS_FILE) : path.resolve(cwd, location);
  const shown = relativePosix(root, file);
  if (shown === '' || shown === '..' || shown.startsWith('../') || path.isAbsolute(shown)) {
    throw new UsageError(
      `{{option:suppressionsLocation}} ${quote(location ?? file)} is ${shown === '' ? 'the repository root' : `outside the repository ${root}`}; give a file in the repository, where the suppressions are reviewed and committed with the files they are about`,
    );
  }
  return { file, shown, given: location !== undefined };
}

/**
 * Reads the suppressions file, bounded (a named pipe or a device is never read from); a file
 * that is not there has no counts. Anything else that is not a suppressions file is one line,
 * exit 2: a directory, a link out of the repository, text that is not JSON or not ESLint's shape.
 */
export function readSuppressions(root: string, where: SuppressionsLocation): ReadSuppressions {
  const { file, shown } = where;
  try {
    assertInsideRepository(root, file);
  } catch (error) {
    if (!(error instanceof LinkEscapeError)) throw error;
    throw new ConfigError(
      `${shown}: ${error.link} is a symbolic link that leads outside the repository; gitops-init does not read suppressions from outside it: replace the link with the file`,
    );
  }
  const bytes = readRegularFile(file, { maxBytes: MAX_SUPPRESSIONS_FILE_BYTES });
  if (!Buffer.isBuffer(bytes)) {
    switch (bytes.reason) {
      case 'missing':
        return { counts: new Map(), text: null };
      case 'not-regular':
        throw new ConfigError(
          `${shown} is not a regular file (a directory?); the suppressions file is a JSON file: remove what is there, or give another file with {{option:suppressionsLocation}}`,
        );
      case 'too-large':
        throw new ConfigError(
          `${shown} is larger than ${describeLimit(MAX_SUPPRESSIONS_FILE_BYTES)}, the limit for the suppressions file; prune it with {{option:pruneSuppressions}}, or fix findings`,
        );
      default:
        throw new ConfigError(`${shown} cannot be read (${bytes.code ?? 'error'}); make it readable`);
    }
  }
  const text = bytes.toString('utf8');
  return { counts: parseSuppressions(text, shown), text };
}

/**
 * Reads, changes and writes the suppressions file while holding the repository lock, so that
 * two runs never lose each other's counts. The file is written atomically, only when its text
 * changes, and only over what was read (otherwise ChangedSinceReadError). A missing file is
 * made when there are counts, or with `createEmpty`.
 */
export async function updateSuppressions(
  root: string,
  where: SuppressionsLocation,
  update: (read: ReadSuppressions) => SuppressionCounts,
  { createEmpty }: { createEmpty: boolean },
): Promise<{ counts: SuppressionCounts; written: boolean }> {
  return withRepositoryLock(root, async () => {
    const read = readSuppressions(root, where);
    const counts = update(read);
    const text = serializeSuppressions(counts);
    if (text === read.text || (read.text === null && counts.size === 0 && !createEmpty)) {
      return { counts, written: false };
    }
    try {
      await writeFileAtomically(where.file, text, { root, expected: read.text });
    } catch (error) {
      if (!isSystemError(error)) throw error;
      throw new UnwritableError(
        `cannot write ${where.shown}: ${describeSystemError(error)}; make it writable, or give another file with {{option:suppressionsLocation}}`,
        where.shown,
        { cause: error },
      );
    }
    return { counts, written: true };
  });
}
