import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parse } from 'yaml';
import semver from 'semver';
import { ConfigError, RefusedError } from '../errors.js';
import { mergeFile } from '../git/merge-file.js';
import { packageInfo } from '../package-info.js';
import { renderScaffold, type RenderedFile, type ScaffoldGenerator } from '../scaffold/index.js';
import { basePackageFrom, basePackageOf, type BasePackage } from './base-package.js';
import { createChange, deleteChange, modifyChange, readRepositoryFile, type FileChange } from './plan.js';
import { byPath, runDay2, type Day2Options, type Day2Repository, type Day2Result } from './repository.js';

export interface UpdateOptions extends Day2Options {
  /**
   * The gitops-init package the repository was rendered from: a package directory or an npm
   * tarball. Default: the version gitops.yaml records (`scaffold.version`), fetched from npm.
   */
  base?: string;
  /** Run in a git work tree with uncommitted changes (by default refused, so that the update can be undone). */
  allowDirty?: boolean;
}

/** A file the update could not bring in cleanly. */
export interface UpdateConflict {
  path: string;
  /** `markers`: both changed the same lines, conflict markers are in the file; `in-the-way`: a new template's path holds a file of the user's. */
  reason: 'markers' | 'in-the-way';
}

export interface UpdateResult extends Day2Result {
  /** The version whose templates the repository was rendered from. */
  fromVersion: string;
  /** The running version, whose templates it is brought to. */
  toVersion: string;
  /** Files left for the user to resolve; the rest of the update is applied. */
  conflicts: UpdateConflict[];
  /** Files the templates changed or deleted that the user had deleted or changed: left as they are. */
  kept: string[];
}

/** Uncommitted changes in the git work tree at `root` (none outside a work tree). */
function uncommittedChanges(root: string): string[] {
  const result = spawnSync('git', ['status', '--porcelain', '-z', '--untracked-files=normal'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.error || result.status !== 0) return [];
  const records = result.stdout.split('\0');
  const files: string[] = [];
  for (let index = 0; index < records.length; index += 1) {
    const record = records[index]!;
    if (record.length < 4) continue;
    files.push(record.slice(3));
    // A rename or copy is followed by the path it came from.
    if (record.startsWith('R') || record.startsWith('C')) index += 1;
  }
  return files;
}

function recordedVersion(repository: Day2Repository): string | undefined {
  let version: unknown;
  try {
    version = (parse(repository.text) as { scaffold?: { version?: unknown } } | null)?.scaffold?.version;
  } catch {
    return undefined;
  }
  if (version === undefined || version === null) return undefined;
  if (typeof version !== 'string' || semver.valid(version) === null) {
    throw new ConfigError(
      `${repository.descriptor}: scaffold.version ${JSON.stringify(version)} is not a gitops-init version; put back the version that generated the repository, or pass {{option:base}} <dir|tarball>`,
    );
  }
  return version;
}

function basePackage(repository: Day2Repository, options: UpdateOptions, cwd: string): BasePackage {
  if (options.base !== undefined) return basePackageFrom(options.base, cwd);
  const version = recordedVersion(repository);
  if (version === undefined) {
    throw new ConfigError(
      `${repository.descriptor} has no scaffold.version (the repository was made before gitops-init recorded it): pass {{option:base}} <dir|tarball> of the gitops-init version that generated it`,
    );
  }
  const running = packageInfo();
  if (version === running.version) {
    return { directory: running.directory, version, templatesRoot: path.join(running.directory, 'templates') };
  }
  return basePackageOf(version);
}

const byFile = (files: RenderedFile[]): Map<string, RenderedFile> => new Map(files.map((file) => [file.path, file]));

/**
 * Brings a repository made with `gitops-init new` to the running version's templates: renders
 * the templates of the version it was made with (the base) and of this one (the target) with
 * the answers in gitops.yaml, and merges target − base into each file. A file the user has not
 * changed is replaced; one changed by both gets a three-way merge (`git merge-file`), with
 * conflict markers where both changed the same lines; a new template's file is created unless
 * a file of the user's is in the way; a template's file that is gone is deleted unless the user
 * changed it. Conflicts are listed; everything else is applied.
 */
export function updateRepository(
  options: UpdateOptions,
  generators: readonly ScaffoldGenerator[],
): Promise<UpdateResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  return runDay2('update', options, async (repository) => {
    if (!options.dryRun && !options.allowDirty) {
      const dirty = uncommittedChanges(repository.root);
      if (dirty.length > 0) {
        throw new RefusedError(
          `${dirty.length} uncommitted change${dirty.length === 1 ? '' : 's'} in the work tree (${dirty.slice(0, 3).join(', ')}${dirty.length > 3 ? ', …' : ''}): commit or stash them first, so that the update can be reviewed and undone with git, or pass {{option:allowDirty}}`,
          { code: 'DIRTY' },
        );
      }
    }
    const base = basePackage(repository, options, cwd);
    const toVersion = packageInfo().version;
    const [baseFiles, targetFiles] = await Promise.all([
      renderScaffold(repository.root, repository.answers, generators, {
        templatesRoot: base.templatesRoot,
        toolVersion: base.version,
      }),
      renderScaffold(repository.root, repository.answers, generators),
    ]);
    const before = byFile(baseFiles);
    const after = byFile(targetFiles);
    const changes: FileChange[] = [];
    const conflicts: UpdateConflict[] = [];
    const kept: string[] = [];
    const labels = { ours: 'ours', base: `gitops-init ${base.version}`, theirs: `gitops-init ${toVersion}` };
    for (const file of [...new Set([...before.keys(), ...after.keys()])].sort()) {
      const was = before.get(file)?.content;
      const now = after.get(file);
      if (was === now?.content) continue;
      const current = readRepositoryFile(repository.root, file);
      if (was === undefined) {
        // Added by the templates.
        if (current === null) changes.push(createChange(file, now!.content, now!.mode));
        else if (current !== now!.content) conflicts.push({ path: file, reason: 'in-the-way' });
      } else if (now === undefined) {
        // Deleted by the templates.
        if (current === was) changes.push(deleteChange(file, current));
        else if (current !== null) kept.push(file);
      } else if (current === null) {
        kept.push(file);
      } else if (current !== now.content) {
        const merged = mergeFile(current, was, now.content, labels);
        if (merged.text !== current) changes.push(modifyChange(file, current, merged.text));
        if (merged.conflicts > 0) conflicts.push({ path: file, reason: 'markers' });
      }
    }
    return { changes: byPath(changes), kept, conflicts, fromVersion: base.version, toVersion };
  });
}
