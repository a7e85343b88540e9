import type { FileReadFailure } from '../manifests/yaml-file.js';
import type { FileSource, SourceDescription, StagedChange } from './file-source.js';

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

  // What the base knows of its files holds while no file is replaced; after that, files are read.
  change(): StagedChange | undefined {
    return this.changes.size === 0 ? this.#base.change?.() : undefined;
  }

  filesContaining(texts: readonly string[]): ReadonlySet<string> | undefined {
    return this.changes.size === 0 ? this.#base.filesContaining?.(texts) : undefined;
  }

  filesNaming(names: readonly string[]): ReadonlySet<string> | undefined {
    return this.changes.size === 0 ? this.#base.filesNaming?.(names) : undefined;
  }

  describe(): SourceDescription | undefined {
    const base = this.#base.describe?.();
    return base && { ...base, changes: [...base.changes, ...this.changes] };
  }
}
