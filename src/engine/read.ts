import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DESCRIPTOR_FILES, parseDescriptor, type LoadedDescriptor } from '../config/descriptor.js';
import { ConfigError, UsageError } from '../errors.js';
import { relativePosix } from '../files/paths.js';
import type { FileReadFailure } from '../manifests/yaml-file.js';
import type { KnownFacts } from './file-facts.js';
import type { FileSource } from './file-source.js';
import type { OverlaySource } from './overlay-source.js';
import { Repository } from './repository.js';

/** Reads a descriptor outside the repository (a --config elsewhere) from disk. */
function readOutside(file: string): Buffer | FileReadFailure {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return code === 'ENOENT'
      ? { reason: 'missing', detail: 'it does not exist' }
      : { reason: 'unreadable', detail: `it cannot be read (${code})` };
  }
}

/**
 * The descriptor of a lint run (`configFile`, else the root's gitops.yaml), read through the
 * file source: `--staged` reads the staged one. A `configFile` outside the repository is
 * read from disk. Undefined when there is none.
 */
export function readDescriptor(
  source: FileSource,
  cwd: string,
  configFile: string | undefined,
): LoadedDescriptor | undefined {
  const { root } = source;
  const candidates = configFile
    ? [path.resolve(cwd, configFile)]
    : DESCRIPTOR_FILES.map((name) => path.join(root, name));
  for (const candidate of candidates) {
    const relative = relativePosix(root, candidate);
    const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
    const bytes = inside ? source.readBytes(relative) : readOutside(candidate);
    if (!Buffer.isBuffer(bytes)) {
      if (bytes.reason === 'missing' && !configFile) continue;
      if (bytes.reason === 'missing')
        throw new UsageError(`{{option:configFile}} "${configFile}": file not found; give the path of a gitops.yaml`);
      throw new ConfigError(
        `${path.relative(cwd, candidate) || candidate} cannot be read (${bytes.detail.split(';')[0] ?? bytes.reason}); check its permissions`,
      );
    }
    return parseDescriptor(inside ? relative : candidate, bytes.toString('utf8'));
  }
  return undefined;
}

/** The read stage's options. */
export interface ReadOptions {
  /** A file of the tool's own (the cache file) that is not the repository's content. */
  exclude?: string;
  /** Record every question the rules ask (with a run store), not only the contents they read. */
  dependencies: boolean;
  /** What earlier runs learnt about the files. */
  known?: KnownFacts;
}

/**
 * The read stage: the repository as the rules see it, from the source's file list. Contents
 * are read lazily, when a rule asks; what the source reads ahead (the index's kustomization
 * files with --staged) is in before rules read synchronously.
 */
export async function readRepository(source: OverlaySource, options: ReadOptions): Promise<Repository> {
  const listed = await source.listFiles();
  await source.prepare();
  const files = options.exclude === undefined ? listed : listed.filter((file) => file !== options.exclude);
  return new Repository(source, files, {
    dependencies: options.dependencies,
    ...(options.known ? { known: options.known } : {}),
  });
}
