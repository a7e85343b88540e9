import type { YamlFile } from '../manifests/yaml-file.js';

/**
 * Parsed YAML of a run, kept until it is forgotten: the linter lints the target files a chunk
 * at a time and forgets each chunk's documents once its rules have run, so that a large
 * repository is never held in memory as parsed documents all at once (a document takes ten
 * times the memory of its text, or more).
 */
export class ParsedDocuments {
  readonly #documents = new Map<string, YamlFile>();

  get(file: string): YamlFile | undefined {
    return this.#documents.get(file);
  }

  set(file: string, parsed: YamlFile): void {
    this.#documents.set(file, parsed);
  }

  /** The files parsed now, for `forgetSince`. */
  mark(): ReadonlySet<string> {
    return new Set(this.#documents.keys());
  }

  /** Forgets what was parsed since `mark` returned `before`. */
  forgetSince(before: ReadonlySet<string>): void {
    for (const file of this.#documents.keys()) if (!before.has(file)) this.#documents.delete(file);
  }

  /** Forgets every document except those of the files `keep` names; they are parsed again if asked for. */
  forget(keep: (file: string) => boolean = () => false): void {
    for (const file of this.#documents.keys()) if (!keep(file)) this.#documents.delete(file);
  }
}
