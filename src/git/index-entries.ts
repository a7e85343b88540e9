import { statSync } from 'node:fs';
import path from 'node:path';
import { oneLine, quote, UsageError } from '../errors.js';
import { GitCommandError, runGit, splitNul } from './command.js';

/** One path in git's index (https://git-scm.com/docs/git-ls-files, `--stage`). */
export interface IndexEntry {
  /** Path relative to the directory git ran in, POSIX separators. */
  path: string;
  /** `100644`, `100755` (files), `120000` (symbolic links) or `160000` (submodules). */
  mode: string;
  oid: string;
  /** 0 normally; 1, 2 and 3 for the sides of an unresolved merge conflict. */
  stage: number;
  /**
   * Set when git does not look at the working tree copy (assume-unchanged or skip-worktree), so
   * that copy may differ from the index without git saying so.
   */
  worktreeUntrusted: boolean;
}

/** git's false booleans (https://git-scm.com/docs/git-config#_values); a key without a value is true. */
const FALSE_VALUES: ReadonlySet<string> = new Set(['false', 'no', 'off', '0', '']);

/**
 * Whether the repository relaxes git's stat check: `core.trustctime=false` (the change time is
 * not compared) or `core.checkStat=minimal` (only the size and the whole seconds of the
 * modification time). git then takes a same-size edit that puts the modification time back for
 * no change at all, so its word that a file is unchanged since the index cannot be trusted
 * (https://git-scm.com/docs/git-config#Documentation/git-config.txt-corecheckStat). One
 * `git config` call; when it fails for another reason than finding neither key, the check
 * counts as relaxed.
 */
export async function isStatCheckRelaxed(cwd: string): Promise<boolean> {
  let output: Buffer;
  try {
    output = await runGit(['config', '-z', '--get-regexp', '^core\\.(trustctime|checkstat)$'], { cwd });
  } catch (error) {
    // Status 1: neither key is set.
    return !(error instanceof GitCommandError && error.status === 1);
  }
  let trustCtime = true;
  let checkStat = 'default';
  // "<key>\n<value>\0", or "<key>\0" for a key without a value; the last one wins, as in git.
  for (const entry of splitNul(output)) {
    const newline = entry.indexOf('\n');
    const key = newline === -1 ? entry : entry.slice(0, newline);
    const value = newline === -1 ? undefined : entry.slice(newline + 1).toLowerCase();
    if (key === 'core.trustctime') trustCtime = value === undefined || !FALSE_VALUES.has(value);
    else if (key === 'core.checkstat' && value !== undefined) checkStat = value;
  }
  return !trustCtime || checkStat === 'minimal';
}

export const REGULAR_FILE_MODES: ReadonlySet<string> = new Set(['100644', '100755']);
export const SYMLINK_MODE = '120000';

/** The code of the errors about git's index file (see checkIndexFile and indexReadError). */
export const INDEX_FILE_ERROR = 'GIT_INDEX';

/** Whether an error is about git's index file (a bad GIT_INDEX_FILE, an index git cannot read). */
export function isIndexFileError(error: unknown): error is UsageError {
  return error instanceof UsageError && error.code === INDEX_FILE_ERROR;
}

/** GIT_INDEX_FILE when it is set: git then reads that file as the index instead of its own. */
function indexFileVariable(): string | undefined {
  return process.env.GIT_INDEX_FILE;
}

function badIndexFile(value: string, problem: string, error?: unknown): UsageError {
  return new UsageError(
    `GIT_INDEX_FILE ${quote(value)}: ${problem}; unset GIT_INDEX_FILE, or point it at a git index (such as .git/index)`,
    { code: INDEX_FILE_ERROR, ...(error === undefined ? {} : { cause: error }) },
  );
}

/**
 * When GIT_INDEX_FILE is set, checks that it names a file. git reads a missing index as an
 * empty one, without a word: every tracked file would look deleted and nothing staged, and a
 * lint would pass over nothing. Throws a UsageError naming the variable; outside a repository
 * it does nothing (that failure is told where git is asked for the files).
 */
export async function checkIndexFile(cwd: string): Promise<void> {
  const value = indexFileVariable();
  if (value === undefined) return;
  if (value === '') throw badIndexFile(value, 'it is set but empty, so git reads no index');
  let location: string;
  try {
    // The index git reads, relative to cwd: a relative GIT_INDEX_FILE is relative to the top of the work tree.
    location = (await runGit(['rev-parse', '--git-path', 'index'], { cwd })).toString('utf8').replace(/\r?\n$/, '');
  } catch (error) {
    if (error instanceof GitCommandError) return;
    throw error;
  }
  const file = path.resolve(cwd, location);
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw badIndexFile(value, code === 'ENOENT' ? 'no such file' : `it cannot be read (${code})`, error);
  }
  if (!isFile) throw badIndexFile(value, 'it is not a file');
}

/**
 * A git command's failure to read the index (corrupt, truncated, unreadable) as one line
 * naming the index: GIT_INDEX_FILE when it is set, else the repository's own. Undefined for
 * any other failure.
 */
export function indexReadError(error: unknown): UsageError | undefined {
  if (!(error instanceof GitCommandError)) return undefined;
  const lines = error.stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^(fatal|error): .*\bindex\b/i.test(line));
  const line = lines.find((candidate) => candidate.startsWith('fatal: ')) ?? lines[0];
  if (line === undefined) return undefined;
  const reason = oneLine(line.replace(/^(fatal|error): /, ''));
  const value = indexFileVariable();
  if (value !== undefined && value !== '') return badIndexFile(value, `git cannot read it (${reason})`, error);
  return new UsageError(
    `git cannot read the repository's index (${reason}); rebuild it: remove the index file and run git reset (what was staged is unstaged)`,
    { code: INDEX_FILE_ERROR, cause: error },
  );
}

function notARepository(root: string, error: unknown): UsageError {
  return new UsageError(
    `${root} is not inside a git repository; {{option:staged}} lints git's index, so run it in a repository (git init)`,
    {
      cause: error,
    },
  );
}

/** The index entries under `cwd`, with paths relative to it. */
export async function readIndexEntries(cwd: string): Promise<IndexEntry[]> {
  let output: Buffer;
  try {
    // The check's own failure names the problem best, so it comes first.
    const [listed, checked] = await Promise.allSettled([
      runGit(['ls-files', '-z', '--stage', '-v'], { cwd }),
      checkIndexFile(cwd),
    ]);
    if (checked.status === 'rejected') throw checked.reason;
    if (listed.status === 'rejected') throw listed.reason;
    output = listed.value;
  } catch (error) {
    if (error instanceof GitCommandError) throw indexReadError(error) ?? notARepository(cwd, error);
    throw error;
  }
  const entries: IndexEntry[] = [];
  for (const record of splitNul(output)) {
    // "<tag> <mode> <oid> <stage>\t<path>"; a lower-case tag marks assume-unchanged, S skip-worktree.
    const match = /^(\S) (\d{6}) ([0-9a-f]+) (\d)\t(.*)$/s.exec(record);
    if (!match) continue;
    const [, tag = '', mode = '', oid = '', stage = '0', path = ''] = match;
    entries.push({
      path,
      mode,
      oid,
      stage: Number(stage),
      worktreeUntrusted: tag === 'S' || tag !== tag.toUpperCase(),
    });
  }
  return entries;
}

/**
 * Paths the commit adds, copies, modifies, renames (the new name), changes in type, or leaves
 * unmerged: the index compared with HEAD, or every index path before the first commit.
 * Deleted paths are not listed: they are simply no longer in the index.
 */
export async function readStagedPaths(cwd: string): Promise<string[] | 'all'> {
  const changes = await readStagedChanges(cwd);
  return changes === 'all' ? 'all' : changes.staged;
}

/** What a commit changes: the staged paths (as readStagedPaths) and the paths it adds and deletes. */
export interface StagedChanges extends StagedMoves {
  staged: string[];
}

/**
 * The staged paths (as readStagedPaths), and the paths the commit adds and deletes (a rename is
 * both, a change of type too), from one `git diff-index --cached`; 'all' before the first commit.
 */
export async function readStagedChanges(cwd: string): Promise<StagedChanges | 'all'> {
  let output: Buffer;
  try {
    output = await runGit(
      ['diff-index', '--cached', '--name-status', '-z', '--no-renames', '--relative', 'HEAD', '--'],
      { cwd },
    );
  } catch (error) {
    if (!(error instanceof GitCommandError)) throw error;
    const unreadable = indexReadError(error);
    if (unreadable) throw unreadable;
    // An unborn branch has no HEAD: everything in the index is being committed.
    try {
      await runGit(['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd });
    } catch (revParseError) {
      if (revParseError instanceof GitCommandError && revParseError.status === 1) return 'all';
      throw notARepository(cwd, revParseError);
    }
    throw error;
  }
  const records = splitNul(output);
  const changes: StagedChanges = { staged: [], added: [], deleted: [] };
  for (let index = 0; index + 1 < records.length; index += 2) {
    const status = records[index] ?? '';
    const file = records[index + 1] ?? '';
    if ('ACMRTU'.includes(status) && status.length === 1) changes.staged.push(file);
    if (status === 'A' || status === 'T') changes.added.push(file);
    if (status === 'D' || status === 'T') changes.deleted.push(file);
  }
  return changes;
}

/** Paths whose working tree copy differs from the index (modified, deleted or changed in type). */
/** What a commit adds and deletes (a rename is both, a change of type too), relative to `cwd`. */
export interface StagedMoves {
  added: string[];
  deleted: string[];
}

export async function readWorktreeChanges(cwd: string): Promise<string[]> {
  try {
    return splitNul(await runGit(['diff-files', '--name-only', '-z', '--relative', '--'], { cwd }));
  } catch (error) {
    throw indexReadError(error) ?? error;
  }
}

/**
 * Paths git knows under `cwd`: the index plus what was removed from it since HEAD (so that a
 * file deleted with `git rm` still counts as known). Undefined outside a repository.
 */
export async function readKnownPaths(cwd: string): Promise<Set<string> | undefined> {
  for (const args of [
    ['ls-files', '-z', '--with-tree=HEAD'],
    ['ls-files', '-z'],
  ]) {
    try {
      return new Set(splitNul(await runGit(args, { cwd })));
    } catch (error) {
      if (!(error instanceof GitCommandError)) throw error;
    }
  }
  return undefined;
}
