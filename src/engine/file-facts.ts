import type { FileSource } from './file-source.js';

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
 * The facts of a run about its files that are not their contents: each file's version (asked
 * once, before the file is read), content hashes, and whether files that this thread did not
 * read have directives, as learnt from other threads (`learn`) or earlier runs (KnownFacts).
 */
export class FileFactsLedger {
  readonly #source: FileSource;
  readonly #listed: ReadonlySet<string>;
  readonly #known: KnownFacts | undefined;
  readonly #versions = new Map<string, string | undefined>();
  readonly #hashes = new Map<string, string>();
  /** Of the files this thread did not read: whether they have directives, as far as known. */
  readonly #directives = new Map<string, boolean>();

  constructor(source: FileSource, listed: ReadonlySet<string>, known: KnownFacts | undefined) {
    this.#source = source;
    this.#listed = listed;
    this.#known = known;
  }

  /** Whether earlier runs' facts are at hand (then versions are taken before files are read). */
  get hasEarlierFacts(): boolean {
    return this.#known !== undefined;
  }

  /** The file's version (FileSource.version), asked once per run and before the file is read. */
  versionOf(file: string): string | undefined {
    if (!this.#versions.has(file))
      this.#versions.set(file, this.#listed.has(file) ? this.#source.version?.(file) : undefined);
    return this.#versions.get(file);
  }

  hash(file: string): string | undefined {
    return this.#hashes.get(file);
  }

  setHash(file: string, hash: string): void {
    this.#hashes.set(file, hash);
  }

  /** What earlier runs learnt about the file, when its version is unchanged. */
  earlier(file: string): FileFacts | undefined {
    if (!this.#known) return undefined;
    const version = this.versionOf(file);
    return version === undefined ? undefined : this.#known.fileFacts(file, version);
  }

  /** An earlier run's content hash of the unchanged file, taken as this run's (with what it knew of directives). */
  adoptEarlierHash(file: string): string | undefined {
    const earlier = this.earlier(file);
    if (!earlier) return undefined;
    this.#hashes.set(file, earlier.hash);
    if (earlier.directives !== undefined) this.#directives.set(file, earlier.directives);
    return earlier.hash;
  }

  /** The files an earlier run found for a text search, when the YAML files were the same. */
  earlierSearch(search: string, listDigest: string): ReadonlySet<string> | undefined {
    return this.#known?.searchResult(search, listDigest);
  }

  /** Whether a file this thread did not read has directives, as far as known. */
  directivesOf(file: string): boolean | undefined {
    return this.#directives.get(file) ?? this.earlier(file)?.directives;
  }

  /** What another thread learnt about a file: its hash; and whether it has directives, unless this thread read it (`isRead`). */
  learn(file: string, facts: { hash?: string; directives?: boolean }, isRead: boolean): void {
    if (facts.hash !== undefined && !this.#hashes.has(file)) this.#hashes.set(file, facts.hash);
    if (facts.directives !== undefined && !isRead) this.#directives.set(file, facts.directives);
  }

  /**
   * What this run learnt, for the next one: each file's content hash and whether it has
   * directives, under the version it had before it was read, and the answers of text searches.
   */
  learnt(
    hasDirectives: (file: string) => boolean | undefined,
    searches: Iterable<[string, readonly string[]]>,
    listDigest: string,
  ): LearntFacts {
    const files = new Map<string, FileFacts & { version: string }>();
    for (const [file, hash] of this.#hashes) {
      const version = this.#versions.get(file);
      if (version === undefined || hash.startsWith('!') || hash === '-') continue;
      const directives = hasDirectives(file);
      files.set(file, { version, hash, ...(directives === undefined ? {} : { directives }) });
    }
    const found = new Map<string, { listDigest: string; files: readonly string[] }>();
    for (const [search, matched] of searches) found.set(search, { listDigest, files: matched });
    return { files, searches: found };
  }
}
