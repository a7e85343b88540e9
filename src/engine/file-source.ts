import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  readlinkSync,
  readSync,
  realpathSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import type { Ignore } from 'ignore';
import picomatch from 'picomatch';
import { runGit, splitNul } from '../git/command.js';
import {
  checkIndexFile,
  indexReadError,
  isIndexFileError,
  isStatCheckRelaxed,
  readKnownPaths,
} from '../git/index-entries.js';
import type { FileReadFailure } from '../manifests/yaml-file.js';
import { outsideRepository } from './link-failure.js';

/**
 * Where the engine gets file names and bytes from: the working tree here, git's index for
 * `--staged`. Only the engine and sources touch the file system during a lint run.
 */
export interface FileSource {
  /** Absolute path of the repository root. */
  readonly root: string;
  /** Every file that is not ignored: repository-relative POSIX paths, sorted. */
  listFiles(): Promise<string[]>;
  /** The file's bytes, or why they cannot be had. */
  readBytes(file: string): Buffer | FileReadFailure;
  /** Finishes what the source reads ahead (in other processes) before files are read synchronously. */
  prepare?(): Promise<void>;
  /**
   * A short string that changes whenever the file's bytes may have changed (its stat data, or
   * git's object id), for the lint cache to trust a stored content hash without reading the
   * file; undefined when that cannot be told cheaply and safely. Ask before reading: a change
   * after the question then shows as another version next time.
   */
  version?(file: string): string | undefined;
  /**
   * How a worker thread opens the same files (plain data), or undefined when this source
   * cannot be opened again elsewhere; the linter then runs every rule in one thread.
   */
  describe?(): SourceDescription | undefined;
  /**
   * What is at a repository-relative path given on the command line, listed or not (a file
   * that .gitignore excludes is still a file): for target selection.
   */
  pathKind?(file: string): 'file' | 'directory' | undefined;
  /** The paths git knows (HEAD's and the index's), to tell a deleted file from a mistyped one; undefined outside git. */
  knownPaths?(): Promise<ReadonlySet<string> | undefined>;
  /**
   * With `--staged`: what the commit changes, so that repository rules that say which files they
   * check (`meta.checks`) check only those the change can affect. Undefined: everything counts
   * as changed.
   */
  change?(): StagedChange | undefined;
  /**
   * The files whose content holds every one of `texts`, or that may spell them with escapes: a
   * superset, answered without reading the files (git's index source asks `git grep`); undefined
   * when the source cannot tell, and the files are read.
   */
  filesContaining?(texts: readonly string[]): ReadonlySet<string> | undefined;
  /**
   * The files whose content may name a path whose file and directory names are among `names`
   * (a superset, as filesContaining); undefined when the source cannot tell.
   */
  filesNaming?(names: readonly string[]): ReadonlySet<string> | undefined;
}

/** What a commit changes (see FileSource.change). */
export interface StagedChange {
  /** Files the commit adds, modifies, renames or changes in type. */
  staged: readonly string[];
  /** Paths it adds and deletes (a rename is both). */
  added: readonly string[];
  deleted: readonly string[];
}

/** A source whose ignores and size limit are set once the descriptor has been read (through the source itself). */
export interface ConfigurableSource extends FileSource {
  withOptions(options: WorkingTreeOptions): FileSource;
}

/** A FileSource as plain data, for worker threads (see openDescribedSource). */
export interface SourceDescription {
  root: string;
  options: WorkingTreeOptions;
  /** Listed files that are symbolic links; every other listed file is a regular file. */
  links: readonly string[];
  /** Files replaced in memory (--fix's later passes). */
  changes: readonly (readonly [string, string])[];
}

/** Directories that are never part of a repository's content. */
export const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**', '.git', '**/.gitops-init-cache/**'];

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** Links followed before a chain of symbolic links counts as a loop (as Linux's ELOOP). */
const MAX_LINK_DEPTH = 40;

/**
 * Where a symbolic link leads: its real path; for a dangling link (or a loop), the path its
 * chain of links names, as far as it can be followed.
 */
function whereLinkLeads(absolute: string): string {
  try {
    return realpathSync(absolute);
  } catch {
    // Dangling, or a loop: follow the chain by hand.
  }
  let current = absolute;
  for (let depth = 0; depth < MAX_LINK_DEPTH; depth += 1) {
    let target: string;
    try {
      target = readlinkSync(current);
    } catch {
      // Not a link (or nothing at all): the end of the chain.
      return current;
    }
    let parent = path.dirname(current);
    try {
      parent = realpathSync(parent);
    } catch {
      // A directory that does not exist: taken as written.
    }
    current = path.resolve(parent, target);
  }
  return current;
}

interface GitignoreScope {
  directory: string;
  matcher: Ignore;
}

/**
 * Applies every .gitignore in the tree, deeper files after shallower ones, as git does (and
 * .git/info/exclude); `read` gives a file's text, or undefined.
 */
export async function gitignoreFilter(
  read: (file: string) => string | undefined,
  gitignores: readonly string[],
): Promise<(file: string) => boolean> {
  // Loaded when a working tree is listed: `--staged` and `--version` never need it.
  const { default: ignore } = await import('ignore');
  const scopes: GitignoreScope[] = [];
  for (const file of [...gitignores].sort((a, b) => a.split('/').length - b.split('/').length)) {
    const text = read(file);
    if (text === undefined) continue;
    const directory = path.posix.dirname(file);
    scopes.push({ directory: directory === '.' ? '' : `${directory}/`, matcher: ignore().add(text) });
  }
  // No repository, or no exclude file: nothing to add.
  const exclude = read('.git/info/exclude');
  if (exclude !== undefined) scopes.unshift({ directory: '', matcher: ignore().add(exclude) });
  if (scopes.length === 0) return () => false;
  return (file) => {
    let ignored = false;
    for (const scope of scopes) {
      if (!file.startsWith(scope.directory)) continue;
      const result = scope.matcher.test(file.slice(scope.directory.length));
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  };
}

export interface WorkingTreeOptions {
  /** Globs from gitops.yaml `ignores`. */
  ignores?: readonly string[];
  /** Largest file that is read, in bytes. */
  maxFileSize?: number;
  /**
   * Whether version() will be asked (the lint cache): git is then also asked which tracked
   * files are unchanged, so that their versions are their index object ids.
   */
  versions?: boolean;
}

/** Files found by listing a directory, before the configured ignores. */
interface Listing {
  files: string[];
  regular: ReadonlySet<string>;
  links: readonly string[];
  isIgnored: (file: string) => boolean;
  /** Tracked regular files that git found unchanged in the working tree: their index object ids. */
  unchanged?: ReadonlyMap<string, string>;
}

/** The files of a directory on disk, honouring .gitignore and the configured ignores. */
export class WorkingTreeSource implements FileSource {
  readonly root: string;
  readonly #realRoot: string;
  readonly #options: WorkingTreeOptions;
  readonly #ignores: readonly string[];
  readonly #maxFileSize: number;
  /** The configured ignores, compiled on first use. */
  #isConfiguredIgnore: ((file: string) => boolean) | undefined;
  /** Regular files found by the last listing, and the symbolic links among the listed files. */
  #listed:
    { regular: ReadonlySet<string>; links: readonly string[]; unchanged?: ReadonlyMap<string, string> } | undefined;

  constructor(root: string, options: WorkingTreeOptions = {}) {
    this.root = path.resolve(root);
    this.#realRoot = realpathSync(this.root);
    this.#options = options;
    this.#ignores = options.ignores ?? [];
    this.#maxFileSize = options.maxFileSize ?? Number.POSITIVE_INFINITY;
  }

  /** The source a description names, with the listing it was made from (in a worker thread). */
  static fromDescription(description: SourceDescription, files: readonly string[]): WorkingTreeSource {
    const source = new WorkingTreeSource(description.root, description.options);
    const links = new Set(description.links);
    source.#listed = { regular: new Set(files.filter((file) => !links.has(file))), links: description.links };
    return source;
  }

  describe(): SourceDescription {
    return { root: this.root, options: this.#options, links: this.#listed?.links ?? [], changes: [] };
  }

  /**
   * Every file that is not ignored. In a git work tree whose top is this directory, git lists
   * them: the tracked files that are still there and the untracked files that .gitignore (and
   * .git/info/exclude, core.excludesFile) do not exclude — what the next `git add -A` would
   * commit, so a tracked file that .gitignore matches is listed, as git commits it. Anywhere
   * else the directory is walked, applying every .gitignore in it.
   */
  async listFiles(): Promise<string[]> {
    const listed = (await this.#listWithGit()) ?? (await this.#walk());
    this.#listed = {
      regular: listed.regular,
      links: listed.links,
      ...(listed.unchanged ? { unchanged: listed.unchanged } : {}),
    };
    // Compiled once per source (a run), not once per listing (--fix lists again every pass).
    this.#isConfiguredIgnore ??=
      this.#ignores.length > 0 ? picomatch(this.#ignores as string[], { dot: true }) : () => false;
    const isConfiguredIgnore = this.#isConfiguredIgnore;
    return listed.files.filter((file) => !listed.isIgnored(file) && !isConfiguredIgnore(file)).sort(compareStrings);
  }

  /**
   * Whether a symbolic link is listed: when it leads to a file of the repository (it is read as
   * that file), or anywhere outside the repository — a file, a directory, a device or nothing —
   * where it is never read, and reported (a clone does not have what it points to). A link to a
   * directory of the repository, or dangling inside it, has no content of its own to lint.
   */
  #isListedLink(file: string): boolean {
    const destination = whereLinkLeads(path.join(this.root, file));
    if (!isInside(this.#realRoot, destination)) return true;
    try {
      return statSync(destination).isFile();
    } catch {
      return false;
    }
  }

  /**
   * Whether the directory is plainly the top of a git work tree: it holds a repository (`.git`
   * with a HEAD, or a `.git` file naming one, as worktrees and submodules have) and no GIT_DIR
   * or GIT_WORK_TREE points git elsewhere. Saves asking git (a process) in the usual case.
   */
  #isWorkTreeTop(): boolean {
    if (process.env.GIT_DIR !== undefined || process.env.GIT_WORK_TREE !== undefined) return false;
    const dotGit = path.join(this.#realRoot, '.git');
    try {
      const stat = lstatSync(dotGit);
      if (stat.isDirectory()) return statSync(path.join(dotGit, 'HEAD')).isFile();
      return stat.isFile() && readFileSync(dotGit, 'utf8').startsWith('gitdir: ');
    } catch {
      return false;
    }
  }

  async #listWithGit(): Promise<Listing | undefined> {
    let topLevel: Buffer;
    let listed: Buffer;
    let others: Buffer;
    let changed: Buffer | undefined;
    let relaxed: boolean | undefined;
    // GIT_INDEX_FILE is checked beside the listing; its own failure names the problem best.
    const checked = checkIndexFile(this.root).then(
      () => undefined,
      (error: unknown) => (isIndexFileError(error) ? error : undefined),
    );
    try {
      [topLevel, listed, others, changed, relaxed] = await Promise.all([
        this.#isWorkTreeTop()
          ? Buffer.from(this.#realRoot)
          : runGit(['rev-parse', '--show-toplevel'], { cwd: this.root }),
        // The index (tag, mode, object id, stage) and the deleted files (tag R); the untracked
        // files that are not ignored (tag ?) in another process, which walks the tree meanwhile.
        // With diff-files (below), the deleted files come from it instead (status D): one pass
        // over the working tree's files rather than two.
        runGit(['ls-files', '-z', '--cached', '--stage', '-v', ...(this.#options.versions ? [] : ['--deleted'])], {
          cwd: this.root,
        }),
        runGit(['ls-files', '-z', '-t', '--others', '--exclude-standard'], { cwd: this.root }),
        // What git finds changed against the index (it compares stat data, and the content of
        // racily clean entries): every other tracked file is its index blob (for version()).
        this.#options.versions
          ? runGit(['diff-files', '--name-status', '-z', '--relative'], { cwd: this.root })
          : undefined,
        // Whether git's word can be trusted: not when its stat check is relaxed.
        this.#options.versions ? isStatCheckRelaxed(this.root) : undefined,
      ]);
    } catch (error) {
      // An index git cannot read (or a GIT_INDEX_FILE naming none) is told, not walked past:
      // the walk would list other files than git does.
      const badIndexFile = await checked;
      if (badIndexFile !== undefined) throw badIndexFile;
      const unreadable = indexReadError(error);
      if (unreadable) throw unreadable;
      // Not a git work tree (or no git): the directory is walked.
      return undefined;
    }
    const badIndexFile = await checked;
    if (badIndexFile !== undefined) throw badIndexFile;
    const records = [...splitNul(listed), ...splitNul(others)];
    const tracked = records.filter((record) => !/^[?Rr] /.test(record));
    const deleted = records
      .filter((record) => /^[Rr] /.test(record))
      .map((record) => record.slice(record.indexOf('\t') + 1));
    const untrackedFiles = records.filter((record) => record.startsWith('? ')).map((record) => record.slice(2));
    // Below the top of a work tree, the directory may itself be ignored (git would list nothing):
    // it is walked, as a directory of its own.
    let top: string;
    try {
      top = realpathSync(topLevel.toString('utf8').trim());
    } catch {
      return undefined;
    }
    if (top !== this.#realRoot) return undefined;
    // diff-files: "<status>\0<path>\0" pairs. Without it, no file is known unchanged (version()
    // then looks at the file) and ls-files named the deleted ones. With git's stat check
    // relaxed, it still names the deleted files, but no file is known unchanged either: a
    // same-size edit that put the modification time back passes git's check, and version()
    // looks at the file's own stat data (its change time included) instead.
    let differs: Set<string> | undefined;
    const gone = new Set(deleted);
    if (changed !== undefined) {
      differs = new Set();
      const pairs = splitNul(changed);
      for (let index = 0; index + 1 < pairs.length; index += 2) {
        const file = pairs[index + 1] ?? '';
        differs.add(file);
        if (pairs[index] === 'D') gone.add(file);
      }
    }
    const unchanged = new Map<string, string>();
    const files = new Set<string>();
    const regular = new Set<string>();
    const links: string[] = [];
    // A tracked file replaced by a directory: git lists the directory's files as untracked.
    const nowDirectories = new Set<string>();
    for (const file of untrackedFiles) {
      for (let slash = file.indexOf('/'); slash !== -1; slash = file.indexOf('/', slash + 1))
        nowDirectories.add(file.slice(0, slash));
    }
    /** Lists a path found on disk (untracked, or tracked but not checked by git): regular files and links to files. */
    const addFromDisk = (file: string): void => {
      let stat;
      try {
        stat = lstatSync(path.join(this.root, file));
      } catch {
        return;
      }
      if (stat.isFile()) regular.add(file);
      else if (stat.isSymbolicLink() && this.#isListedLink(file)) links.push(file);
      else return;
      files.add(file);
    };
    for (const record of tracked) {
      // "<tag> <mode> <oid> <stage>\t<path>"; S marks skip-worktree (git does not look at the
      // working tree copy, which a sparse checkout leaves out): it counts where it is on disk.
      const match = /^(\S) (\d{6}) ([0-9a-f]+) (\d)\t(.*)$/s.exec(record);
      if (!match) continue;
      const [, tag = '', mode = '', oid = '', stage = '', file = ''] = match;
      if (gone.has(file) || files.has(file) || nowDirectories.has(file)) continue;
      if (mode === '160000') {
        // A submodule is another repository.
        continue;
      } else if (tag === 'S') {
        addFromDisk(file);
        continue;
      } else if (mode === '120000') {
        if (!this.#isListedLink(file)) continue;
        links.push(file);
      } else {
        regular.add(file);
        // H: git checks the working tree copy (not assume-unchanged, not skip-worktree).
        if (differs && relaxed === false && tag === 'H' && stage === '0' && !differs.has(file))
          unchanged.set(file, oid);
      }
      files.add(file);
    }
    for (const file of untrackedFiles) {
      // A directory (ending in /) is another repository inside this one.
      if (file.endsWith('/') || files.has(file)) continue;
      addFromDisk(file);
    }
    return { files: [...files], regular, links, isIgnored: picomatch(ALWAYS_IGNORED, { dot: true }), unchanged };
  }

  async #walk(): Promise<Listing> {
    // Symbolic links are not followed while walking, so a link cycle cannot loop and a link to
    // a directory outside cannot pull foreign files in. Links to files, and links that leave the
    // repository, are listed (see #isListedLink); reading one that points outside the repository
    // is refused in readBytes. The walk is synchronous:
    // fast-glob's asynchronous walk takes several times as long (each directory a round trip
    // through libuv's thread pool), and nothing else runs meanwhile.
    const { default: fg } = await import('fast-glob');
    const entries = fg.sync('**/*', {
      cwd: this.root,
      dot: true,
      onlyFiles: false,
      followSymbolicLinks: false,
      objectMode: true,
      ignore: ALWAYS_IGNORED,
      suppressErrors: true,
    });
    const files: string[] = [];
    const regular = new Set<string>();
    const links: string[] = [];
    for (const entry of entries) {
      if (entry.dirent.isFile()) {
        files.push(entry.path);
        regular.add(entry.path);
      } else if (entry.dirent.isSymbolicLink() && this.#isListedLink(entry.path)) {
        files.push(entry.path);
        links.push(entry.path);
      }
    }
    const isIgnored = await gitignoreFilter(
      (file) => {
        try {
          return readFileSync(path.join(this.root, file), 'utf8');
        } catch {
          return undefined;
        }
      },
      files.filter((file) => file === '.gitignore' || file.endsWith('/.gitignore')),
    );
    return { files, regular, links, isIgnored };
  }

  /** The same directory with other ignores or size limit (once gitops.yaml has been read). */
  withOptions(options: WorkingTreeOptions): WorkingTreeSource {
    return new WorkingTreeSource(this.root, options);
  }

  pathKind(file: string): 'file' | 'directory' | undefined {
    let stat;
    try {
      stat = statSync(path.join(this.root, file));
    } catch {
      return undefined;
    }
    return stat.isDirectory() ? 'directory' : 'file';
  }

  knownPaths(): Promise<ReadonlySet<string> | undefined> {
    return readKnownPaths(this.root);
  }

  /**
   * The file's stat data (size, modification and change times, inode), as git's index keeps
   * it. A file changed within the last RACY_INTERVAL_MS has no version: on file systems with
   * coarse timestamps a second change in the same tick would keep the same stat data (git's
   * "racily clean" entries), so such a file is read rather than trusted. A symbolic link's
   * version also holds where it leads: the same file (a hard link) can be inside the
   * repository through one path and outside through another, where it is refused.
   */
  version(file: string): string | undefined {
    // A tracked file git found unchanged is its index blob: git has compared its stat data.
    const oid = this.#listed?.unchanged?.get(file);
    if (oid !== undefined) return `git:${oid}`;
    const absolute = path.join(this.root, file);
    const entry = lstatSync(absolute, { throwIfNoEntry: false });
    const isLink = entry?.isSymbolicLink() === true;
    const stat = isLink ? statSync(absolute, { throwIfNoEntry: false }) : entry;
    if (!stat?.isFile()) return undefined;
    if (Math.max(stat.mtimeMs, stat.ctimeMs) > Date.now() - RACY_INTERVAL_MS) return undefined;
    const version = `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}`;
    if (!isLink) return version;
    try {
      return `${version}:${realpathSync(absolute)}`;
    } catch {
      return undefined;
    }
  }

  readBytes(file: string): Buffer | FileReadFailure {
    const absolute = path.join(this.root, file);
    if (this.#listed?.regular.has(file) && NO_FOLLOW !== undefined) {
      const bytes = this.#readRegular(absolute);
      if (bytes !== undefined) return bytes;
    }
    try {
      const real = realpathSync(absolute);
      if (!isInside(this.#realRoot, real)) return outsideRepository(real);
      const stat = statSync(real);
      // A named pipe or a device would be waited on or read without end.
      if (!stat.isFile()) return { reason: 'unreadable', detail: 'it is not a regular file' };
      if (stat.size > this.#maxFileSize) return tooLarge(stat.size, this.#maxFileSize);
      return readFileSync(real);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
      if (code === 'ENOENT' || code === 'ELOOP') {
        // A link that leads out of the repository to nothing (or loops there) is still one.
        const isLink = lstatSync(absolute, { throwIfNoEntry: false })?.isSymbolicLink() === true;
        const destination = isLink ? whereLinkLeads(absolute) : undefined;
        if (destination !== undefined && !isInside(this.#realRoot, destination)) return outsideRepository(destination);
      }
      if (code === 'ENOENT') return { reason: 'missing', detail: 'it does not exist' };
      const detail =
        code === 'EACCES' || code === 'EPERM'
          ? 'permission denied; make it readable (chmod +r) or add it to ignores in gitops.yaml'
          : `it cannot be read (${code})`;
      return { reason: 'unreadable', detail };
    }
  }

  /**
   * Reads a file that is known to be a regular file of the repository (listed, or equal to
   * git's index entry) without resolving its path; undefined when it turns out not to be one,
   * or where links cannot be refused on opening: then readBytes decides.
   */
  readRegularFile(file: string): Buffer | FileReadFailure | undefined {
    return NO_FOLLOW === undefined ? undefined : this.#readRegular(path.join(this.root, file));
  }

  /**
   * A listed regular file, read without resolving its path: the walk did not enter linked
   * directories, so no part of the path is a link, and O_NOFOLLOW refuses a file that was
   * replaced by a link since. Undefined when that happened, or on any error, for readBytes to
   * take the careful way.
   */
  #readRegular(absolute: string): Buffer | FileReadFailure | undefined {
    let descriptor: number | undefined;
    try {
      // O_NONBLOCK: opening a named pipe that replaced the file returns at once (it is then refused).
      descriptor = openSync(absolute, constants.O_RDONLY | constants.O_NONBLOCK | (NO_FOLLOW ?? 0));
      const stat = fstatSync(descriptor);
      if (!stat.isFile()) return undefined;
      if (stat.size > this.#maxFileSize) return tooLarge(stat.size, this.#maxFileSize);
      const bytes = Buffer.allocUnsafe(stat.size);
      let read = 0;
      while (read < stat.size) {
        const count = readSync(descriptor, bytes, read, stat.size - read, read);
        if (count === 0) break;
        read += count;
      }
      return read === stat.size ? bytes : bytes.subarray(0, read);
    } catch {
      return undefined;
    } finally {
      if (descriptor !== undefined) closeSync(descriptor);
    }
  }
}

/** How recently a file may have changed for its stat data to be trusted as its version (see WorkingTreeSource.version). */
export const RACY_INTERVAL_MS = 2000;

/** O_NOFOLLOW where the platform has it (not on Windows, where reads resolve the path first). */
const NO_FOLLOW: number | undefined = (constants as { O_NOFOLLOW?: number }).O_NOFOLLOW;

/** The failure for a file over linterOptions.maxFileSize. */
export function tooLarge(size: number, maxFileSize: number): FileReadFailure {
  return {
    reason: 'too-large',
    detail: `it is ${formatBytes(size)}, over the limit of ${formatBytes(maxFileSize)}; raise linterOptions.maxFileSize in gitops.yaml to lint it`,
  };
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}
