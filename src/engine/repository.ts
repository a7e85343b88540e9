import { createHash } from 'node:crypto';
import path from 'node:path';
import { parseYamlFile, type FileReadFailure, type YamlFile } from '../manifests/yaml-file.js';
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
 * isYamlFile, `u:<dir>` filesUnder, `l:` the whole file list.
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
  #listHash: string | undefined;
  #queries: Set<string> | undefined;

  constructor(source: FileSource, files: readonly string[]) {
    this.source = source;
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
      default:
        // An unknown query (from another version) never matches.
        return `?${query}`;
    }
  }

  /** A hash of the file's bytes; `!<reason>` when they cannot be had; `-` when it is not listed. */
  contentHash(file: string): string {
    const loaded = this.#load(file);
    if (loaded === undefined) return '-';
    return this.#hashes.get(file) ?? (typeof loaded === 'object' ? `!${loaded.reason}:${loaded.detail}` : '-');
  }

  #note(query: string): void {
    this.#queries?.add(query);
  }

  /** Every file, as rules see `context.files`: asking for it makes the whole list a dependency. */
  fileList(): readonly string[] {
    this.#note('l:');
    return this.files;
  }

  hasFile(file: string): boolean {
    this.#note(`f:${file}`);
    return this.#fileSet.has(file);
  }

  hasDirectory(directory: string): boolean {
    const normalized = directory.replace(/\/+$/, '');
    this.#note(`d:${normalized}`);
    return this.#directories.has(normalized);
  }

  filesUnder(directory: string): readonly string[] {
    const normalized = directory === '.' ? '' : directory.replace(/\/+$/, '');
    this.#note(`u:${normalized}`);
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
    this.#note(`y:${file}`);
    return this.#isYamlFile(file);
  }

  #isYamlFile(file: string): boolean {
    return YAML_NAME.test(file) && this.#fileSet.has(file) && !this.isHelmTemplate(file);
  }

  #load(file: string): string | FileReadFailure | undefined {
    if (!this.#fileSet.has(file)) return undefined;
    let loaded = this.#texts.get(file);
    if (loaded === undefined) {
      const bytes = this.source.readBytes(file);
      if (Buffer.isBuffer(bytes)) {
        this.#hashes.set(file, digest(bytes));
        loaded = decode(bytes);
      } else {
        loaded = bytes;
      }
      this.#texts.set(file, loaded);
    }
    return loaded;
  }

  text(file: string): string | undefined {
    this.#note(`c:${file}`);
    const loaded = this.#load(file);
    return typeof loaded === 'string' ? loaded : undefined;
  }

  readFailure(file: string): FileReadFailure | undefined {
    this.#note(`c:${file}`);
    const loaded = this.#load(file);
    return typeof loaded === 'object' ? loaded : undefined;
  }

  /** Whether the file's text was loaded during this run (for directive scanning). */
  isLoaded(file: string): boolean {
    return this.#texts.has(file);
  }

  yaml(file: string): YamlFile | undefined {
    this.#note(`c:${file}`);
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
}
