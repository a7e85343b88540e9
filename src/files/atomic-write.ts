import {
  closeSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { RefusedError } from '../errors.js';

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

/** A write would go through a symbolic link that leads out of the repository. Exit 1. */
export class LinkEscapeError extends RefusedError {
  readonly link: string;

  constructor(link: string, target: string) {
    super(
      `${link} is a symbolic link that leads outside the repository (to ${target}); gitops-init does not write through it: replace the link with a regular file or directory`,
      { code: 'LINK_ESCAPE' },
    );
    this.link = link;
  }
}

/**
 * The file no longer holds what the caller read from it: another program changed, replaced or
 * removed it (or created it) meanwhile. It was left as it is. Exit 1.
 */
export class ChangedSinceReadError extends RefusedError {
  readonly file: string;

  constructor(file: string) {
    super(`${file} changed since gitops-init read it; it was left as it is: run the command again`, {
      code: 'CHANGED_SINCE_READ',
    });
    this.file = file;
  }
}

/** The real path of `file`, which need not exist: links are followed, also dangling ones and those in parent directories. */
function realPathOf(file: string, depth = 0): string {
  if (depth > 40) return file;
  try {
    return realpathSync(file);
  } catch {
    // Missing (or a dangling link): resolve what exists.
  }
  let stats;
  try {
    stats = lstatSync(file);
  } catch {
    stats = undefined;
  }
  if (stats?.isSymbolicLink()) return realPathOf(path.resolve(path.dirname(file), readlinkSync(file)), depth + 1);
  const parent = path.dirname(file);
  return parent === file ? file : path.join(realPathOf(parent, depth + 1), path.basename(file));
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/**
 * Refuses a write to `file` whose real path leaves `root`, naming the first link on the way
 * (the file itself or a directory above it) that leads out.
 */
export function assertInsideRepository(root: string, file: string): void {
  const realRoot = realPathOf(path.resolve(root));
  const absolute = path.resolve(root, file);
  if (isInside(realRoot, realPathOf(absolute))) return;
  const relative = path.relative(root, absolute);
  const parts = relative.split(path.sep);
  for (let index = 1; index <= parts.length; index += 1) {
    const candidate = path.join(root, ...parts.slice(0, index));
    let isLink: boolean;
    try {
      isLink = lstatSync(candidate).isSymbolicLink();
    } catch {
      break;
    }
    if (isLink && !isInside(realRoot, realPathOf(candidate))) {
      throw new LinkEscapeError(parts.slice(0, index).join('/'), realPathOf(candidate));
    }
  }
  throw new LinkEscapeError(relative.split(path.sep).join('/'), realPathOf(absolute));
}

export interface WriteOptions {
  /** The mode of a new file (an existing file keeps its own). */
  mode?: number;
  /**
   * The repository the file belongs to: the write is refused (LinkEscapeError) when the file's
   * real path, links in its directories included, is outside it.
   */
  root?: string;
  /** Create the file only if it does not exist; an existing one fails with an EEXIST error. */
  exclusive?: boolean;
  /**
   * What the caller read from the file (null: it did not exist). The file is replaced only if
   * it still holds exactly this when the new content is about to be renamed into place;
   * otherwise nothing is written and ChangedSinceReadError is thrown, so that a change made
   * since the read (by an editor, another command) is never overwritten.
   */
  expected?: string | Buffer | null;
}

/** Writes a new file under a temporary name, then links it into place, which fails when the file exists. */
function createExclusively(file: string, content: string | Buffer, mode: number | undefined): void {
  const temporary = temporaryName(file);
  const fd = openSync(temporary, 'wx', mode ?? 0o644);
  try {
    try {
      writeAll(fd, typeof content === 'string' ? Buffer.from(content) : content);
    } finally {
      closeSync(fd);
    }
    linkSync(temporary, file);
  } finally {
    unlinkSync(temporary);
  }
}

function temporaryName(file: string): string {
  return `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
}

/** Writes all of `bytes` to an open file. */
function writeAll(fd: number, bytes: Buffer): void {
  for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset);
}

/** Whether `file` holds exactly `expected` now. */
function holds(file: string, expected: Buffer): boolean {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return false;
  }
  // The size first: most changes show there without reading the file.
  return stat.isFile() && stat.size === expected.length && readFileSync(file).equals(expected);
}

/**
 * Replaces `file` with `content` only while it still holds `expected`: the new content is
 * written to a temporary file beside it (with the file's mode and, as root, its owner), and the
 * comparison runs synchronously right before the rename, so the two are microseconds apart. A
 * file that did not exist (`expected` null) is created exclusively.
 */
function replaceIfUnchanged(
  file: string,
  content: string | Buffer,
  expected: string | Buffer | null,
  mode: number | undefined,
): void {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  if (expected === null) {
    try {
      createExclusively(file, bytes, mode);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new ChangedSinceReadError(file);
      throw error;
    }
    return;
  }
  let target: string;
  let stat;
  try {
    // A link inside the repository is written through, as write-file-atomic does.
    target = realpathSync(file);
    stat = statSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ChangedSinceReadError(file);
    throw error;
  }
  const was = typeof expected === 'string' ? Buffer.from(expected) : expected;
  const temporary = temporaryName(target);
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    try {
      writeAll(fd, bytes);
      if (process.getuid?.() === 0) fchownSync(fd, stat.uid, stat.gid);
      fchmodSync(fd, stat.mode & 0o7777);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (!holds(target, was)) throw new ChangedSinceReadError(file);
    renameSync(temporary, target);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Renamed into place, or never made.
    }
    throw error;
  }
}

/**
 * Writes a file through a temporary file in the same directory and a rename, so an
 * interrupted run never leaves a half-written file. Keeps the mode of an existing file.
 * With `root`, refuses to write through a link that leads out of the repository; with
 * `expected`, writes only over the content the caller read.
 */
export async function writeFileAtomically(
  file: string,
  content: string | Buffer,
  options: WriteOptions = {},
): Promise<void> {
  if (options.root !== undefined) assertInsideRepository(options.root, file);
  ensureDirectory(path.dirname(file));
  if (options.expected !== undefined) {
    replaceIfUnchanged(file, content, options.expected, options.mode);
    return;
  }
  if (options.exclusive) {
    createExclusively(file, content, options.mode);
    return;
  }
  // Loaded on first write: most commands (and lint without --fix or --cache) write nothing.
  const { default: writeFileAtomic } = await import('write-file-atomic');
  await writeFileAtomic(file, content, options.mode === undefined ? {} : { mode: options.mode });
}
