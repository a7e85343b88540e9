import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Descriptor, GitopsTool, RepositoryKind, RuleEntry } from '../config/descriptor.js';
import type { Diagnostic, RunCache, StoredRun } from '../engine/linter.js';
import type { AnyRule } from '../engine/rule.js';
import { writeFileAtomically } from '../files/atomic-write.js';

/** Bumped when the file's layout changes; an older file is then simply not used. */
const CACHE_FORMAT = 3;
const CACHE_FILE_NAME = 'lint-cache.json';

/** A stored run as written: its dependencies on other files may be a shared set, by index. */
type WrittenRun = StoredRun & { shared?: number };

interface CacheFileContent {
  format: number;
  key: string;
  /**
   * Dependency sets that many files' runs have in common (what rules asked about the rest of
   * the repository), written once: with 10,000 files, most runs share one or two.
   */
  shared: Record<string, string>[];
  runs: Record<string, WrittenRun>;
}

/** A per-file run's dependencies on its own file (`c:<file>`, `y:<file>`, …), the rest shared. */
function splitDependencies(runKey: string, dependencies: Record<string, string>): [own: Record<string, string>, rest: Record<string, string>] {
  const file = runKey.startsWith('file:') ? runKey.slice('file:'.length) : undefined;
  if (file === undefined) return [dependencies, {}];
  const own: Record<string, string> = {};
  const rest: Record<string, string> = {};
  for (const [query, fingerprint] of Object.entries(dependencies)) {
    if (query.slice(2) === file) own[query] = fingerprint;
    else rest[query] = fingerprint;
  }
  return [own, rest];
}

function isDependencies(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && Object.values(value).every((fingerprint) => typeof fingerprint === 'string');
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
      const shared = (Array.isArray(content.shared) ? (content.shared as unknown[]) : []).map((set) => (isDependencies(set) ? set : undefined));
      if (content.format === CACHE_FORMAT && content.key === key && typeof content.runs === 'object' && content.runs !== null) {
        for (const [runKey, written] of Object.entries(content.runs)) {
          if (typeof written !== 'object' || written === null) continue;
          const { shared: index, ...run } = written;
          if (!isStoredRun(run)) continue;
          if (index !== undefined) {
            const dependencies = typeof index === 'number' ? shared[index] : undefined;
            if (dependencies === undefined) continue;
            run.dependencies = { ...dependencies, ...run.dependencies };
          }
          runs.set(runKey, run);
        }
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
    const shared: Record<string, string>[] = [];
    const sharedIndex = new Map<string, number>();
    const runs: Record<string, WrittenRun> = {};
    for (const [runKey, run] of this.#runs) {
      const [own, rest] = splitDependencies(runKey, run.dependencies);
      const restKey = JSON.stringify(rest);
      if (restKey === '{}') {
        runs[runKey] = run;
        continue;
      }
      let index = sharedIndex.get(restKey);
      if (index === undefined) {
        index = shared.push(rest) - 1;
        sharedIndex.set(restKey, index);
      }
      runs[runKey] = { ...run, dependencies: own, shared: index };
    }
    const content: CacheFileContent = { format: CACHE_FORMAT, key: this.#key, shared, runs };
    await writeFileAtomically(this.file, JSON.stringify(content));
    this.#changed = false;
  }
}
