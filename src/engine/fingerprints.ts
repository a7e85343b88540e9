import { decodeQuery, TARGETS_QUERY, type QueryKey } from './queries.js';
import { digest, type Repository } from './repository.js';
import type { StoredRun } from './run-store.js';

/**
 * The answers to the questions rules asked, condensed: equal fingerprints mean an equal answer.
 * A result computed from a set of questions still holds in another run whose fingerprints are
 * equal; that is what stored runs rely on. One per run (and thread): each answer is worked out once.
 */
export class Fingerprints {
  readonly #repository: Repository;
  readonly #targetFiles: readonly string[];
  readonly #values = new Map<string, string>();
  #listHash: string | undefined;

  constructor(repository: Repository, targetFiles: readonly string[]) {
    this.#repository = repository;
    this.#targetFiles = targetFiles;
  }

  of(query: string): string {
    let value = this.#values.get(query);
    if (value === undefined) {
      value = query === TARGETS_QUERY ? digest(this.#targetFiles.join('\0')) : this.#answer(query);
      this.#values.set(query, value);
    }
    return value;
  }

  #answer(key: string): string {
    const repository = this.#repository;
    const { tree } = repository;
    const query = decodeQuery(key);
    switch (query?.kind) {
      case 'contents':
        return repository.contentHash(query.file);
      case 'has-file':
        return tree.hasFile(query.file) ? '1' : '0';
      case 'has-directory':
        return tree.hasDirectory(query.directory) ? '1' : '0';
      case 'is-yaml-file':
        return tree.isYamlFile(query.file) ? '1' : '0';
      case 'files-under':
        return digest(tree.filesUnder(query.directory).join('\0'));
      case 'file-list':
        this.#listHash ??= digest(repository.files.join('\0'));
        return this.#listHash;
      case 'search':
        return digest(
          repository
            .searchResult(query.search)
            .map((file) => `${file}\0${repository.contentHash(file)}`)
            .join('\0'),
        );
      case 'targets':
      case undefined:
        // An unknown query (from another version) never matches.
        return `?${key}`;
    }
  }

  /** Query key to fingerprint, for the questions of a stored run. */
  dependencies(queries: Iterable<QueryKey>): Record<string, string> {
    const dependencies: Record<string, string> = {};
    for (const query of [...queries].sort()) dependencies[query] = this.of(query);
    return dependencies;
  }

  /** Whether a stored run still holds: every answer it depends on is unchanged. */
  holds(run: StoredRun): boolean {
    return Object.entries(run.dependencies).every(([query, value]) => this.of(query) === value);
  }
}
