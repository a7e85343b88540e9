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

/**
 * The repository as rules see it: the file list and lazily loaded, cached contents. Each file
 * is read and decoded at most once per run and parsed at most once, however many rules ask.
 */
export class Repository {
  readonly source: FileSource;
  readonly files: readonly string[];
  readonly #fileSet: ReadonlySet<string>;
  readonly #directories: ReadonlySet<string>;
  readonly #helmTemplateDirectories: readonly string[];
  readonly #texts = new Map<string, string | FileReadFailure>();
  readonly #yaml = new Map<string, YamlFile>();

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

  hasFile(file: string): boolean {
    return this.#fileSet.has(file);
  }

  hasDirectory(directory: string): boolean {
    return this.#directories.has(directory.replace(/\/+$/, ''));
  }

  filesUnder(directory: string): readonly string[] {
    const prefix = directory === '' || directory === '.' ? '' : `${directory.replace(/\/+$/, '')}/`;
    return prefix === '' ? this.files : this.files.filter((file) => file.startsWith(prefix));
  }

  /** Files under a Helm chart's templates/ are Go templates, not YAML. */
  isHelmTemplate(file: string): boolean {
    return this.#helmTemplateDirectories.some((directory) => file.startsWith(directory));
  }

  isYamlFile(file: string): boolean {
    return YAML_NAME.test(file) && this.#fileSet.has(file) && !this.isHelmTemplate(file);
  }

  #load(file: string): string | FileReadFailure | undefined {
    if (!this.#fileSet.has(file)) return undefined;
    let loaded = this.#texts.get(file);
    if (loaded === undefined) {
      const bytes = this.source.readBytes(file);
      loaded = Buffer.isBuffer(bytes) ? decode(bytes) : bytes;
      this.#texts.set(file, loaded);
    }
    return loaded;
  }

  text(file: string): string | undefined {
    const loaded = this.#load(file);
    return typeof loaded === 'string' ? loaded : undefined;
  }

  readFailure(file: string): FileReadFailure | undefined {
    const loaded = this.#load(file);
    return typeof loaded === 'object' ? loaded : undefined;
  }

  /** Whether the file's text was loaded during this run (for directive scanning). */
  isLoaded(file: string): boolean {
    return this.#texts.has(file);
  }

  yaml(file: string): YamlFile | undefined {
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
