import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Descriptor, GitopsTool, RepositoryKind, RuleEntry } from '../config/descriptor.js';
import type { Diagnostic, RunCache, StoredRun } from '../engine/linter.js';
import type { AnyRule } from '../engine/rule.js';
import { writeFileAtomically } from '../files/atomic-write.js';

/** Bumped when the file's layout changes; an older file is then simply not used. */
const CACHE_FORMAT = 2;
const CACHE_FILE_NAME = 'lint-cache.json';

interface CacheFileContent {
  format: number;
  key: string;
  runs: Record<string, StoredRun>;
}

/**
 * The default cache directory: node_modules/.cache/gitops-init/ when the repository has a
 * node_modules (where tools keep caches, ignored by every .gitignore for Node), else
 * .gitops-init-cache/ (to be ignored by git; the file index always skips it).
 */
export function defaultCacheDirectory(root: string): string {
  return existsSync(path.join(root, 'node_modules'))
    ? path.join(root, 'node_modules', '.cache', 'gitops-init')
    : path.join(root, '.gitops-init-cache');
}

/**
 * The cache file for a --cache-location: a directory (an existing one, or a path ending in a
 * slash) holds lint-cache.json; anything else is the file itself. Relative to `cwd`.
 */
export function resolveCacheFile(cwd: string, root: string, location: string | undefined): string {
  if (location === undefined || location === '') return path.join(defaultCacheDirectory(root), CACHE_FILE_NAME);
  const resolved = path.resolve(cwd, location);
  let isDirectory = /[\\/]$/.test(location);
  if (!isDirectory) {
    try {
      isDirectory = statSync(resolved).isDirectory();
    } catch {
      isDirectory = false;
    }
  }
  return isDirectory ? path.join(resolved, CACHE_FILE_NAME) : resolved;
}

export interface LintCacheKeyParts {
  /** gitops-init's version. */
  version: string;
  descriptor: Descriptor | undefined;
  /** --rule settings. */
  cliRules: Record<string, RuleEntry>;
  kind: RepositoryKind | undefined;
  tool: GitopsTool | undefined;
  rules: readonly AnyRule[];
}

/**
 * A hash of everything besides the files that decides the results: the tool version, the
 * descriptor (rule settings, overrides, ignores, limits), --rule, --kind and --tool, and the
 * rules themselves (their metadata and code, so that a custom rule that changes without a
 * version bump is not served stale results).
 */
export function lintCacheKey(parts: LintCacheKeyParts): string {
  const rules = parts.rules.map((rule): unknown[] => [rule.id, rule.meta, rule.defaultOptions as unknown, rule.check.toString()]);
  const material = JSON.stringify([CACHE_FORMAT, parts.version, parts.descriptor ?? null, parts.cliRules, parts.kind ?? null, parts.tool ?? null, rules]);
  return createHash('sha1').update(material).digest('base64url');
}

function isStoredRun(value: unknown): value is StoredRun {
  if (typeof value !== 'object' || value === null) return false;
  const run = value as Partial<StoredRun>;
  return (
    typeof run.dependencies === 'object' &&
    run.dependencies !== null &&
    Object.values(run.dependencies).every((fingerprint) => typeof fingerprint === 'string') &&
    Array.isArray(run.diagnostics) &&
    run.diagnostics.every(isDiagnostic) &&
    (run.notes === undefined || (Array.isArray(run.notes) && run.notes.every((note) => typeof note === 'string'))) &&
    (run.tallies === undefined || isTallies(run.tallies))
  );
}

function isTallies(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every(
      (counts: unknown) => typeof counts === 'object' && counts !== null && Object.values(counts).every((count) => typeof count === 'number'),
    )
  );
}

function isDiagnostic(value: unknown): value is Diagnostic {
  if (typeof value !== 'object' || value === null) return false;
  const diagnostic = value as Partial<Diagnostic>;
  return (
    (typeof diagnostic.ruleId === 'string' || diagnostic.ruleId === null) &&
    (diagnostic.severity === 1 || diagnostic.severity === 2) &&
    typeof diagnostic.message === 'string' &&
    typeof diagnostic.file === 'string'
  );
}

/**
 * Lint results kept between runs in one JSON file. Whatever is wrong with the file (missing,
 * unreadable, not JSON, another format, another tool version or configuration) means an empty
 * cache, never an error; it is written atomically, so concurrent runs cannot corrupt it (the
 * last one wins).
 */
export class LintCache implements RunCache {
  readonly file: string;
  readonly #key: string;
  readonly #runs: Map<string, StoredRun>;
  #changed = false;

  private constructor(file: string, key: string, runs: Map<string, StoredRun>) {
    this.file = file;
    this.#key = key;
    this.#runs = runs;
  }

  static load(file: string, key: string): LintCache {
    const runs = new Map<string, StoredRun>();
    try {
      const content = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFileContent>;
      if (content.format === CACHE_FORMAT && content.key === key && typeof content.runs === 'object' && content.runs !== null) {
        for (const [runKey, run] of Object.entries(content.runs)) if (isStoredRun(run)) runs.set(runKey, run);
      }
    } catch {
      // No cache yet, or one that cannot be used: start empty.
    }
    return new LintCache(file, key, runs);
  }

  get size(): number {
    return this.#runs.size;
  }

  get(key: string): StoredRun | undefined {
    return this.#runs.get(key);
  }

  set(key: string, run: StoredRun): void {
    this.#runs.set(key, run);
    this.#changed = true;
  }

  /** A view that stores runs but offers none for reuse (for --fix, which re-lints what it changes). */
  writer(): RunCache {
    return { get: () => undefined, set: (key, run) => this.set(key, run) };
  }

  /** Drops the per-file results of files that are no longer listed. */
  prune(files: ReadonlySet<string>): void {
    for (const key of this.#runs.keys()) {
      if (key.startsWith('file:') && !files.has(key.slice('file:'.length))) {
        this.#runs.delete(key);
        this.#changed = true;
      }
    }
  }

  /** Writes the file if anything changed. */
  async save(): Promise<void> {
    if (!this.#changed) return;
    const content: CacheFileContent = { format: CACHE_FORMAT, key: this.#key, runs: Object.fromEntries(this.#runs) };
    await writeFileAtomically(this.file, JSON.stringify(content));
    this.#changed = false;
  }
}
