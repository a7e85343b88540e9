import { execFileSync } from 'node:child_process';
import { quote, UsageError } from '../errors.js';
import { GitCommandError, runGit, splitNul } from './command.js';
import { indexReadError } from './index-entries.js';

/** A revision to compare with (`lint --base <ref>`): which files changed since, and their text then. */
export interface BaseRevision {
  /** The revision as the user gave it. */
  readonly ref: string;
  /** The commit it resolves to. */
  readonly commit: string;
  /** Repository-relative paths that differ from the base: changed, added, deleted or untracked. */
  readonly changedFiles: ReadonlySet<string>;
  /** A file's text at the base, or undefined when it did not exist there. */
  text(file: string): string | undefined;
}

/**
 * Opens a base revision. `staged` compares with git's index (what the next commit records);
 * otherwise with the working tree, untracked files included.
 */
export async function openBaseRevision(root: string, ref: string, staged: boolean): Promise<BaseRevision> {
  let commit: string;
  try {
    commit = (await runGit(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: root }))
      .toString('utf8')
      .trim();
  } catch (error) {
    if (error instanceof GitCommandError) {
      throw new UsageError(
        `{{option:base}} ${quote(ref)}: not a commit in this repository; give a branch, tag or commit (e.g. origin/main)`,
        { cause: error },
      );
    }
    throw error;
  }
  let diff: Buffer;
  try {
    diff = await runGit(['diff', '--name-only', '-z', '--no-renames', ...(staged ? ['--cached'] : []), commit], {
      cwd: root,
    });
  } catch (error) {
    throw indexReadError(error) ?? error;
  }
  const changed = new Set(splitNul(diff));
  if (!staged) {
    for (const file of splitNul(await runGit(['ls-files', '--others', '--exclude-standard', '-z'], { cwd: root })))
      changed.add(file);
  }
  const texts = new Map<string, string | undefined>();
  return {
    ref,
    commit,
    changedFiles: changed,
    text(file) {
      if (!texts.has(file)) {
        let text: string | undefined;
        try {
          // Synchronous because rules are; each file is read once, and only the few a rule asks for.
          text = execFileSync('git', ['cat-file', 'blob', `${commit}:${file}`], {
            cwd: root,
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'ignore'],
            maxBuffer: 64 * 1024 * 1024,
          });
        } catch {
          text = undefined;
        }
        texts.set(file, text);
      }
      return texts.get(file);
    },
  };
}
