import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../engine/diagnostic.js';
import type { KnownFacts } from '../engine/file-facts.js';
import type { Repository } from '../engine/repository.js';
import type { RunStore } from '../engine/run-store.js';
import { relativePosix } from '../files/paths.js';
import { isGitopsError } from '../errors.js';
import { assertInsideRepository } from '../files/atomic-write.js';
import {
  cacheFileRepository,
  checkCacheFile,
  lintCacheKey,
  LintCache,
  resolveCacheFile,
  type LintCacheKeyParts,
  type RunSnapshot,
} from './lint-cache.js';

let rulesDigest: string | undefined;

/**
 * A digest of gitops-init's own rules as installed: the names and contents of the files in
 * rules/ (a rule's module holds its metadata, options and checks). It stands for the rules in
 * the cache key without loading them.
 */
export function builtinRulesDigest(): string {
  if (rulesDigest === undefined) {
    const directory = fileURLToPath(new URL('../../rules/', import.meta.url));
    const hash = createHash('sha1');
    for (const name of readdirSync(directory)
      .filter((entry) => /\.(js|ts)$/.test(entry) && !entry.endsWith('.d.ts'))
      .sort()) {
      hash
        .update(`${name}\0`)
        .update(readFileSync(path.join(directory, name)))
        .update('\0');
    }
    rulesDigest = hash.digest('base64url');
  }
  return rulesDigest;
}

/**
 * A digest of everything a run's outcome depends on besides the configuration (which keys the
 * cache): the file list, the target files and what identifies every file's content (its
 * version, taken before it is read, or the hash of a file that changed too recently).
 */
function runInputsDigest(repository: Repository, targets: readonly string[]): string {
  const hash = createHash('sha1');
  hash.update(targets.join('\0')).update('\0\0');
  for (const file of repository.files) hash.update(file).update('\0').update(repository.identity(file)).update('\0');
  return hash.digest('base64url');
}

/** What a finished run leaves for the next one. */
export interface RunOutcome {
  repository: Repository;
  /** Findings after directives, before bulk suppressions (a changed suppressions file applies to stored findings). */
  diagnostics: Diagnostic[];
  notes: string[];
  /** Whether --fix changed files (the outcome then describes content that was not read from the source). */
  fixed: boolean;
}

/**
 * The lint cache as a layer around the pipeline: the engine gets a run store and known facts
 * (its own interfaces) and never sees the cache file. A run over the same files, unchanged
 * since the last run, reuses the last run's outcome whole (`reuse`); otherwise stored runs are
 * reused rule by rule, and `save` writes what this run learnt.
 */
export class LintCacheLayer {
  readonly #cache: LintCache;
  /** The cache file, repository-relative: the tool's, never the repository's content. */
  readonly relativeFile: string;
  #inputs: string | undefined;
  #reused = false;

  private constructor(cache: LintCache, relativeFile: string) {
    this.#cache = cache;
    this.relativeFile = relativeFile;
  }

  static open(
    where: { cwd: string; root: string; cacheLocation: string | undefined },
    key: LintCacheKeyParts,
  ): LintCacheLayer {
    const file = resolveCacheFile(where.cwd, where.root, where.cacheLocation);
    // Before anything is read or run: what is there must be a cache file, or nothing, and a
    // cache file in the repository is not reached through a link out of it (LinkEscapeError).
    const repository = cacheFileRepository(where.root, file);
    if (repository !== undefined) assertInsideRepository(repository, file);
    checkCacheFile(file, where.cacheLocation);
    return new LintCacheLayer(LintCache.load(file, lintCacheKey(key), repository), relativePosix(where.root, file));
  }

  /** Absolute path of the cache file. */
  get file(): string {
    return this.#cache.file;
  }

  get known(): KnownFacts {
    return this.#cache;
  }

  /** Stored runs for the engine; --fix re-lints changed content: it stores its runs, but reuses none. */
  store(fix: boolean): RunStore {
    return fix ? this.#cache.writer() : this.#cache;
  }

  /** The last run's outcome, when it was over the same files and targets, all unchanged (never for --fix). */
  reuse(repository: Repository, targets: readonly string[], fix: boolean): RunSnapshot | undefined {
    this.#inputs = fix ? undefined : runInputsDigest(repository, targets);
    const snapshot = this.#inputs === undefined ? undefined : this.#cache.snapshot(this.#inputs);
    this.#reused = snapshot !== undefined;
    return snapshot;
  }

  /** Writes what the run learnt; returns a notice when the file cannot be written. */
  async save(outcome: RunOutcome): Promise<string | undefined> {
    if (this.#reused) return undefined;
    const cache = this.#cache;
    cache.setSnapshot(
      this.#inputs === undefined || outcome.fixed
        ? undefined
        : { inputs: this.#inputs, diagnostics: outcome.diagnostics, notes: outcome.notes },
    );
    cache.setFacts(outcome.repository.learnt());
    cache.prune(new Set(outcome.repository.files));
    try {
      await cache.save();
      return undefined;
    } catch (error) {
      // A link out of the repository that appeared since the run began: its own one line.
      if (isGitopsError(error)) return `${error.template}; results were not cached`;
      return `the cache file ${cache.file} cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'}); results were not cached`;
    }
  }
}
