import path from 'node:path';
import picomatch from 'picomatch';
import type { FileReadFailure } from '../manifests/yaml-file.js';
import {
  ALWAYS_IGNORED,
  compareStrings,
  gitignoreFilter,
  tooLarge,
  type ConfigurableSource,
  type WorkingTreeOptions,
} from './file-source.js';

/** Repository-relative POSIX path to content. */
export type MemoryFiles = Readonly<Record<string, string | Buffer>>;

/**
 * A repository held in memory, as a directory outside git would be read: every file listed
 * except those that .gitignore files, the configured ignores and ALWAYS_IGNORED exclude. It
 * has no versions (nothing to cache) and cannot be described to worker threads, so a run over
 * it lints in one thread. The rule tester lints its cases through it, without a disk.
 */
export class MemorySource implements ConfigurableSource {
  readonly root: string;
  readonly #files: ReadonlyMap<string, Buffer>;
  readonly #options: WorkingTreeOptions;

  constructor(root: string, files: MemoryFiles | ReadonlyMap<string, Buffer>, options: WorkingTreeOptions = {}) {
    this.root = path.resolve(root);
    this.#files =
      files instanceof Map
        ? files
        : new Map(
            Object.entries(files as MemoryFiles).map(([file, content]) => [
              file,
              Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
            ]),
          );
    this.#options = options;
  }

  withOptions(options: WorkingTreeOptions): MemorySource {
    return new MemorySource(this.root, this.#files, options);
  }

  async listFiles(): Promise<string[]> {
    const all = [...this.#files.keys()];
    const isAlwaysIgnored = picomatch(ALWAYS_IGNORED, { dot: true });
    const isGitignored = await gitignoreFilter(
      (file) => this.#files.get(file)?.toString('utf8'),
      all.filter((file) => file === '.gitignore' || file.endsWith('/.gitignore')),
    );
    const ignores = this.#options.ignores ?? [];
    const isConfiguredIgnore = ignores.length > 0 ? picomatch(ignores as string[], { dot: true }) : () => false;
    return all
      .filter((file) => !isAlwaysIgnored(file) && !isGitignored(file) && !isConfiguredIgnore(file))
      .sort(compareStrings);
  }

  readBytes(file: string): Buffer | FileReadFailure {
    const bytes = this.#files.get(file);
    if (bytes === undefined) return { reason: 'missing', detail: 'it does not exist' };
    const maxFileSize = this.#options.maxFileSize ?? Number.POSITIVE_INFINITY;
    return bytes.length > maxFileSize ? tooLarge(bytes.length, maxFileSize) : bytes;
  }

  pathKind(file: string): 'file' | 'directory' | undefined {
    if (file === '') return 'directory';
    if (this.#files.has(file)) return 'file';
    const prefix = `${file}/`;
    for (const name of this.#files.keys()) if (name.startsWith(prefix)) return 'directory';
    return undefined;
  }
}
