import { quote } from '../errors.js';
import type { FileReadFailure } from '../manifests/yaml-file.js';

const PREFIX = 'it is a symbolic link to ';
const SUFFIX = ', outside the repository';

/**
 * Why a symbolic link that leads out of the repository is not read, naming where it leads (a
 * file, a directory, a device, or nothing at all): the file sources make it, and rules read the
 * destination back with `linkDestination`.
 */
export function outsideRepository(destination: string): FileReadFailure {
  return { reason: 'outside-repository', detail: `${PREFIX}${quote(destination)}${SUFFIX}` };
}

/** Where a link out of the repository leads, quoted as in its failure; undefined for any other failure. */
export function linkDestination(failure: FileReadFailure | undefined): string | undefined {
  if (failure?.reason !== 'outside-repository') return undefined;
  const { detail } = failure;
  return detail.startsWith(PREFIX) && detail.endsWith(SUFFIX) ? detail.slice(PREFIX.length, -SUFFIX.length) : undefined;
}
