import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../errors.js';
import { cacheDirectory } from '../day2/base-package.js';

/** A repository `release verify` cannot reach, or a tag it does not have: one line, exit 2. */
export class UnreachableRepositoryError extends UsageError {
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(message, {
      code: options?.code ?? 'UNREACHABLE',
      ...(options?.cause === undefined ? {} : { cause: options.cause }),
    });
  }
}

/** A checkout of one repository at one tag, in a directory of its own. */
export interface TagCheckout {
  /** The repository as given (a path, a file:// or remote URL). */
  repository: string;
  tag: string;
  /** The commit the tag points at. */
  commit: string;
  /** Absolute path of the checkout (a git work tree, HEAD detached at the commit). */
  directory: string;
  /** Whether the checkout came from the cache of an earlier run. */
  cached: boolean;
  /** Removes a temporary checkout; a cached one stays. */
  dispose(): void;
}

/** Whether `given` is a URL git fetches (scheme://…, or scp-like user@host:path) rather than a path. */
export function isRepositoryUrl(given: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(given) || /^[^/@:\s]+@[^/:\s]+:/.test(given);
}

interface GitResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs git without a terminal: a remote that wants credentials fails instead of asking. */
function git(args: readonly string[], cwd: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...args],
      {
        cwd,
        encoding: 'utf8',
        timeout: 300_000,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '', SSH_ASKPASS: '' },
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code === 'string') {
          reject(
            error.code === 'ENOENT'
              ? new UsageError('git is not installed or not on PATH; release verify needs git', { cause: error })
              : new Error(error.message, { cause: error }),
          );
          return;
        }
        resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.replace(/^(fatal|error):\s*/, '').trim())
      .find((line) => line !== '') ?? 'git failed'
  );
}

/** The commit a tag points at, from `git ls-remote` output (the peeled line of an annotated tag wins). */
function commitOfTag(output: string, tag: string): string | undefined {
  let direct: string | undefined;
  for (const line of output.split('\n')) {
    const [commit, ref] = line.trim().split(/\s+/);
    if (ref === `refs/tags/${tag}^{}`) return commit;
    if (ref === `refs/tags/${tag}`) direct = commit;
  }
  return direct;
}

function missingTag(repository: string, tag: string, role: string): UnreachableRepositoryError {
  return new UnreachableRepositoryError(
    `the ${role} repository ${repository} has no tag ${tag}; tag the tested version there (gitops-init version tag) or fix the release's version`,
    { code: 'MISSING_TAG' },
  );
}

/**
 * Checks `repository` out at `tag`. A local path is cloned (depth 1) into a temporary directory
 * that `dispose` removes; a URL (file:// included) is fetched shallowly into the cache,
 * `<cache>/repositories/<url digest>/<commit>`, and reused while the tag points at the same commit.
 * An unreachable repository or a missing tag is an {@link UnreachableRepositoryError}.
 */
export async function checkoutTag(
  repository: string,
  tag: string,
  options: { cwd: string; role: string; cache?: string },
): Promise<TagCheckout> {
  const isUrl = isRepositoryUrl(repository);
  let source: string;
  if (isUrl) {
    source = repository;
  } else {
    const absolute = path.resolve(options.cwd, repository);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch {
      isDirectory = false;
    }
    if (!isDirectory)
      throw new UnreachableRepositoryError(
        `the ${options.role} repository ${repository} is not reachable: no directory ${absolute}; pass its path or URL with ${options.role === 'application' ? '{{option:appRepo}}' : '{{option:infraRepo}}'}`,
      );
    // file:// makes git copy objects as it would from a remote, so that --depth applies.
    source = pathToFileURL(absolute).href;
  }
  const listed = await git(['ls-remote', '--tags', source, `refs/tags/${tag}`, `refs/tags/${tag}^{}`], options.cwd);
  if (listed.status !== 0) {
    throw new UnreachableRepositoryError(
      `the ${options.role} repository ${repository} is not reachable (git ls-remote: ${firstLine(listed.stderr)}); check its path or URL, and your access`,
    );
  }
  const commit = commitOfTag(listed.stdout, tag);
  if (commit === undefined) throw missingTag(repository, tag, options.role);
  const cacheRoot = isUrl ? path.join(options.cache ?? cacheDirectory(), 'repositories') : undefined;
  const target =
    cacheRoot === undefined
      ? undefined
      : path.join(cacheRoot, createHash('sha256').update(repository).digest('hex').slice(0, 24), commit);
  if (target !== undefined && existsSync(path.join(target, '.git'))) {
    return { repository, tag, commit, directory: target, cached: true, dispose: () => undefined };
  }
  const parent = target === undefined ? tmpdir() : path.dirname(target);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(path.join(parent, target === undefined ? 'gitops-init-verify-' : `${commit}.partial-`));
  try {
    const cloned = await git(
      ['-c', 'advice.detachedHead=false', 'clone', '--quiet', '--depth', '1', '--branch', tag, source, staging],
      options.cwd,
    );
    if (cloned.status !== 0) {
      throw new UnreachableRepositoryError(
        `cannot fetch ${tag} of the ${options.role} repository ${repository} (git clone: ${firstLine(cloned.stderr)})`,
      );
    }
    const head = (await git(['rev-parse', 'HEAD'], staging)).stdout.trim();
    if (head !== commit) {
      throw new UnreachableRepositoryError(
        `${tag} of the ${options.role} repository ${repository} moved while it was fetched (${commit.slice(0, 12)}, then ${head.slice(0, 12)}); run release verify again`,
      );
    }
    if (target === undefined) {
      return {
        repository,
        tag,
        commit,
        directory: staging,
        cached: false,
        dispose: () => rmSync(staging, { recursive: true, force: true }),
      };
    }
    try {
      renameSync(staging, target);
    } catch (error) {
      // Another run fetched the same commit meanwhile: use that one.
      if (!existsSync(path.join(target, '.git'))) throw error;
      rmSync(staging, { recursive: true, force: true });
    }
    return { repository, tag, commit, directory: target, cached: false, dispose: () => undefined };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
