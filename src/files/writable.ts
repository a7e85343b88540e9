import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';

/**
 * A file or directory cannot be written: a directory without write permission, a read-only file
 * system, a file where a directory must be, a path the system refuses to create. One line naming
 * the path, exit 2: nothing was written, and the user has to choose another place or fix it.
 */
export class UnwritableError extends UsageError {
  /** The path that could not be written, as the message names it. */
  readonly path: string;

  constructor(message: string, file: string, options?: { cause?: unknown }) {
    super(message, { ...options, code: 'UNWRITABLE' });
    this.path = file;
  }
}

/** The system's error in the words of a message: "permission denied, EACCES". */
export function describeSystemError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    ENOTDIR: 'a part of the path is not a directory',
    EISDIR: 'it is a directory',
    ENOENT: 'no such file or directory',
    EEXIST: 'it exists already',
  };
  if (code === undefined) return error instanceof Error ? (error.message.split('\n')[0] ?? 'error') : 'error';
  return `${words[code] ?? 'the system refused it'}, ${code}`;
}

/** Whether `error` comes from the file system (it has a system error code) rather than from gitops-init. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && 'syscall' in error;
}

/** Why a path cannot be written: the path that is in the way, and what is wrong with it. */
export interface WriteProblem {
  kind: 'not-a-directory' | 'not-writable' | 'unreadable';
  /** The existing path that is in the way: a file where a directory must be, or a directory that cannot be written. */
  path: string;
  /** What is wrong with it, for a message: "is a file, not a directory", "is not writable (permission denied, EACCES)". */
  reason: string;
}

/**
 * Why `directory` (which need not exist yet) cannot hold new files, or undefined when, as far
 * as can be told without writing, it can: the nearest existing directory on the way must be a
 * directory this process may write in and enter. Root passes every permission check but a
 * read-only file system's; what the system refuses anyway (a directory under /proc) shows
 * when the directory is made.
 */
export function directoryWriteProblem(directory: string): WriteProblem | undefined {
  let current = path.resolve(directory);
  for (;;) {
    let stat;
    try {
      stat = statSync(current);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const parent = path.dirname(current);
      if ((code === 'ENOENT' || code === 'ENOTDIR') && parent !== current) {
        current = parent;
        continue;
      }
      return { kind: 'unreadable', path: current, reason: `cannot be read (${describeSystemError(error)})` };
    }
    if (!stat.isDirectory()) return { kind: 'not-a-directory', path: current, reason: 'is a file, not a directory' };
    try {
      accessSync(current, constants.W_OK | constants.X_OK);
    } catch (error) {
      return { kind: 'not-writable', path: current, reason: `is not writable (${describeSystemError(error)})` };
    }
    return undefined;
  }
}
