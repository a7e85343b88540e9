import { UsageError } from '../errors.js';
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

export const REGULAR_FILE_MODES: ReadonlySet<string> = new Set(['100644', '100755']);
export const SYMLINK_MODE = '120000';

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
    output = await runGit(['ls-files', '-z', '--stage', '-v'], { cwd });
  } catch (error) {
    if (error instanceof GitCommandError) throw notARepository(cwd, error);
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
  try {
    const output = await runGit(
      [
        'diff-index',
        '--cached',
        '--name-only',
        '-z',
        '--no-renames',
        '--relative',
        '--diff-filter=ACMRTU',
        'HEAD',
        '--',
      ],
      { cwd },
    );
    return splitNul(output);
  } catch (error) {
    if (!(error instanceof GitCommandError)) throw error;
    // An unborn branch has no HEAD: everything in the index is being committed.
    try {
      await runGit(['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd });
    } catch (revParseError) {
      if (revParseError instanceof GitCommandError && revParseError.status === 1) return 'all';
      throw notARepository(cwd, revParseError);
    }
    throw error;
  }
}

/** Paths whose working tree copy differs from the index (modified, deleted or changed in type). */
export async function readWorktreeChanges(cwd: string): Promise<string[]> {
  const output = await runGit(['diff-files', '--name-only', '-z', '--relative', '--'], { cwd });
  return splitNul(output);
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
