import path from 'node:path';
import { parse } from 'yaml';
import { DESCRIPTOR_FILES } from '../config/descriptor.js';
import { repositoryRoot } from '../config/repository.js';
import { ConfigError, RefusedError, UsageError } from '../errors.js';
import { withRepositoryLock } from '../files/lock.js';
import { mergeFile } from '../git/merge-file.js';
import { validateAnswers, type ScaffoldAnswers } from '../scaffold/answers.js';
import { renderScaffold, resolveAnswers, type RenderedFile, type ScaffoldGenerator } from '../scaffold/index.js';
import { applyChanges, deleteChange, modifyChange, readRepositoryFile, type FileChange } from './plan.js';

/** What every day-2 command takes. */
export interface Day2Options {
  /** A directory in the repository (gitops.yaml is looked for here and above). Defaults to process.cwd(). */
  cwd?: string;
  /** Plan only: return the changes and write nothing. */
  dryRun?: boolean;
  /** Removals: delete files even where they were changed since they were generated. */
  force?: boolean;
}

/** What every day-2 command returns. */
export interface Day2Result {
  /** Absolute path of the repository. */
  root: string;
  /** Every change, planned (dry run) or made, in path order. */
  changes: FileChange[];
  /** Files that differ from what gitops-init generated, kept (listed, not deleted). */
  kept: string[];
  /** Paths written or deleted in this run. */
  written: string[];
  dryRun: boolean;
}

/** A repository made with `gitops-init new`, as a day-2 command reads it. */
export interface Day2Repository {
  root: string;
  /** Repository-relative name of the descriptor (gitops.yaml). */
  descriptor: string;
  /** The descriptor's text, as read. */
  text: string;
  /** The answers stored in the descriptor: `new` renders the repository's files from them. */
  answers: ScaffoldAnswers;
}

/**
 * Reads the repository that holds `cwd` (the closest directory above it with gitops.yaml) and
 * the answers `new` stored there. Refuses a repository that `new` did not make: new's files
 * would not fit an adopted repository's own layout.
 */
export function readDay2Repository(cwd: string, command: string): Day2Repository {
  const root = repositoryRoot(path.resolve(cwd));
  const descriptor = DESCRIPTOR_FILES.find((name) => readRepositoryFile(root, name) !== null);
  if (descriptor === undefined) {
    throw new UsageError(
      `no gitops.yaml in ${root} or above: run the command in a repository made with gitops-init new`,
      { code: 'NO_DESCRIPTOR' },
    );
  }
  const text = readRepositoryFile(root, descriptor) ?? '';
  let stored: unknown;
  try {
    stored = (parse(text) as { scaffold?: { created?: unknown } } | null)?.scaffold?.created;
  } catch {
    stored = undefined;
  }
  if (stored === undefined || stored === null) {
    // `new` records the day it ran; an adopted repository (gitops-init init, which keeps only the
    // organisation there) has its own layout, which new's files would not fit.
    throw new UsageError(
      `${descriptor} has no "scaffold.created": the repository was not made with gitops-init new, and ${command} writes only the files new generates; make the change by hand`,
      { code: 'NOT_SCAFFOLDED' },
    );
  }
  // dryRun: an unwritable repository is reported when a file is written, not as a bad target.
  const resolved = resolveAnswers({ cwd: root, yes: true, dryRun: true });
  const { answers, problems } = validateAnswers(
    resolved.given,
    resolved.created ?? new Date().toISOString().slice(0, 10),
  );
  if (!answers) {
    throw new ConfigError(`${descriptor}: ${problems.map((problem) => problem.message).join('; ')}`);
  }
  return { root, descriptor, text, answers };
}

/**
 * Runs a day-2 command: reads the repository, plans, and (unless a dry run) writes the plan,
 * all under the repository lock, so that no other command changes a file in between. The
 * descriptor is written last.
 */
export async function runDay2<R extends Omit<Day2Result, 'root' | 'written' | 'dryRun'>>(
  command: string,
  options: Day2Options,
  plan: (repository: Day2Repository) => Promise<R> | R,
): Promise<R & Day2Result> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  if (options.dryRun) {
    const repository = readDay2Repository(cwd, command);
    return { ...(await plan(repository)), root: repository.root, written: [], dryRun: true };
  }
  const root = repositoryRoot(cwd);
  return withRepositoryLock(root, async () => {
    const repository = readDay2Repository(cwd, command);
    const planned = await plan(repository);
    const written = await applyChanges(repository.root, planned.changes, repository.descriptor);
    return { ...planned, root: repository.root, written, dryRun: false };
  });
}

/** Files `new` renders with one set of answers and not the other, or differently. */
export interface RenderDifference {
  /** Rendered only with `withAnswers`: the files of what is added. */
  own: RenderedFile[];
  /** Rendered both ways, differently (the descriptor aside). */
  changed: { without: RenderedFile; with: RenderedFile }[];
}

/** Renders new's templates with and without a change to the answers, and compares. */
export async function renderDifference(
  root: string,
  withAnswers: ScaffoldAnswers,
  withoutAnswers: ScaffoldAnswers,
  generators: readonly ScaffoldGenerator[],
): Promise<RenderDifference> {
  const [withList, withoutList] = await Promise.all([
    renderScaffold(root, withAnswers, generators),
    renderScaffold(root, withoutAnswers, generators),
  ]);
  // A path rendered twice holds, as `new` writes it, the last rendering.
  const without = new Map(withoutList.map((file) => [file.path, file]));
  const withFiles = [...new Map(withList.map((file) => [file.path, file])).values()];
  const own: RenderedFile[] = [];
  const changed: RenderDifference['changed'] = [];
  for (const file of withFiles) {
    if ((DESCRIPTOR_FILES as readonly string[]).includes(file.path)) continue;
    const other = without.get(file.path);
    if (other === undefined) own.push(file);
    else if (other.content !== file.content) changed.push({ without: other, with: file });
  }
  return { own, changed };
}

/**
 * Files both renderings have, brought from one rendering to the other: replaced where the user
 * has not changed them; else the templates' change is merged into the user's file (a three-way
 * merge, as `git merge-file`), and a change to the lines the user changed is a conflict.
 */
export function reRender(
  root: string,
  changed: RenderDifference['changed'],
  from: 'with' | 'without',
): { changes: FileChange[]; conflicts: string[] } {
  const to = from === 'with' ? 'without' : 'with';
  const changes: FileChange[] = [];
  const conflicts: string[] = [];
  for (const pair of changed) {
    const current = readRepositoryFile(root, pair[from].path);
    if (current === null || current === pair[to].content) continue;
    const merged = mergeFile(current, pair[from].content, pair[to].content);
    if (merged.conflicts > 0) conflicts.push(pair[from].path);
    else if (merged.text !== current) changes.push(modifyChange(pair[from].path, current, merged.text));
  }
  return { changes, conflicts };
}

/** Refuses a plan with conflicts: exit 1, nothing written, the files listed. */
export function refuseConflicts(conflicts: readonly string[]): void {
  if (conflicts.length === 0) return;
  throw new RefusedError(
    `${conflicts.length} file${conflicts.length === 1 ? '' : 's'} changed by hand where gitops-init would change ${conflicts.length === 1 ? 'it' : 'them'} (nothing was written; make the change by hand, or undo yours and run again):\n${conflicts.map((file) => `  ${file}`).join('\n')}`,
    { code: 'CONFLICT' },
  );
}

/** Sorts changes by path, as every day-2 command lists them. */
export function byPath(changes: FileChange[]): FileChange[] {
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The deletions of a removal: each file of what is removed, as the repository holds it; a file
 * changed since it was generated is kept and listed, unless `force`.
 */
export function deletions(
  root: string,
  files: readonly RenderedFile[],
  force: boolean | undefined,
): { changes: FileChange[]; kept: string[] } {
  const changes: FileChange[] = [];
  const kept: string[] = [];
  for (const file of files) {
    const current = readRepositoryFile(root, file.path);
    if (current === null) continue;
    if (current === file.content || force === true) changes.push(deleteChange(file.path, current));
    else kept.push(file.path);
  }
  return { changes, kept };
}
