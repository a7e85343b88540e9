import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { UsageError } from '../errors.js';

/** A git command that exited with a status other than 0. */
export class GitCommandError extends Error {
  readonly status: number | null;
  readonly stderr: string;

  constructor(args: readonly string[], status: number | null, stderr: string) {
    super(`git ${args.join(' ')} failed (${status ?? 'signal'}): ${stderr.trim().split('\n')[0] ?? ''}`);
    this.status = status;
    this.stderr = stderr;
  }
}

export interface GitRunOptions {
  cwd: string;
  /** Written to the command's standard input, which is then closed. */
  input?: string | Buffer;
}

/**
 * Runs a git plumbing command and returns its standard output. The environment is passed on
 * as it is: inside a hook, git sets GIT_INDEX_FILE (a temporary index for `git commit -a` or
 * `git commit <paths>`), and the commands must read that index, not .git/index.
 */
export function runGit(args: readonly string[], options: GitRunOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...args], { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        // spawn says ENOENT both for a missing git and for a missing working directory.
        error.code === 'ENOENT' && existsSync(options.cwd)
          ? new UsageError('git is not installed or not on PATH; install git to lint staged files', { cause: error })
          : error,
      );
    });
    child.on('close', (status) => {
      if (status === 0) resolve(Buffer.concat(chunks));
      else reject(new GitCommandError(args, status, stderr));
    });
    // A command that exits before reading all of its input closes the pipe; its status tells the story.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** Splits NUL-terminated output (`-z`) into its records. */
export function splitNul(output: Buffer): string[] {
  const text = output.toString('utf8');
  const records = text.split('\0');
  if (records.at(-1) === '') records.pop();
  return records;
}
