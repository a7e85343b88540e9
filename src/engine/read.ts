import type { LoadedDescriptor } from '../config/descriptor.js';
import { loadDescriptor, readFromDisk } from '../config/repository.js';
import type { KnownFacts } from './file-facts.js';
import type { FileSource } from './file-source.js';
import type { OverlaySource } from './overlay-source.js';
import { Repository } from './repository.js';

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
  return loadDescriptor(source.root, cwd, configFile, (absolute, relative) =>
    relative === undefined ? readFromDisk(absolute) : source.readBytes(relative),
  );
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
