import type { FileReadFailure } from '../manifests/yaml-file.js';
import type { FileSource, SourceDescription } from './file-source.js';

/** A FileSource with some files replaced in memory: how --fix re-lints its own output before writing. */
export class OverlaySource implements FileSource {
  readonly root: string;
  readonly #base: FileSource;
  readonly changes = new Map<string, string>();

  constructor(base: FileSource) {
    this.root = base.root;
    this.#base = base;
  }

  #files: Promise<string[]> | undefined;

  async listFiles(): Promise<string[]> {
    this.#files ??= this.#base.listFiles();
    const files = await this.#files;
    const added = [...this.changes.keys()].filter((file) => !files.includes(file));
    return added.length === 0 ? files : [...files, ...added].sort();
  }

  async prepare(): Promise<void> {
    await this.#base.prepare?.();
  }

  readBytes(file: string): Buffer | FileReadFailure {
    const changed = this.changes.get(file);
    return changed === undefined ? this.#base.readBytes(file) : Buffer.from(changed, 'utf8');
  }

  version(file: string): string | undefined {
    return this.changes.has(file) ? undefined : this.#base.version?.(file);
  }

  pathKind(file: string): 'file' | 'directory' | undefined {
    return this.changes.has(file) ? 'file' : this.#base.pathKind?.(file);
  }

  knownPaths(): Promise<ReadonlySet<string> | undefined> {
    return this.#base.knownPaths?.() ?? Promise.resolve(undefined);
  }

  describe(): SourceDescription | undefined {
    const base = this.#base.describe?.();
    return base && { ...base, changes: [...base.changes, ...this.changes] };
  }
}
