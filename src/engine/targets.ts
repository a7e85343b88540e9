import path from 'node:path';
import picomatch from 'picomatch';
import { quote, UsageError } from '../errors.js';
import { relativePosix } from '../files/paths.js';
import type { FileSource } from './file-source.js';

/** The target selection stage's input. */
export interface TargetRequest {
  /** Absolute directory the command runs in: `paths` are relative to it. */
  cwd: string;
  /** The source the files are listed from (it tells what is at a path that is not listed). */
  source: FileSource;
  /** Every listed file. */
  files: readonly string[];
  /** Files, directories or globs given; every file when empty. */
  paths: readonly string[];
  /** With `--staged`: the staged files, the only ones whose per-file rules run. */
  staged?: readonly string[];
}

/** The target selection stage's output. */
export interface TargetSelection {
  /** The files whose per-file rules run, sorted. */
  targets: string[];
  /** Notes for the user about paths that were given but are not linted. */
  notices: string[];
}

/** At most this many names in one notice line. */
const NAMES_IN_NOTICE = 5;

function nameList(files: readonly string[]): string {
  const shown = files.slice(0, NAMES_IN_NOTICE).join(', ');
  return files.length > NAMES_IN_NOTICE ? `${shown} and ${files.length - NAMES_IN_NOTICE} more` : shown;
}

/** A glob given relative to cwd, as a pattern over repository-relative paths. */
function globMatcher(root: string, cwd: string, given: string): (file: string) => boolean {
  const cwdPrefix = relativePosix(root, cwd);
  return picomatch(cwdPrefix === '' ? given : `${cwdPrefix}/${given}`, { dot: true });
}

/**
 * The target selection stage: which files the per-file rules lint. The working tree's files
 * (or, with `--staged`, the staged ones) that the given paths select, all of them when none
 * are given. Repository rules always see every file.
 */
export async function selectTargets(request: TargetRequest): Promise<TargetSelection> {
  return request.staged ? { targets: selectStaged(request, request.staged), notices: [] } : selectListed(request);
}

/** The staged files that the given paths (files, directories or globs, as in the index) select. */
function selectStaged({ cwd, source, paths }: TargetRequest, staged: readonly string[]): string[] {
  if (paths.length === 0) return [...staged];
  const matchers = paths.map((given) => {
    const relative = relativePosix(source.root, path.resolve(cwd, given));
    if (picomatch.scan(given).isGlob) return globMatcher(source.root, cwd, given);
    return (file: string) => relative === '' || file === relative || file.startsWith(`${relative}/`);
  });
  return staged.filter((file) => matchers.some((matches) => matches(file)));
}

async function selectListed({ cwd, source, files, paths }: TargetRequest): Promise<TargetSelection> {
  if (paths.length === 0) return { targets: [...files], notices: [] };
  const { root } = source;
  const notices: string[] = [];
  const selected = new Set<string>();
  const fileSet = new Set(files);
  const ignored: string[] = [];
  const missing: { given: string; relative: string }[] = [];
  for (const given of paths) {
    const relative = relativePosix(root, path.resolve(cwd, given));
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new UsageError(
        `path ${quote(given)} is outside the repository ${quote(root)}; run gitops-init in that repository or pass {{option:cwd}}`,
      );
    }
    const kind = source.pathKind?.(relative);
    if (kind === 'directory') {
      const prefix = relative === '' ? '' : `${relative}/`;
      for (const file of files) if (file.startsWith(prefix)) selected.add(file);
    } else if (kind === 'file') {
      if (fileSet.has(relative)) selected.add(relative);
      else ignored.push(relative);
    } else if (picomatch.scan(given).isGlob) {
      const matches = globMatcher(root, cwd, given);
      const before = selected.size;
      for (const file of files) if (matches(file)) selected.add(file);
      if (selected.size === before)
        throw new UsageError(`no files match the pattern ${quote(given)}; check the glob or quote it for your shell`);
    } else {
      missing.push({ given, relative });
    }
  }
  if (ignored.length > 0)
    notices.push(`ignored (by .gitignore or ignores in gitops.yaml), not linted: ${nameList(ignored)}`);
  if (missing.length > 0) {
    // A file that git knows but the working tree does not is a deletion (as the pre-commit
    // framework or lint-staged may name); anything else is a mistake.
    const known = await source.knownPaths?.();
    const unknown = missing.find(({ relative }) => !known?.has(relative));
    if (unknown)
      throw new UsageError(
        `path ${quote(unknown.given)} does not exist; give an existing file or directory, or a glob`,
      );
    notices.push(`deleted, not linted: ${nameList(missing.map(({ relative }) => relative))}`);
  }
  return { targets: [...selected].sort(), notices };
}
