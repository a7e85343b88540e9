import { createHash } from 'node:crypto';
import path from 'node:path';
import { parseYamlFile, type FileReadFailure, type YamlFile } from '../manifests/yaml-file.js';
import { hasDirectives } from './directives.js';
import type { FileSource } from './file-source.js';

// kustomize also reads a file named `Kustomization`, without an extension.
const YAML_NAME = /\.(ya?ml|YA?ML)$|(^|\/)Kustomization$/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decode(bytes: Buffer): string | FileReadFailure {
  // A NUL byte in the first 8 KiB is git's own test for binary content.
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { reason: 'binary', detail: 'it is a binary file, not text' };
  try {
    return utf8.decode(bytes);
  } catch {
    return { reason: 'invalid-utf8', detail: 'it is not valid UTF-8; re-save it as UTF-8' };
  }
}

function digest(data: string | Buffer): string {
  return createHash('sha1').update(data).digest('base64url');
}

/** What an earlier run learnt about a file, still true while its version (FileSource.version) is the same. */
export interface FileFacts {
  /** The content hash (Repository.contentHash). */
  hash: string;
  /** Whether its text has inline directives; undefined when that was not looked at. */
  directives?: boolean;
}

/**
 * What earlier runs learnt about the files (the lint cache keeps it), so that a run over
 * unchanged files need not read them.
 */
export interface KnownFacts {
  /** The facts of a file at this version, if they are known. */
  fileFacts(file: string, version: string): FileFacts | undefined;
  /**
   * The files that matched a text search (`yamlFilesContaining`) when the YAML files were
   * those whose list hashes to `listDigest`; undefined when that is not known.
   */
  searchResult(search: string, listDigest: string): ReadonlySet<string> | undefined;
}

/** What a run learnt, for the next one (see KnownFacts). */
export interface LearntFacts {
  files: Map<string, FileFacts & { version: string }>;
  searches: Map<string, { listDigest: string; files: readonly string[] }>;
}

/**
 * The repository as rules see it: the file list and lazily loaded, cached contents. Each file
 * is read and decoded at most once per run and parsed at most once, however many rules ask.
 *
 * It can also record what is asked of it (`recordQueries`): each question is a query key, and
 * `fingerprint(key)` is a short string that changes whenever the answer could. A result
 * computed from a set of queries still holds in another run whose fingerprints are equal;
 * that is what the lint cache relies on.
 *
 * Query keys: `c:<file>` contents, `f:<file>` hasFile, `d:<dir>` hasDirectory, `y:<file>`
 * isYamlFile, `u:<dir>` filesUnder, `l:` the whole file list, `s:<text>` the YAML files whose
 * text contains a string (yamlFilesContaining).
 *
 * Parsed YAML is kept until `forgetParsed` drops it: the linter lints the target files a chunk
 * at a time and drops each chunk's documents once its rules have run, so that a large
 * repository is never held in memory as parsed documents all at once. Texts are kept for the
 * run (a tenth of the memory of their documents, or less): a text search reads every YAML
 * file, and a later one would read them all again.
 */
export class Repository {
  readonly source: FileSource;
  readonly files: readonly string[];
  readonly #fileSet: ReadonlySet<string>;
  readonly #directories: ReadonlySet<string>;
  readonly #helmTemplateDirectories: readonly string[];
  readonly #texts = new Map<string, string | FileReadFailure>();
  readonly #yaml = new Map<string, YamlFile>();
  readonly #hashes = new Map<string, string>();
  readonly #containing = new Map<string, readonly string[]>();
  readonly #shared = new Map<string, { value: unknown; queries: ReadonlySet<string> }>();
  #listHash: string | undefined;
  #yamlListHash: string | undefined;
  #queries: Set<string> | undefined;
  readonly #recordsAll: boolean;
  readonly #known: KnownFacts | undefined;
  readonly #versions = new Map<string, string | undefined>();
  /** Of the files this run did not read: whether they have directives, as far as known. */
  readonly #knownDirectives = new Map<string, boolean>();

  /**
   * `dependencies`: record every query (what a cache needs); otherwise only the contents read
   * (`c:` and `s:`), which is what the linter needs to report unused directives. `known`: what
   * earlier runs learnt about the files, trusted for files whose version is unchanged.
   */
  constructor(
    source: FileSource,
    files: readonly string[],
    { dependencies = true, known }: { dependencies?: boolean; known?: KnownFacts } = {},
  ) {
    this.source = source;
    this.#recordsAll = dependencies;
    this.#known = known;
    this.files = files;
    this.#fileSet = new Set(files);
    const directories = new Set<string>(['']);
    const helmTemplates: string[] = [];
    for (const file of files) {
      let directory = path.posix.dirname(file);
      while (directory !== '.' && !directories.has(directory)) {
        directories.add(directory);
        directory = path.posix.dirname(directory);
      }
      if (file === 'Chart.yaml' || file.endsWith('/Chart.yaml')) {
        const chart = path.posix.dirname(file);
        helmTemplates.push(chart === '.' ? 'templates/' : `${chart}/templates/`);
      }
    }
    this.#directories = directories;
    this.#helmTemplateDirectories = helmTemplates;
  }

  /** Runs `fn` and returns, with its result, the query keys of everything it asked. */
  recordQueries<T>(fn: () => T): { result: T; queries: Set<string> } {
    const outer = this.#queries;
    const queries = new Set<string>();
    this.#queries = queries;
    try {
      return { result: fn(), queries };
    } finally {
      this.#queries = outer;
      if (outer) for (const query of queries) outer.add(query);
    }
  }

  /** The answer to a query key, condensed: equal fingerprints mean an equal answer. */
  fingerprint(query: string): string {
    const argument = query.slice(2);
    switch (query.slice(0, 2)) {
      case 'c:':
        return this.contentHash(argument);
      case 'f:':
        return this.#fileSet.has(argument) ? '1' : '0';
      case 'd:':
        return this.#directories.has(argument) ? '1' : '0';
      case 'y:':
        return this.#isYamlFile(argument) ? '1' : '0';
      case 'u:':
        return digest(this.#filesUnder(argument).join('\0'));
      case 'l:':
        this.#listHash ??= digest(this.files.join('\0'));
        return this.#listHash;
      case 's:':
        return digest(
          this.#yamlFilesContaining(argument)
            .map((file) => `${file}\0${this.contentHash(file)}`)
            .join('\0'),
        );
      default:
        // An unknown query (from another version) never matches.
        return `?${query}`;
    }
  }

  /** A hash of the file's bytes; `!<reason>` when they cannot be had; `-` when it is not listed. */
  contentHash(file: string): string {
    const cached = this.#hashes.get(file);
    if (cached !== undefined) return cached;
    const known = this.#knownFacts(file);
    if (known) {
      this.#hashes.set(file, known.hash);
      if (known.directives !== undefined) this.#knownDirectives.set(file, known.directives);
      return known.hash;
    }
    const loaded = this.#load(file);
    if (loaded === undefined) return '-';
    let hash = this.#hashes.get(file);
    if (hash === undefined) {
      if (typeof loaded === 'object') return `!${loaded.reason}:${loaded.detail}`;
      // Valid UTF-8 decodes and encodes back to the same bytes: this is the hash of the file's bytes.
      hash = digest(loaded);
      this.#hashes.set(file, hash);
    }
    return hash;
  }

  #note(kind: string, argument: string): void {
    if (this.#queries && (this.#recordsAll || kind === 'c:' || kind === 's:')) this.#queries.add(kind + argument);
  }

  /** Every file, as rules see `context.files`: asking for it makes the whole list a dependency. */
  fileList(): readonly string[] {
    this.#note('l:', '');
    return this.files;
  }

  hasFile(file: string): boolean {
    this.#note('f:', file);
    return this.#fileSet.has(file);
  }

  hasDirectory(directory: string): boolean {
    const normalized = directory.replace(/\/+$/, '');
    this.#note('d:', normalized);
    return this.#directories.has(normalized);
  }

  filesUnder(directory: string): readonly string[] {
    const normalized = directory === '.' ? '' : directory.replace(/\/+$/, '');
    this.#note('u:', normalized);
    return this.#filesUnder(normalized);
  }

  #filesUnder(directory: string): readonly string[] {
    const prefix = directory === '' ? '' : `${directory}/`;
    return prefix === '' ? this.files : this.files.filter((file) => file.startsWith(prefix));
  }

  /** Files under a Helm chart's templates/ are Go templates, not YAML. */
  isHelmTemplate(file: string): boolean {
    return this.#helmTemplateDirectories.some((directory) => file.startsWith(directory));
  }

  isYamlFile(file: string): boolean {
    this.#note('y:', file);
    return this.#isYamlFile(file);
  }

  #isYamlFile(file: string): boolean {
    return YAML_NAME.test(file) && this.#fileSet.has(file) && !this.isHelmTemplate(file);
  }

  /** The file's version (FileSource.version), asked once per run and before the file is read. */
  versionOf(file: string): string | undefined {
    if (!this.#versions.has(file))
      this.#versions.set(file, this.#fileSet.has(file) ? this.source.version?.(file) : undefined);
    return this.#versions.get(file);
  }

  /**
   * What identifies the file's content in this run: its version when it has one, else (it
   * changed too recently for its stat data to be trusted) the hash of its content, which
   * means reading it.
   */
  identity(file: string): string {
    return this.versionOf(file) ?? `#${this.contentHash(file)}`;
  }

  /** What earlier runs learnt about the file, when its version is unchanged. */
  #knownFacts(file: string): FileFacts | undefined {
    if (!this.#known) return undefined;
    const version = this.versionOf(file);
    return version === undefined ? undefined : this.#known.fileFacts(file, version);
  }

  #load(file: string): string | FileReadFailure | undefined {
    if (!this.#fileSet.has(file)) return undefined;
    let loaded = this.#texts.get(file);
    if (loaded === undefined) {
      // The version is taken before the bytes, so that a change in between is a new version.
      if (this.#known) this.versionOf(file);
      const bytes = this.source.readBytes(file);
      if (Buffer.isBuffer(bytes)) {
        loaded = decode(bytes);
        // Text is hashed when a cache asks (contentHash); bytes that are not text only here.
        if (typeof loaded === 'object') this.#hashes.set(file, digest(bytes));
      } else {
        loaded = bytes;
      }
      this.#texts.set(file, loaded);
    }
    return loaded;
  }

  text(file: string): string | undefined {
    this.#note('c:', file);
    const loaded = this.#load(file);
    return typeof loaded === 'string' ? loaded : undefined;
  }

  readFailure(file: string): FileReadFailure | undefined {
    this.#note('c:', file);
    const loaded = this.#load(file);
    return typeof loaded === 'object' ? loaded : undefined;
  }

  /**
   * A text that another thread of the run has read (and decoded) already: this one uses it
   * rather than reading the file again. Ignored for files not listed or already loaded.
   */
  provide(file: string, text: string): void {
    if (this.#fileSet.has(file) && !this.#texts.has(file)) this.#texts.set(file, text);
  }

  /** Whether the file's text was loaded during this run (for directive scanning). */
  isLoaded(file: string): boolean {
    return this.#texts.has(file);
  }

  yaml(file: string): YamlFile | undefined {
    this.#note('c:', file);
    if (!this.isYamlFile(file)) return undefined;
    let parsed = this.#yaml.get(file);
    if (parsed === undefined) {
      const text = this.text(file);
      if (text === undefined) return undefined;
      parsed = parseYamlFile(file, text);
      this.#yaml.set(file, parsed);
    }
    return parsed;
  }

  /**
   * The YAML files (as `isYamlFile`) whose text contains every one of `texts`, in file order: a cheap
   * pre-filter that spares parsing every file to find the few of some kind. A file whose text
   * has a backslash is always included, since a double-quoted YAML string can spell any text
   * with escapes (`"Secre\x74"` is `Secret`); anchors, aliases and merge keys only repeat text
   * that the file already contains.
   */
  yamlFilesContaining(...texts: readonly string[]): readonly string[] {
    const search = texts.join('\0');
    this.#note('s:', search);
    return this.#yamlFilesContaining(search);
  }

  /** `search`: the texts to find, joined with NUL; a file must contain every one. */
  #yamlFilesContaining(search: string): readonly string[] {
    let found = this.#containing.get(search);
    if (found === undefined) {
      const needles = search.split('\0');
      // An earlier run's answer holds for every file it saw that is unchanged since.
      const earlier = this.#known?.searchResult(search, this.#yamlListDigest());
      found = this.files.filter((file) => {
        if (!this.#isYamlFile(file)) return false;
        if (earlier && this.#knownFacts(file)) return earlier.has(file);
        const loaded = this.#load(file);
        return (
          typeof loaded === 'string' && (needles.every((needle) => loaded.includes(needle)) || loaded.includes('\\'))
        );
      });
      this.#containing.set(search, found);
    }
    return found;
  }

  /**
   * A value computed once per run however many rules (and chunks of files) ask for it, for
   * what depends on the repository but not on the files being linted, such as the custom
   * resources its CRDs define. Whatever the computation asked of the repository is replayed
   * into the recording of every caller, so that cached results depend on it too. `compute`
   * must not report.
   */
  shared<T>(key: string, compute: () => T): T {
    let entry = this.#shared.get(key);
    if (entry === undefined) {
      const parsedBefore = new Set(this.#yaml.keys());
      const { result, queries } = this.recordQueries(compute);
      // What the computation parsed is dropped: it keeps what it needs, and a file that is
      // linted later is parsed again then, rather than held in memory until its turn.
      for (const file of this.#yaml.keys()) if (!parsedBefore.has(file)) this.#yaml.delete(file);
      entry = { value: result, queries: this.#compact(queries) };
      this.#shared.set(key, entry);
    } else if (this.#queries) {
      for (const query of entry.queries) this.#queries.add(query);
    }
    return entry.value as T;
  }

  /**
   * Drops the queries that a `s:` query among them answers already: the contents and YAML-ness
   * of the files it matched (its fingerprint changes whenever they do). A computation over the
   * few files that mention a kind then depends on one query, not on each of those files.
   */
  #compact(queries: ReadonlySet<string>): ReadonlySet<string> {
    const covered = new Set<string>();
    for (const query of queries) {
      if (query.startsWith('s:')) for (const file of this.#yamlFilesContaining(query.slice(2))) covered.add(file);
    }
    if (covered.size === 0) return queries;
    return new Set(
      [...queries].filter(
        (query) => !((query.startsWith('c:') || query.startsWith('y:')) && covered.has(query.slice(2))),
      ),
    );
  }

  /** The files whose contents a query key stands for: its file for `c:`, the files matched for `s:`. */
  filesRead(query: string): readonly string[] {
    if (query.startsWith('c:')) return [query.slice(2)];
    if (query.startsWith('s:')) return this.#yamlFilesContaining(query.slice(2));
    return [];
  }

  /** Drops parsed YAML, except that of the files `keep` names; they are parsed again if asked for. */
  forgetParsed(keep: (file: string) => boolean = () => false): void {
    for (const file of this.#yaml.keys()) if (!keep(file)) this.#yaml.delete(file);
  }

  /**
   * Whether the file's text has inline directives (`gitops-lint-…`), for files read in this run
   * (or, with known facts, unchanged since a run that read them).
   */
  hasLoadedDirectives(file: string): boolean | undefined {
    const loaded = this.#texts.get(file);
    if (loaded !== undefined) return typeof loaded === 'string' && hasDirectives(loaded);
    return this.#knownDirectives.get(file) ?? this.#knownFacts(file)?.directives;
  }

  /** What another thread learnt about a file it read: its content hash and whether it has directives. */
  learn(file: string, facts: { hash?: string; directives?: boolean }): void {
    if (facts.hash !== undefined && !this.#hashes.has(file)) this.#hashes.set(file, facts.hash);
    if (facts.directives !== undefined && !this.#texts.has(file)) this.#knownDirectives.set(file, facts.directives);
  }

  /** A hash of the list of YAML files, on which the answers of text searches depend. */
  #yamlListDigest(): string {
    this.#yamlListHash ??= digest(this.files.filter((file) => this.#isYamlFile(file)).join('\0'));
    return this.#yamlListHash;
  }

  /**
   * What this run learnt, for the next one: each file's content hash and whether it has
   * directives, under the version it had before it was read, and the answers of text searches.
   */
  learnt(): LearntFacts {
    const files = new Map<string, FileFacts & { version: string }>();
    for (const [file, hash] of this.#hashes) {
      const version = this.#versions.get(file);
      if (version === undefined || hash.startsWith('!') || hash === '-') continue;
      const directives = this.hasLoadedDirectives(file);
      files.set(file, { version, hash, ...(directives === undefined ? {} : { directives }) });
    }
    const searches = new Map<string, { listDigest: string; files: readonly string[] }>();
    for (const [search, found] of this.#containing)
      searches.set(search, { listDigest: this.#yamlListDigest(), files: found });
    return { files, searches };
  }
}
