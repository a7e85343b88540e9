import path from 'node:path';
import picomatch from 'picomatch';
import { blobId, readBlobs, readBlobSync, type BlobContent } from '../git/blobs.js';
import { grepIndexSync } from '../git/grep.js';
import {
  isStatCheckRelaxed,
  readIndexEntries,
  readStagedChanges,
  readWorktreeChanges,
  REGULAR_FILE_MODES,
  SYMLINK_MODE,
  type IndexEntry,
  type StagedMoves,
} from '../git/index-entries.js';
import type { FileReadFailure } from '../manifests/yaml-file.js';
import {
  ALWAYS_IGNORED,
  compareStrings,
  tooLarge,
  WorkingTreeSource,
  type FileSource,
  type StagedChange,
  type WorkingTreeOptions,
} from './file-source.js';
import { isKustomizationFile } from '../manifests/kustomize.js';
import { outsideRepository } from './link-failure.js';
import { toPosix } from '../files/paths.js';

/** Links followed before a chain of symbolic links counts as a loop. */
const MAX_LINK_DEPTH = 40;

interface IndexState {
  root: string;
  /** Stage-0 entries by path; a conflicted path is in `unmerged` instead. */
  entries: ReadonlyMap<string, IndexEntry>;
  unmerged: ReadonlySet<string>;
  /** Index content read from git, by path: what the working tree cannot be trusted to hold. */
  blobs: ReadonlyMap<string, BlobContent>;
  /**
   * The index content of the other kustomization files, read ahead by one `git cat-file
   * --batch` while the run starts: every run reads them all (kustomization-resources-exist
   * checks each one's paths), and one git process reads thousands of blobs in a fraction of the
   * time it takes to open as many files. A path it lacks is read from the working tree.
   */
  readAhead: Promise<ReadonlyMap<string, BlobContent>>;
  staged: readonly string[];
  /** What the commit adds and deletes; 'all' on an unborn branch. */
  moves: StagedMoves | 'all';
  /**
   * Set when git's stat check is relaxed (see isStatCheckRelaxed): git may take an edited
   * working tree copy for the index's, so each one read is checked against the index's object id.
   */
  verifyWorktree: boolean;
}

/** Where a staged symbolic link leads: a file of the index, or a path outside the repository. */
type LinkTarget = { file: string } | { outside: string } | undefined;

/**
 * The repository as git's index holds it: what `git commit` would record. The file list is
 * the index's (so a file deleted with `git rm` is gone and a tracked file matching .gitignore
 * is still there, as git sees it); contents are the staged ones, so a partially staged file is
 * judged by its staged part.
 *
 * Bytes come from the index blobs for every path whose working tree copy git reports as
 * different (`git diff-files`), for paths git does not check (assume-unchanged,
 * skip-worktree), for symbolic links and for the staged paths; all of them are read up front
 * with one `git cat-file --batch`. The other kustomization files, which every run reads, are
 * read ahead from the index with a second one, in the background, while the run starts. Every
 * other path is byte for byte the same in the working tree, which is where it is read from.
 * (With clean/smudge filters or end-of-line conversion configured, such a file is read in its
 * checked-out form.)
 */
export class GitIndexSource implements FileSource {
  readonly root: string;
  readonly #state: IndexState;
  readonly #worktree: WorkingTreeSource;
  readonly #ignores: readonly string[];
  readonly #maxFileSize: number;
  #files: string[] | undefined;

  private constructor(state: IndexState, options: WorkingTreeOptions) {
    this.root = state.root;
    this.#state = state;
    this.#worktree = new WorkingTreeSource(state.root, options);
    this.#ignores = options.ignores ?? [];
    this.#maxFileSize = options.maxFileSize ?? Number.POSITIVE_INFINITY;
  }

  /**
   * Reads the index of the repository that contains `root` (paths relative to `root`). With
   * `readAhead: false` (a run with the cache, which reads few files) kustomization files are not read ahead.
   */
  static async open(root: string, options: WorkingTreeOptions & { readAhead?: boolean } = {}): Promise<GitIndexSource> {
    const resolved = path.resolve(root);
    // readIndexEntries names a directory outside any repository as such, so its failure comes first.
    const results = await Promise.allSettled([
      readIndexEntries(resolved),
      readStagedChanges(resolved),
      readWorktreeChanges(resolved),
      isStatCheckRelaxed(resolved),
    ]);
    const [indexResult, stagedResult, changedResult, relaxedResult] = results;
    if (indexResult.status === 'rejected') throw indexResult.reason;
    if (stagedResult.status === 'rejected') throw stagedResult.reason;
    if (changedResult.status === 'rejected') throw changedResult.reason;
    if (relaxedResult.status === 'rejected') throw relaxedResult.reason;
    const [indexEntries, changes, changed] = [indexResult.value, stagedResult.value, changedResult.value];
    const staged = changes === 'all' ? 'all' : changes.staged;
    const entries = new Map<string, IndexEntry>();
    const unmerged = new Set<string>();
    for (const entry of indexEntries) {
      if (entry.stage === 0) entries.set(entry.path, entry);
      else unmerged.add(entry.path);
    }
    const stagedPaths = staged === 'all' ? [...entries.keys(), ...unmerged] : staged;
    const fromIndex = new Set([...changed, ...stagedPaths]);
    for (const entry of entries.values()) {
      if (entry.worktreeUntrusted || entry.mode === SYMLINK_MODE) fromIndex.add(entry.path);
    }
    const oidsByPath = new Map<string, string>();
    for (const file of fromIndex) {
      const entry = entries.get(file);
      if (entry && (REGULAR_FILE_MODES.has(entry.mode) || entry.mode === SYMLINK_MODE)) oidsByPath.set(file, entry.oid);
    }
    const byOid = await readBlobs(resolved, oidsByPath.values());
    const blobs = new Map<string, BlobContent>();
    for (const [file, oid] of oidsByPath) {
      const blob = byOid.get(oid);
      if (blob) blobs.set(file, blob);
    }
    const aheadOids = new Map<string, string>();
    for (const entry of options.readAhead === false ? [] : entries.values()) {
      if (!blobs.has(entry.path) && REGULAR_FILE_MODES.has(entry.mode) && isKustomizationFile(entry.path))
        aheadOids.set(entry.path, entry.oid);
    }
    const readAhead = readBlobs(resolved, aheadOids.values()).then(
      (byOid) => {
        const byPath = new Map<string, BlobContent>();
        for (const [file, oid] of aheadOids) {
          const blob = byOid.get(oid);
          if (blob) byPath.set(file, blob);
        }
        return byPath;
      },
      // Not read ahead: each file is read from the working tree, as before.
      () => new Map<string, BlobContent>(),
    );
    const state: IndexState = {
      root: resolved,
      entries,
      unmerged,
      blobs,
      readAhead,
      staged: [...new Set(stagedPaths)].sort(compareStrings),
      moves: changes === 'all' ? 'all' : { added: changes.added, deleted: changes.deleted },
      verifyWorktree: relaxedResult.value,
    };
    return new GitIndexSource(state, options);
  }

  /** The same index with other ignores or size limit (once gitops.yaml has been read). */
  withOptions(options: WorkingTreeOptions): GitIndexSource {
    return new GitIndexSource(this.#state, options);
  }

  /**
   * What the commit adds, copies, modifies, renames or changes in type, among the listed
   * files. Deleted paths are not in it: they are no longer in the index at all.
   */
  async stagedFiles(): Promise<string[]> {
    const listed = new Set(await this.listFiles());
    return this.#state.staged.filter((file) => listed.has(file));
  }

  /**
   * What the commit changes: the staged files (added, modified or renamed), and the paths it adds
   * and deletes; undefined on an unborn branch, where everything is new.
   */
  change(): StagedChange | undefined {
    const { moves, staged } = this.#state;
    if (moves === 'all') return undefined;
    return { staged, added: moves.added, deleted: moves.deleted };
  }

  /** The files with a backslash or a UTF-16 byte-order mark (null: git could not tell). */
  #marked: ReadonlySet<string> | null | undefined;

  /**
   * The files whose staged content holds every one of `texts`, or a backslash (an escape in a
   * double-quoted YAML string can spell any text), or a UTF-16 byte-order mark (whose text git
   * cannot search as bytes): a superset of the files whose decoded text holds them, found by
   * `git grep` in the index's objects instead of reading every file. Symbolic links count when
   * the file they lead to does. Undefined when git cannot answer.
   */
  filesContaining(texts: readonly string[]): ReadonlySet<string> | undefined {
    const all = grepIndexSync(this.root, texts, { fixed: true, allMatch: true });
    // The same for every search of the run: asked once.
    const marked = (this.#marked ??=
      grepIndexSync(this.root, ['\\', Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])], { fixed: true }) ?? null);
    if (!all || !marked) return undefined;
    return this.#withLinks(new Set([...all, ...marked]));
  }

  /**
   * The files whose staged content may name one of the paths whose segments (file and directory
   * names) are `names`: those holding one of the names, a backslash (escapes), or a path that
   * ends in `.` or `..` (which names a directory by where the file is). A superset, from `git grep`.
   */
  filesNaming(names: readonly string[]): ReadonlySet<string> | undefined {
    const escape = (name: string): string => name.replace(/[.[\]()*+?{}|^$\\]/g, '\\$&');
    const patterns = [...new Set(names)].filter((name) => name !== '').map(escape);
    patterns.push('\\\\', '(^|[^A-Za-z0-9_./-])[.][.]?/?([^A-Za-z0-9_./-]|$)');
    const found = grepIndexSync(this.root, patterns, { fixed: false });
    return found && this.#withLinks(found);
  }

  #withLinks(found: Set<string>): Set<string> {
    for (const entry of this.#state.entries.values()) {
      if (entry.mode !== SYMLINK_MODE) continue;
      const target = this.#resolveLink(entry.path);
      if (target && 'file' in target && found.has(target.file)) found.add(entry.path);
    }
    return found;
  }

  listFiles(): Promise<string[]> {
    if (!this.#files) {
      const isIgnored = picomatch([...ALWAYS_IGNORED, ...this.#ignores], { dot: true });
      const files: string[] = [...this.#state.unmerged];
      for (const entry of this.#state.entries.values()) {
        // Submodules (160000) are other repositories; links count when they lead to a file.
        if (
          REGULAR_FILE_MODES.has(entry.mode) ||
          (entry.mode === SYMLINK_MODE && this.#resolveLink(entry.path) !== undefined)
        ) {
          files.push(entry.path);
        }
      }
      this.#files = files.filter((file) => !isIgnored(file)).sort(compareStrings);
    }
    return Promise.resolve(this.#files);
  }

  #readAheadBlobs: ReadonlyMap<string, BlobContent> | undefined;

  async prepare(): Promise<void> {
    this.#readAheadBlobs = await this.#state.readAhead;
  }

  readBytes(file: string): Buffer | FileReadFailure {
    if (this.#state.unmerged.has(file)) {
      return {
        reason: 'unreadable',
        detail: 'it has unresolved merge conflicts in the index; resolve them and git add it',
      };
    }
    const entry = this.#state.entries.get(file);
    if (!entry) return { reason: 'missing', detail: 'it is not in the index' };
    if (entry.mode === SYMLINK_MODE) {
      const target = this.#resolveLink(file);
      if (target === undefined) return { reason: 'missing', detail: 'it is a symbolic link to nothing in the index' };
      if ('outside' in target) return outsideRepository(target.outside);
      return this.readBytes(target.file);
    }
    const blob = this.#state.blobs.get(file) ?? this.#readAheadBlobs?.get(file);
    // git found the working tree copy equal to the index (and it was not read ahead): a regular file, read as such.
    if (blob === undefined) return this.#readWorktreeCopy(file, entry.oid);
    return this.#limited(blob);
  }

  #limited(blob: BlobContent): Buffer | FileReadFailure {
    const size = Buffer.isBuffer(blob) ? blob.length : blob.size;
    if (size > this.#maxFileSize || !Buffer.isBuffer(blob)) return tooLarge(size, this.#maxFileSize);
    return blob;
  }

  /**
   * A file that git found unchanged, from the working tree. With git's stat check relaxed, a
   * copy whose bytes are not the index's object is not the staged content: the blob is read.
   */
  #readWorktreeCopy(file: string, oid: string): Buffer | FileReadFailure {
    const bytes = this.#worktree.readRegularFile(file) ?? this.#worktree.readBytes(file);
    if (!this.#state.verifyWorktree || (Buffer.isBuffer(bytes) && blobId(bytes, oid) === oid)) return bytes;
    const blob = readBlobSync(this.root, oid, this.#maxFileSize);
    return blob === undefined
      ? { reason: 'unreadable', detail: `git cannot read its staged content (${oid})` }
      : this.#limited(blob);
  }

  /**
   * The object id git's index records for a regular file: its staged content, whether it is
   * read from the index or (when git found the working tree copy equal) from the working tree.
   */
  version(file: string): string | undefined {
    if (this.#state.unmerged.has(file)) return undefined;
    const entry = this.#state.entries.get(file);
    return entry && REGULAR_FILE_MODES.has(entry.mode) ? `git:${entry.oid}` : undefined;
  }

  /** Where a symbolic link in the index leads: a regular file in the index, outside, or nowhere. */
  #resolveLink(file: string): LinkTarget {
    let current = file;
    for (let depth = 0; depth < MAX_LINK_DEPTH; depth += 1) {
      const entry = this.#state.entries.get(current);
      if (!entry) return undefined;
      if (REGULAR_FILE_MODES.has(entry.mode)) return { file: current };
      if (entry.mode !== SYMLINK_MODE) return undefined;
      const blob = this.#state.blobs.get(current);
      if (!Buffer.isBuffer(blob)) return undefined;
      const target = blob.toString('utf8');
      let next: string;
      if (path.isAbsolute(target)) {
        const relative = path.relative(this.root, target);
        // The root itself is a directory of the repository, no file.
        if (relative === '') return undefined;
        if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative))
          return { outside: path.resolve(target) };
        next = toPosix(relative);
      } else {
        next = path.posix.normalize(path.posix.join(path.posix.dirname(current), target));
        if (next === '..' || next.startsWith('../')) return { outside: path.resolve(this.root, ...next.split('/')) };
      }
      current = next;
    }
    return undefined;
  }
}
