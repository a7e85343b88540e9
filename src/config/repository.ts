import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DESCRIPTOR_FILES, parseDescriptor, type LoadedDescriptor } from './descriptor.js';
import { ConfigError, UsageError } from '../errors.js';
import { relativePosix } from '../files/paths.js';

export interface OpenedRepository {
  /** Absolute directory the command runs in. */
  cwd: string;
  /** Absolute path of the repository root (as `lint` finds it). */
  root: string;
  loaded: LoadedDescriptor | undefined;
}

/**
 * The repository root as `lint` finds it: the closest directory with a descriptor, else with
 * `.git`, else `cwd`. Every command finds it this way; it is here, in the core, so that no command loads the rules to find it.
 */
export function repositoryRoot(cwd: string): string {
  const ancestors: string[] = [];
  for (let directory = cwd; ; directory = path.dirname(directory)) {
    ancestors.push(directory);
    if (path.dirname(directory) === directory) break;
  }
  for (const marker of [...DESCRIPTOR_FILES, '.git']) {
    const found = ancestors.find((directory) => existsSync(path.join(directory, marker)));
    if (found !== undefined) return found;
  }
  return cwd;
}

/** Finds the repository root from `cwd` and reads its gitops.yaml (or `configFile`), if any. */
export function openRepository(cwdOption: string | undefined, configFile?: string): OpenedRepository {
  const cwd = path.resolve(cwdOption ?? process.cwd());
  let isDirectory: boolean;
  try {
    isDirectory = statSync(cwd).isDirectory();
  } catch {
    isDirectory = false;
  }
  if (!isDirectory) throw new UsageError(`directory "${cwdOption ?? cwd}" does not exist; check {{option:cwd}}`);
  const root = repositoryRoot(cwd);
  const candidates = configFile
    ? [path.resolve(cwd, configFile)]
    : DESCRIPTOR_FILES.map((name) => path.join(root, name));
  for (const candidate of candidates) {
    let text: string;
    try {
      text = readFileSync(candidate, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      if (code === 'ENOENT' && !configFile) continue;
      if (code === 'ENOENT')
        throw new UsageError(`{{option:configFile}} "${configFile}": file not found; give the path of a gitops.yaml`);
      throw new ConfigError(
        `${path.relative(cwd, candidate) || candidate} cannot be read (${code}); check its permissions`,
      );
    }
    const relative = relativePosix(root, candidate);
    return { cwd, root, loaded: parseDescriptor(relative.startsWith('..') ? candidate : relative, text) };
  }
  return { cwd, root, loaded: undefined };
}

/** A path given on the command line, as a repository-relative POSIX path. */
export function repositoryPath(repository: OpenedRepository, given: string): string {
  const relative = relativePosix(repository.root, path.resolve(repository.cwd, given));
  if (relative === '' || relative.startsWith('../') || relative === '..' || path.isAbsolute(relative)) {
    throw new UsageError(
      `path "${given}" is not a path inside the repository ${repository.root}; give a path below it, or pass {{option:cwd}}`,
    );
  }
  return relative;
}
