import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  realpathSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import type { Descriptor, GitopsTool, RepositoryKind, RuleEntry } from '../config/descriptor.js';
import type { Diagnostic } from '../engine/diagnostic.js';
import type { FileFacts, KnownFacts, LearntFacts } from '../engine/file-facts.js';
import { decodeRunKey, encodeRunKey, pathOfQuery, type RunKey } from '../engine/queries.js';
import type { RunStore, StoredRun } from '../engine/run-store.js';
import type { AnyRule } from '../engine/rule.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import { isRecord } from '../manifests/plain-data.js';
import { quote, UsageError } from '../errors.js';

/** Bumped when the file's layout changes; an older file is then simply not used. */
const CACHE_FORMAT = 4;
const CACHE_FILE_NAME = 'lint-cache.json';

/** A stored run as written: its dependencies on other files may be a shared set, by index. */
type WrittenRun = StoredRun & { shared?: number };

interface CacheFileContent {
  /**
   * Dependency sets that many files' runs have in common (what rules asked about the rest of
   * the repository), written once: with 10,000 files, most runs share one or two.
   */
  shared: Record<string, string>[];
  runs: Record<string, WrittenRun>;
  /** Per file: [version, content hash, has directives (1/0, absent when not looked at)]. */
  files?: Record<string, [string, string, number?]>;
  /** Per text search: [digest of the YAML file list, ...matching files]. */
  searches?: Record<string, string[]>;
}

/** A per-file run's dependencies on its own file (its contents, whether it is YAML, …), the rest shared. */
function splitDependencies(
  runKey: string,
  dependencies: Record<string, string>,
): [own: Record<string, string>, rest: Record<string, string>] {
  const key = decodeRunKey(runKey);
  if (key?.scope !== 'file') return [dependencies, {}];
  const own: Record<string, string> = {};
  const rest: Record<string, string> = {};
  for (const [query, fingerprint] of Object.entries(dependencies)) {
    if (pathOfQuery(query) === key.file) own[query] = fingerprint;
    else rest[query] = fingerprint;
  }
  return [own, rest];
}

function sameFiles(a: Facts, b: Facts): boolean {
  if (a.size !== b.size) return false;
  for (const [file, facts] of a) {
    const other = b.get(file);
    if (other?.version !== facts.version || other.hash !== facts.hash || other.directives !== facts.directives)
      return false;
  }
  return true;
}

function sameSearches(a: Searches, b: Searches): boolean {
  if (a.size !== b.size) return false;
  for (const [search, entry] of a) {
    const other = b.get(search);
    if (other?.listDigest !== entry.listDigest || other.files.size !== entry.files.size) return false;
    for (const file of entry.files) if (!other.files.has(file)) return false;
  }
  return true;
}

function isDependencies(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((fingerprint) => typeof fingerprint === 'string')
  );
}

/** Whether `file` is `root` or below it. */
function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/**
 * The default cache directory: node_modules/.cache/gitops-init/ when the repository has a
 * node_modules (where tools keep caches, ignored by every .gitignore for Node), else
 * .gitops-init-cache/ (to be ignored by git; the file index always skips it). A node_modules
 * that is a link out of the repository (a git worktree sharing another checkout's) is not the
 * repository's to write in: the cache then goes to .gitops-init-cache/.
 */
export function defaultCacheDirectory(root: string): string {
  const modules = path.join(root, 'node_modules');
  let isOwn: boolean;
  try {
    isOwn = existsSync(modules) && isInside(realpathSync(root), realpathSync(modules));
  } catch {
    isOwn = false;
  }
  return isOwn ? path.join(modules, '.cache', 'gitops-init') : path.join(root, '.gitops-init-cache');
}

/**
 * The repository a cache file is written in, for the write to refuse links out of it
 * (writeFileAtomically's `root`); undefined when the cache file is outside the repository (a
 * --cache-location elsewhere), where there is no repository to keep to.
 */
export function cacheFileRepository(root: string, file: string): string | undefined {
  return isInside(path.resolve(root), path.resolve(file)) ? root : undefined;
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

/** How every cache file this tool wrote begins (its first line is a JSON header, format first). */
const CACHE_FILE_START = '{"format":';

/**
 * Refuses a cache file path that holds anything but a cache file this tool wrote, before the
 * run (the cache is written over atomically, which would replace it): a device (/dev/null), a
 * named pipe (which would also block the read), a directory, a socket, or another file (the
 * descriptor given by mistake). A path that does not exist is fine. Throws a UsageError
 * (exit 2) naming the path and the option.
 */
export function checkCacheFile(file: string, location: string | undefined): void {
  const shown = location === undefined || location === '' ? file : location;
  const refuse = (what: string): never => {
    throw new UsageError(
      `{{option:cacheLocation}} ${quote(shown)}: ${what}; the cache would replace it, give a new path or a cache file of gitops-init`,
    );
  };
  let descriptor: number;
  try {
    // O_NONBLOCK: a named pipe opens at once, to be refused.
    descriptor = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'EISDIR') return refuse('it is a directory');
    return refuse(`it cannot be read (${code ?? 'error'})`);
  }
  try {
    const stat = fstatSync(descriptor);
    if (stat.isDirectory()) refuse('it is a directory');
    if (!stat.isFile()) refuse('it is not a regular file (a device, a named pipe or a socket)');
    if (stat.size === 0) refuse('it is an existing file that is not a lint cache');
    const start = Buffer.alloc(CACHE_FILE_START.length);
    const read = readSync(descriptor, start, 0, start.length, 0);
    if (start.subarray(0, read).toString('utf8') !== CACHE_FILE_START)
      refuse('it is an existing file that is not a lint cache');
  } finally {
    closeSync(descriptor);
  }
}

export interface LintCacheKeyParts {
  /** gitops-init's version. */
  version: string;
  descriptor: Descriptor | undefined;
  /** --rule settings. */
  cliRules: Record<string, RuleEntry>;
  kind: RepositoryKind | undefined;
  tool: GitopsTool | undefined;
  /** The rules, or a digest of their source files (gitops-init's own, without loading them). */
  rules: readonly AnyRule[] | string;
}

/**
 * A hash of everything besides the files that decides the results: the tool version, the
 * descriptor (rule settings, overrides, ignores, limits), --rule, --kind and --tool, the user
 * and groups the run reads as, and the
 * rules themselves (their metadata and code, so that a custom rule that changes without a
 * version bump is not served stale results).
 */
export function lintCacheKey(parts: LintCacheKeyParts): string {
  const rules =
    typeof parts.rules === 'string'
      ? parts.rules
      : parts.rules.map((rule): unknown[] => [
          rule.id,
          rule.meta,
          rule.defaultOptions as unknown,
          rule.check.toString(),
        ]);
  // Who reads decides what can be read (a file only root may read is a finding for others):
  // a cache written by another user or group is not reused.
  const reader = [process.getuid?.() ?? null, process.getgid?.() ?? null, process.getgroups?.() ?? null];
  const material = JSON.stringify([
    CACHE_FORMAT,
    parts.version,
    parts.descriptor ?? null,
    parts.cliRules,
    parts.kind ?? null,
    parts.tool ?? null,
    rules,
    reader,
  ]);
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
      (counts: unknown) =>
        typeof counts === 'object' &&
        counts !== null &&
        Object.values(counts).every((count) => typeof count === 'number'),
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

/** A whole run's outcome, reused when nothing it depends on has changed (see LintCache.snapshot). */
export interface RunSnapshot {
  /** Digest of the file list, the target files and every file's version. */
  inputs: string;
  /** Findings after inline directives. */
  diagnostics: Diagnostic[];
  notes: string[];
}

/** The cache file's first line: enough for a run over unchanged files, without parsing the rest. */
interface CacheFileHeader {
  format: number;
  key: string;
  snapshot?: RunSnapshot;
}

type Facts = Map<string, FileFacts & { version: string }>;
type Searches = Map<string, { listDigest: string; files: ReadonlySet<string> }>;

interface CacheBody {
  runs: Map<string, StoredRun>;
  files: Facts;
  searches: Searches;
}

/** The first line of a file (all of it when it has no line break), read in blocks until a line break. */
function readFirstLine(file: string): string {
  const descriptor = openSync(file, 'r');
  try {
    const blocks: Buffer[] = [];
    for (;;) {
      const block = Buffer.allocUnsafe(64 * 1024);
      const read = readSync(descriptor, block, 0, block.length, null);
      if (read === 0) break;
      const newline = block.subarray(0, read).indexOf(0x0a);
      if (newline !== -1) {
        blocks.push(block.subarray(0, newline));
        break;
      }
      blocks.push(block.subarray(0, read));
    }
    return Buffer.concat(blocks).toString('utf8');
  } finally {
    closeSync(descriptor);
  }
}

function parseBody(text: string): CacheBody {
  const runs = new Map<string, StoredRun>();
  const files: Facts = new Map();
  const searches: Searches = new Map();
  try {
    const content = JSON.parse(text) as Partial<CacheFileContent>;
    const shared = (Array.isArray(content.shared) ? (content.shared as unknown[]) : []).map((set) =>
      isDependencies(set) ? set : undefined,
    );
    for (const [runKey, written] of Object.entries(isRecord(content.runs) ? content.runs : {})) {
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
    for (const [path, entry] of Object.entries(isRecord(content.files) ? content.files : {})) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') continue;
      const directives = entry[2] === 1 ? true : entry[2] === 0 ? false : undefined;
      files.set(path, { version: entry[0], hash: entry[1], ...(directives === undefined ? {} : { directives }) });
    }
    for (const [search, entry] of Object.entries(isRecord(content.searches) ? content.searches : {})) {
      if (!Array.isArray(entry) || !entry.every((item) => typeof item === 'string') || entry.length === 0) continue;
      const [listDigest = '', ...matching] = entry;
      searches.set(search, { listDigest, files: new Set(matching) });
    }
  } catch {
    // A body that cannot be used: nothing from it.
  }
  return { runs, files, searches };
}

function isSnapshot(value: unknown): value is RunSnapshot {
  if (!isRecord(value)) return false;
  return (
    typeof value.inputs === 'string' &&
    Array.isArray(value.diagnostics) &&
    value.diagnostics.every(isDiagnostic) &&
    Array.isArray(value.notes) &&
    value.notes.every((note) => typeof note === 'string')
  );
}

/**
 * Lint results kept between runs in one file: a first line with the cache key and the last
 * run's snapshot, then the stored runs and what is known about the files, which are parsed
 * only when a run needs them (a run over unchanged files needs the first line only).
 * Whatever is wrong with the file (missing, unreadable, not JSON, another format, another tool
 * version or configuration) means an empty cache, never an error; it is written atomically,
 * so concurrent runs cannot corrupt it (the last one wins).
 */
export class LintCache implements RunStore, KnownFacts {
  readonly file: string;
  readonly #key: string;
  /** The repository the file is in (see cacheFileRepository): no write through a link out of it. */
  #root: string | undefined;
  #snapshot: RunSnapshot | undefined;
  /** The body's text, until it is parsed. */
  /** Reads the body (the file after its first line), undefined when it cannot be used. */
  #bodyText: (() => string | undefined) | undefined;
  #body: CacheBody | undefined;
  #changed = false;

  private constructor(
    file: string,
    key: string,
    snapshot: RunSnapshot | undefined,
    bodyText: (() => string | undefined) | undefined,
  ) {
    this.file = file;
    this.#key = key;
    this.#snapshot = snapshot;
    this.#bodyText = bodyText;
  }

  /**
   * The cache in `file` for `key`. `root`: the repository the file is in, when it is (see
   * cacheFileRepository); the file is then never written through a link out of it.
   */
  static load(file: string, key: string, root?: string): LintCache {
    const cache = LintCache.#read(file, key);
    cache.#root = root;
    return cache;
  }

  static #read(file: string, key: string): LintCache {
    // Only the first line is read now: a run over unchanged files needs nothing else (the body
    // is megabytes on a large repository). The rest is read when first needed, and only if the
    // file still starts with the same line (another run may have written it meanwhile).
    let header: string | undefined;
    try {
      header = readFirstLine(file);
    } catch {
      // No cache yet, or one that cannot be read: start empty.
      return new LintCache(file, key, undefined, undefined);
    }
    try {
      const parsed = JSON.parse(header) as Partial<CacheFileHeader>;
      if (parsed.format !== CACHE_FORMAT || parsed.key !== key) return new LintCache(file, key, undefined, undefined);
      return new LintCache(file, key, isSnapshot(parsed.snapshot) ? parsed.snapshot : undefined, () => {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          return undefined;
        }
        const newline = text.indexOf('\n');
        return newline !== -1 && text.slice(0, newline) === header ? text.slice(newline + 1) : undefined;
      });
    } catch {
      return new LintCache(file, key, undefined, undefined);
    }
  }

  #parsed(): CacheBody {
    if (!this.#body) {
      const text = this.#bodyText?.();
      this.#body = text === undefined ? { runs: new Map(), files: new Map(), searches: new Map() } : parseBody(text);
      this.#bodyText = undefined;
    }
    return this.#body;
  }

  /** The last run's outcome, when its inputs digest is `inputs`. */
  snapshot(inputs: string): RunSnapshot | undefined {
    return this.#snapshot?.inputs === inputs ? this.#snapshot : undefined;
  }

  /** Keeps a run's outcome for the next run over the same inputs. */
  setSnapshot(snapshot: RunSnapshot | undefined): void {
    if (JSON.stringify(snapshot) === JSON.stringify(this.#snapshot)) return;
    this.#snapshot = snapshot;
    this.#changed = true;
  }

  fileFacts(path: string, version: string): FileFacts | undefined {
    const entry = this.#parsed().files.get(path);
    return entry?.version === version ? entry : undefined;
  }

  searchResult(search: string, listDigest: string): ReadonlySet<string> | undefined {
    const entry = this.#parsed().searches.get(search);
    return entry?.listDigest === listDigest ? entry.files : undefined;
  }

  /** Replaces what is known about the files with what a run learnt (written with the results). */
  setFacts(learnt: LearntFacts): void {
    const searches = new Map(
      [...learnt.searches].map(([search, entry]) => [
        search,
        { listDigest: entry.listDigest, files: new Set(entry.files) },
      ]),
    );
    const body = this.#parsed();
    if (!sameFiles(body.files, learnt.files) || !sameSearches(body.searches, searches)) this.#changed = true;
    body.files = learnt.files;
    body.searches = searches;
  }

  get size(): number {
    return this.#parsed().runs.size;
  }

  get(key: RunKey): StoredRun | undefined {
    return this.#parsed().runs.get(encodeRunKey(key));
  }

  set(key: RunKey, run: StoredRun): void {
    this.#parsed().runs.set(encodeRunKey(key), run);
    this.#changed = true;
  }

  /** A view that stores runs but offers none for reuse (for --fix, which re-lints what it changes). */
  writer(): RunStore {
    return { get: () => undefined, set: (key, run) => this.set(key, run) };
  }

  /** Drops the per-file results of files that are no longer listed. */
  prune(files: ReadonlySet<string>): void {
    const { runs } = this.#parsed();
    for (const key of runs.keys()) {
      const decoded = decodeRunKey(key);
      if (decoded?.scope === 'file' && !files.has(decoded.file)) {
        runs.delete(key);
        this.#changed = true;
      }
    }
  }

  /** Writes the file if anything changed. */
  async save(): Promise<void> {
    if (!this.#changed) return;
    const body = this.#parsed();
    const shared: Record<string, string>[] = [];
    const sharedIndex = new Map<string, number>();
    const runs: Record<string, WrittenRun> = {};
    for (const [runKey, run] of body.runs) {
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
    const files: Record<string, [string, string, number?]> = {};
    for (const [path, facts] of body.files) {
      files[path] =
        facts.directives === undefined
          ? [facts.version, facts.hash]
          : [facts.version, facts.hash, facts.directives ? 1 : 0];
    }
    const searches: Record<string, string[]> = {};
    for (const [search, entry] of body.searches) searches[search] = [entry.listDigest, ...entry.files];
    const header: CacheFileHeader = {
      format: CACHE_FORMAT,
      key: this.#key,
      ...(this.#snapshot ? { snapshot: this.#snapshot } : {}),
    };
    const content: CacheFileContent = { shared, runs, files, searches };
    // JSON.stringify escapes newlines in strings: the header is exactly the first line.
    await writeFileAtomically(
      this.file,
      `${JSON.stringify(header)}\n${JSON.stringify(content)}\n`,
      this.#root === undefined ? {} : { root: this.#root },
    );
    this.#changed = false;
  }
}
