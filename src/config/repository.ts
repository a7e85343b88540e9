import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { DESCRIPTOR_FILES, parseDescriptor, type LoadedDescriptor } from './descriptor.js';
import { ConfigError, UsageError } from '../errors.js';
import { relativePosix } from '../files/paths.js';
import { MAX_CONFIG_FILE_BYTES, notRegularMessage, readRegularFile, tooLargeMessage } from '../files/read-regular.js';
import type { FileReadFailure } from '../manifests/yaml-file.js';

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

/**
 * Reads a repository file for `loadDescriptor`: the bytes, or why there are none. `relative` is
 * the repository-relative path, undefined for a file outside the repository.
 */
export type DescriptorReader = (absolute: string, relative: string | undefined) => Buffer | FileReadFailure;

/** What a file source says of a file that is a named pipe, a device or a directory. */
export const NOT_REGULAR_DETAIL = 'it is not a regular file';

/**
 * Reads a descriptor from disk (outside a file source), without blocking on a named pipe and
 * up to MAX_CONFIG_FILE_BYTES; an unreadable file's detail is the system's error code.
 */
export function readFromDisk(file: string): Buffer | FileReadFailure {
  const bytes = readRegularFile(file, { maxBytes: MAX_CONFIG_FILE_BYTES });
  if (Buffer.isBuffer(bytes)) return bytes;
  switch (bytes.reason) {
    case 'missing':
      return { reason: 'missing', detail: 'it does not exist' };
    case 'not-regular':
      return { reason: 'unreadable', detail: NOT_REGULAR_DETAIL };
    case 'too-large':
      return { reason: 'too-large', detail: `it is larger than ${MAX_CONFIG_FILE_BYTES} bytes` };
    default:
      return { reason: 'unreadable', detail: bytes.code ?? 'error' };
  }
}

/**
 * The descriptor of a repository: `configFile` (relative to `cwd`), else the root's gitops.yaml;
 * undefined when there is none. Every command finds it this way; lint passes a reader over its
 * file source, so that `--staged` reads the staged descriptor.
 */
export function loadDescriptor(
  root: string,
  cwd: string,
  configFile: string | undefined,
  read: DescriptorReader = (absolute) => readFromDisk(absolute),
): LoadedDescriptor | undefined {
  const candidates = configFile
    ? [path.resolve(cwd, configFile)]
    : DESCRIPTOR_FILES.map((name) => path.join(root, name));
  for (const candidate of candidates) {
    const relative = relativePosix(root, candidate);
    const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
    const bytes = read(candidate, inside ? relative : undefined);
    if (!Buffer.isBuffer(bytes)) {
      if (bytes.reason === 'missing' && !configFile) continue;
      if (bytes.reason === 'missing')
        throw new UsageError(`{{option:configFile}} "${configFile}": file not found; give the path of a gitops.yaml`);
      const shown = path.relative(cwd, candidate) || candidate;
      if (bytes.reason === 'too-large') throw new ConfigError(tooLargeMessage(shown, MAX_CONFIG_FILE_BYTES));
      if (bytes.detail.startsWith(NOT_REGULAR_DETAIL)) throw new ConfigError(notRegularMessage(shown));
      throw new ConfigError(
        `${shown} cannot be read (${bytes.detail.split(';')[0] ?? bytes.reason}); check its permissions`,
      );
    }
    // A reader that does not bound what it reads (git's index) is held to the same limit.
    if (bytes.length > MAX_CONFIG_FILE_BYTES)
      throw new ConfigError(tooLargeMessage(path.relative(cwd, candidate) || candidate, MAX_CONFIG_FILE_BYTES));
    return parseDescriptor(inside ? relative : candidate, bytes.toString('utf8'));
  }
  return undefined;
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
  return { cwd, root, loaded: loadDescriptor(root, cwd, configFile) };
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
