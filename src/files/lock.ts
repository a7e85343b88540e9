import { closeSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { RefusedError } from '../errors.js';
import { describeSystemError, UnwritableError } from './writable.js';

/** How long a command waits for another holder of the repository lock, by default. */
export const LOCK_TIMEOUT_MS = 10_000;
const RETRY_MS = 25;
/** A lock file without a readable pid is a holder caught between create and write, unless it is this old. */
const UNREADABLE_STALE_MS = 5_000;

/** The lock could not be had in time: another gitops-init holds it. Exit 1. */
export class LockTimeoutError extends RefusedError {
  readonly lockFile: string;

  constructor(lockFile: string, holder: string) {
    super(
      `the repository lock ${lockFile} is held by ${holder}; wait for that gitops-init to finish, or delete ${lockFile} if none is running`,
      { code: 'LOCKED' },
    );
    this.lockFile = lockFile;
  }
}

/**
 * Where the lock of the repository at `root` lives: in its git directory (`.git/gitops-init.lock`,
 * following a worktree's or submodule's `gitdir:` file), or `.gitops-init.lock` in the root of a
 * directory without `.git`.
 */
export function lockFileFor(root: string): string {
  const dotGit = path.join(root, '.git');
  try {
    if (statSync(dotGit).isDirectory()) return path.join(dotGit, 'gitops-init.lock');
    const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'));
    if (pointer?.[1] !== undefined) return path.join(path.resolve(root, pointer[1]), 'gitops-init.lock');
  } catch {
    // No .git: the lock goes in the root.
  }
  return path.join(root, '.gitops-init.lock');
}

interface Holder {
  pid: number | undefined;
  since: string | undefined;
  content: string;
}

function readHolder(file: string): Holder | undefined {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const pid = /^pid (\d+)$/m.exec(content)?.[1];
  return { pid: pid === undefined ? undefined : Number(pid), since: /^since (.+)$/m.exec(content)?.[1], content };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(file: string, holder: Holder): boolean {
  if (holder.pid !== undefined) return !isAlive(holder.pid);
  try {
    return Date.now() - statSync(file).mtimeMs > UNREADABLE_STALE_MS;
  } catch {
    return false;
  }
}

/**
 * Removes a stale lock without removing a fresh one that replaced it meanwhile: the file is
 * moved aside first and only deleted when it is still the one judged stale.
 */
function removeStale(file: string, stale: Holder): void {
  const aside = `${file}.${process.pid}.stale`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if (readFileSync(aside, 'utf8') !== stale.content) {
      // A live holder's lock: put it back unless someone took the lock in between.
      try {
        linkSync(aside, file);
      } catch {
        // EEXIST: a newer holder already has it; that one stands.
      }
    }
  } finally {
    unlinkSync(aside);
  }
}

function tryCreate(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new UnwritableError(
      `cannot create the repository lock ${file}: ${describeSystemError(error)}; make ${path.dirname(file)} writable`,
      file,
      { cause: error },
    );
  }
  try {
    writeSync(fd, `pid ${process.pid}\nsince ${new Date().toISOString()}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Signals that end a process by default: the lock is removed before the process ends of them. */
const ENDING_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Removes the lock file when the process is ended by a signal while holding it (Ctrl-C), then
 * ends the process of the same signal, as it would have without this. Without it the lock file
 * would stay, in the new repository's tree when `new` holds `.gitops-init.lock`. Returns the
 * function that stops listening.
 */
function releaseOnSignals(file: string): () => void {
  const stop = (): void => {
    for (const signal of ENDING_SIGNALS) process.removeListener(signal, onSignal);
  };
  function onSignal(signal: NodeJS.Signals): void {
    stop();
    try {
      unlinkSync(file);
    } catch {
      // Already gone.
    }
    process.kill(process.pid, signal);
  }
  for (const signal of ENDING_SIGNALS) process.on(signal, onSignal);
  return stop;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `action` while holding the repository lock, so that read-modify-write commands run one
 * at a time. Waits up to `timeoutMs` for another holder; a lock whose process is gone is stale
 * and removed. Whatever `action` reads must be read inside it.
 */
export async function withRepositoryLock<T>(
  root: string,
  action: () => Promise<T> | T,
  options: { timeoutMs?: number } = {},
): Promise<T> {
  const file = lockFileFor(root);
  const deadline = Date.now() + (options.timeoutMs ?? LOCK_TIMEOUT_MS);
  for (;;) {
    if (tryCreate(file)) break;
    const holder = readHolder(file);
    if (holder === undefined) continue;
    if (isStale(file, holder)) {
      removeStale(file, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new LockTimeoutError(
        file,
        holder.pid === undefined
          ? 'another process'
          : `process ${holder.pid}${holder.since ? ` since ${holder.since}` : ''}`,
      );
    }
    await sleep(RETRY_MS + Math.floor(Math.random() * RETRY_MS));
  }
  const stopListening = releaseOnSignals(file);
  try {
    return await action();
  } finally {
    stopListening();
    try {
      unlinkSync(file);
    } catch {
      // Already removed (by hand); nothing to release.
    }
  }
}
