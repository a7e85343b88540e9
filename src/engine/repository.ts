import path from 'node:path';
import { createHash } from 'node:crypto';
import { parseYamlFile, type FileReadFailure, type YamlFile } from '../manifests/yaml-file.js';
import { decodeText } from './decode.js';
import { hasDirectives } from './directives.js';
import { FileFactsLedger, type KnownFacts, type LearntFacts } from './file-facts.js';
import type { FileSource } from './file-source.js';
import { FileTree } from './file-tree.js';
import { ParsedDocuments } from './parsed-documents.js';
import { contentsFile, decodeQuery, searchOf, type QueryKey } from './queries.js';
import { QueryRecorder } from './query-recorder.js';

export type { FileFacts, KnownFacts, LearntFacts } from './file-facts.js';

export function digest(data: string | Buffer): string {
  return createHash('sha1').update(data).digest('base64url');
}

/**
 * The repository as rules see it: the file list and lazily loaded, cached contents. Each file
 * is read and decoded at most once per run and parsed at most once, however many rules ask.
 * Its other jobs are its parts': `tree` (the shape of the file list), `recorder` (the
 * questions asked, see QueryRecorder), `parsed` (documents, forgotten chunk by chunk, see
 * ParsedDocuments) and `facts` (versions, hashes and what other threads and earlier runs
 * learnt, see FileFactsLedger).
 *
 * Texts are kept for the run (a tenth of the memory of their documents, or less): a text
 * search reads every YAML file, and a later one would read them all again.
 */
export class Repository {
  readonly source: FileSource;
  readonly files: readonly string[];
  readonly tree: FileTree;
  readonly recorder: QueryRecorder;
  readonly parsed = new ParsedDocuments();
  readonly facts: FileFactsLedger;
  readonly #texts = new Map<string, string | FileReadFailure>();
  readonly #containing = new Map<string, readonly string[]>();
  readonly #shared = new Map<string, { value: unknown; queries: ReadonlySet<QueryKey> }>();
  #yamlListHash: string | undefined;

  /**
   * `dependencies`: record every question (what a run store needs); otherwise only the contents
   * read, which is what the linter needs to report unused directives. `known`: what earlier
   * runs learnt about the files, trusted for files whose version is unchanged.
   */
  constructor(
    source: FileSource,
    files: readonly string[],
    { dependencies = true, known }: { dependencies?: boolean; known?: KnownFacts } = {},
  ) {
    this.source = source;
    this.files = files;
    this.tree = new FileTree(files);
    this.recorder = new QueryRecorder({ dependencies });
    this.facts = new FileFactsLedger(source, this.tree.fileSet, known);
  }

  /** Runs `fn` and returns, with its result, the query keys of everything it asked. */
  recordQueries<T>(fn: () => T): { result: T; queries: Set<QueryKey> } {
    return this.recorder.record(fn);
  }

  /** A hash of the file's bytes; `!<reason>` when they cannot be had; `-` when it is not listed. */
  contentHash(file: string): string {
    const cached = this.facts.hash(file) ?? this.facts.adoptEarlierHash(file);
    if (cached !== undefined) return cached;
    const loaded = this.#load(file);
    if (loaded === undefined) return '-';
    let hash = this.facts.hash(file);
    if (hash === undefined) {
      if (typeof loaded === 'object') return `!${loaded.reason}:${loaded.detail}`;
      // Valid UTF-8 decodes and encodes back to the same bytes: this is the hash of the file's bytes.
      hash = digest(loaded);
      this.facts.setHash(file, hash);
    }
    return hash;
  }

  /** Every file, as rules see `context.files`: asking for it makes the whole list a dependency. */
  fileList(): readonly string[] {
    this.recorder.note('file-list', '');
    return this.files;
  }

  hasFile(file: string): boolean {
    this.recorder.note('has-file', file);
    return this.tree.hasFile(file);
  }

  hasDirectory(directory: string): boolean {
    const normalized = directory.replace(/\/+$/, '');
    this.recorder.note('has-directory', normalized);
    return this.tree.hasDirectory(normalized);
  }

  filesUnder(directory: string): readonly string[] {
    const normalized = directory === '.' ? '' : directory.replace(/\/+$/, '');
    this.recorder.note('files-under', normalized);
    return this.tree.filesUnder(normalized);
  }

  /** Files under a Helm chart's templates/ are Go templates, not YAML. */
  isHelmTemplate(file: string): boolean {
    return this.tree.isHelmTemplate(file);
  }

  isYamlFile(file: string): boolean {
    this.recorder.note('is-yaml-file', file);
    return this.tree.isYamlFile(file);
  }

  /** The file's version (FileSource.version), asked once per run and before the file is read. */
  versionOf(file: string): string | undefined {
    return this.facts.versionOf(file);
  }

  /**
   * What identifies the file's content in this run: its version when it has one, else (it
   * changed too recently for its stat data to be trusted) the hash of its content, which
   * means reading it.
   */
  identity(file: string): string {
    return this.versionOf(file) ?? `#${this.contentHash(file)}`;
  }

  #load(file: string): string | FileReadFailure | undefined {
    if (!this.tree.hasFile(file)) return undefined;
    let loaded = this.#texts.get(file);
    if (loaded === undefined) {
      // The version is taken before the bytes, so that a change in between is a new version.
      if (this.facts.hasEarlierFacts) this.versionOf(file);
      const bytes = this.source.readBytes(file);
      if (Buffer.isBuffer(bytes)) {
        loaded = decodeText(bytes);
        // Text is hashed when a cache asks (contentHash); bytes that are not text only here.
        if (typeof loaded === 'object') this.facts.setHash(file, digest(bytes));
      } else {
        loaded = bytes;
      }
      this.#texts.set(file, loaded);
    }
    return loaded;
  }

  text(file: string): string | undefined {
    this.recorder.note('contents', file);
    const loaded = this.#load(file);
    return typeof loaded === 'string' ? loaded : undefined;
  }

  readFailure(file: string): FileReadFailure | undefined {
    this.recorder.note('contents', file);
    const loaded = this.#load(file);
    return typeof loaded === 'object' ? loaded : undefined;
  }

  /**
   * A text that another thread of the run has read (and decoded) already: this one uses it
   * rather than reading the file again. Ignored for files not listed or already loaded.
   */
  provide(file: string, text: string): void {
    if (this.tree.hasFile(file) && !this.#texts.has(file)) this.#texts.set(file, text);
  }

  /** Whether the file's text was loaded during this run (for directive scanning). */
  isLoaded(file: string): boolean {
    return this.#texts.has(file);
  }

  yaml(file: string): YamlFile | undefined {
    this.recorder.note('contents', file);
    if (!this.isYamlFile(file)) return undefined;
    let parsed = this.parsed.get(file);
    if (parsed === undefined) {
      const text = this.text(file);
      if (text === undefined) return undefined;
      parsed = parseYamlFile(file, text);
      this.parsed.set(file, parsed);
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
    this.recorder.note('search', search);
    return this.searchResult(search);
  }

  /**
   * The files `select` picks that a repository rule declaring them (`meta.checks`) checks in
   * this run: all of them, except when the source says what a commit changes (`--staged`). Then
   * only those the change can affect: the staged ones, and, when the commit adds or deletes
   * paths, those in the same directory as such a path and those whose text may name one
   * (FileSource.filesNaming: they may name it by its file name or by a directory above it).
   */
  checkedFiles(select: (file: string) => boolean): readonly string[] {
    const selected = this.files.filter(select);
    const change = this.source.change?.();
    if (!change) return selected;
    const staged = new Set(change.staged);
    const moved = [...change.added, ...change.deleted];
    if (moved.length === 0) return selected.filter((file) => staged.has(file));
    const directories = new Set(moved.map((file) => path.posix.dirname(file)));
    const naming = this.source.filesNaming?.(moved.flatMap((file) => file.split('/')));
    if (!naming) return selected;
    return selected.filter((file) => staged.has(file) || naming.has(file) || directories.has(path.posix.dirname(file)));
  }

  /** The answer of a text search (`search`: the texts joined with NUL), without recording the question. */
  searchResult(search: string): readonly string[] {
    let found = this.#containing.get(search);
    if (found === undefined) {
      const needles = search.split('\0');
      // An earlier run's answer holds for every file it saw that is unchanged since.
      const earlier = this.facts.earlierSearch(search, this.yamlListDigest());
      // Without an earlier answer, a source that can search without reading every file (git's
      // index, with --staged) answers: its superset is filtered as the texts would be.
      const indexed = earlier ? undefined : this.source.filesContaining?.(needles);
      found = this.files.filter((file) => {
        if (!this.tree.isYamlFile(file)) return false;
        if (earlier && this.facts.earlier(file)) return earlier.has(file);
        if (indexed) return indexed.has(file);
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
      const parsedBefore = this.parsed.mark();
      const { result, queries } = this.recordQueries(compute);
      // What the computation parsed is dropped: it keeps what it needs, and a file that is
      // linted later is parsed again then, rather than held in memory until its turn.
      this.parsed.forgetSince(parsedBefore);
      entry = { value: result, queries: this.#compact(queries) };
      this.#shared.set(key, entry);
    } else {
      this.recorder.replay(entry.queries);
    }
    return entry.value as T;
  }

  /**
   * Drops the queries that a search among them answers already: the contents and YAML-ness
   * of the files it matched (its fingerprint changes whenever they do). A computation over the
   * few files that mention a kind then depends on one query, not on each of those files.
   */
  #compact(queries: ReadonlySet<QueryKey>): ReadonlySet<QueryKey> {
    const covered = new Set<string>();
    for (const query of queries) {
      const search = searchOf(query);
      if (search !== undefined) for (const file of this.searchResult(search)) covered.add(file);
    }
    if (covered.size === 0) return queries;
    return new Set([...queries].filter((query) => !covered.has(this.#fileAsked(query) ?? '\0')));
  }

  /** The file a contents or YAML-ness query is about. */
  #fileAsked(query: QueryKey): string | undefined {
    const asked = decodeQuery(query);
    return asked?.kind === 'contents' || asked?.kind === 'is-yaml-file' ? asked.file : undefined;
  }

  /** The files whose contents a query key stands for: its file for contents, the files matched for a search. */
  filesRead(query: QueryKey): readonly string[] {
    const file = contentsFile(query);
    if (file !== undefined) return [file];
    const search = searchOf(query);
    return search === undefined ? [] : this.searchResult(search);
  }

  /** Drops parsed YAML, except that of the files `keep` names; they are parsed again if asked for. */
  forgetParsed(keep: (file: string) => boolean = () => false): void {
    this.parsed.forget(keep);
  }

  /**
   * Whether the file's text has inline directives (`gitops-lint-…`), for files read in this run
   * (or, with known facts, unchanged since a run that read them).
   */
  hasLoadedDirectives(file: string): boolean | undefined {
    const loaded = this.#texts.get(file);
    if (loaded !== undefined) return typeof loaded === 'string' && hasDirectives(loaded);
    return this.facts.directivesOf(file);
  }

  /** What another thread learnt about a file it read: its content hash and whether it has directives. */
  learn(file: string, facts: { hash?: string; directives?: boolean }): void {
    this.facts.learn(file, facts, this.#texts.has(file));
  }

  /** A hash of the list of YAML files, on which the answers of text searches depend. */
  yamlListDigest(): string {
    this.#yamlListHash ??= digest(this.files.filter((file) => this.tree.isYamlFile(file)).join('\0'));
    return this.#yamlListHash;
  }

  /** What this run learnt, for the next one (see FileFactsLedger.learnt). */
  learnt(): LearntFacts {
    return this.facts.learnt((file) => this.hasLoadedDirectives(file), this.#containing, this.yamlListDigest());
  }
}
