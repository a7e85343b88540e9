import { lstatSync, readdirSync, readFileSync, rmdirSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { isGitopsError, RefusedError } from '../errors.js';
import { assertInsideRepository, writeFileAtomically } from '../files/atomic-write.js';
import { describeSystemError, directoryWriteProblem, UnwritableError } from '../files/writable.js';
import { unifiedDiff } from './diff.js';

export type ChangeAction = 'create' | 'modify' | 'delete';

/** One file a day-2 command changes. */
export interface FileChange {
  /** Repository-relative POSIX path. */
  path: string;
  action: ChangeAction;
  /** What the file holds now (null: it does not exist). */
  before: string | null;
  /** What it will hold (null: it is deleted). */
  after: string | null;
  /** A unified diff, for `modify`. */
  diff?: string;
  mode?: number;
}

/** Reads a repository file; null when there is no regular file. */
export function readRepositoryFile(root: string, file: string): string | null {
  const absolute = path.join(root, ...file.split('/'));
  try {
    if (!lstatSync(absolute).isFile()) return null;
    return readFileSync(absolute, 'utf8');
  } catch {
    return null;
  }
}

export function createChange(file: string, content: string, mode?: number): FileChange {
  return { path: file, action: 'create', before: null, after: content, ...(mode === undefined ? {} : { mode }) };
}

export function modifyChange(file: string, before: string, after: string): FileChange {
  return { path: file, action: 'modify', before, after, diff: unifiedDiff(file, before, after) };
}

export function deleteChange(file: string, before: string): FileChange {
  return { path: file, action: 'delete', before, after: null };
}

/** Removes the directories above a deleted file that are left empty, up to (not including) the root. */
function removeEmptyParents(root: string, file: string): void {
  for (let directory = path.dirname(file); directory !== root && directory.startsWith(root);) {
    try {
      if (readdirSync(directory).length > 0) return;
      rmdirSync(directory);
    } catch {
      return;
    }
    directory = path.dirname(directory);
  }
}

/**
 * Carries out a plan the caller made while holding the repository lock. Every file is checked
 * first (no link out of the repository, a writable directory), so that a refused plan writes
 * nothing; each write is atomic and replaces only the content the plan read (a file changed
 * since fails with ChangedSinceReadError). Creations and edits come before deletions, and
 * `last` (the descriptor) is written after everything else. Returns the paths changed.
 */
export async function applyChanges(root: string, changes: readonly FileChange[], last?: string): Promise<string[]> {
  const ordered = [
    ...changes.filter((change) => change.action !== 'delete' && change.path !== last),
    ...changes.filter((change) => change.action === 'delete'),
    ...changes.filter((change) => change.action !== 'delete' && change.path === last),
  ];
  for (const change of ordered) {
    const target = path.join(root, ...change.path.split('/'));
    assertInsideRepository(root, target);
    if (change.action === 'create') {
      const problem = directoryWriteProblem(path.dirname(target));
      if (problem) {
        throw new UnwritableError(
          `cannot write ${change.path}: ${path.relative(root, problem.path) || '.'} ${problem.reason}; nothing was written: fix it and run again`,
          change.path,
        );
      }
    }
  }
  const done: string[] = [];
  for (const change of ordered) {
    const target = path.join(root, ...change.path.split('/'));
    try {
      if (change.action === 'delete') {
        if (readRepositoryFile(root, change.path) !== change.before) {
          throw new RefusedError(`${change.path} changed while gitops-init was planning; run the command again`);
        }
        unlinkSync(target);
        removeEmptyParents(root, target);
      } else {
        await writeFileAtomically(target, change.after ?? '', {
          root,
          expected: change.before,
          ...(change.mode === undefined ? {} : { mode: change.mode }),
        });
      }
    } catch (error) {
      if (isGitopsError(error)) throw error;
      throw new UnwritableError(
        `cannot ${change.action === 'delete' ? 'delete' : 'write'} ${change.path} (${describeSystemError(error)}); ${done.length} of ${ordered.length} changes were made: fix the cause and run again`,
        change.path,
        { cause: error },
      );
    }
    done.push(change.path);
  }
  return done;
}
