import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { runGit } from './command.js';

/** A blob's bytes, or only its size when it is over the limit (its bytes are not kept). */
export type BlobContent = Buffer | { size: number };

/**
 * Reads blobs with one `git cat-file --batch` process, however many are asked for
 * (https://git-scm.com/docs/git-cat-file#_batch_output): each answer is
 * "<oid> <type> <size>\n<content>\n", or "<oid> missing\n".
 */
export async function readBlobs(
  cwd: string,
  oids: Iterable<string>,
  maxSize = Number.POSITIVE_INFINITY,
): Promise<Map<string, BlobContent>> {
  const unique = [...new Set(oids)];
  const blobs = new Map<string, BlobContent>();
  if (unique.length === 0) return blobs;
  const output = await runGit(['cat-file', '--batch', '--buffer'], { cwd, input: `${unique.join('\n')}\n` });
  let offset = 0;
  while (offset < output.length) {
    const newline = output.indexOf(0x0a, offset);
    if (newline === -1) break;
    const header = output.toString('utf8', offset, newline).split(' ');
    offset = newline + 1;
    const [oid, type, sizeText] = header;
    if (oid === undefined || type === 'missing' || sizeText === undefined) continue;
    const size = Number(sizeText);
    if (type === 'blob') blobs.set(oid, size > maxSize ? { size } : output.subarray(offset, offset + size));
    offset += size + 1;
  }
  return blobs;
}

/**
 * The object id git gives these bytes as a blob: SHA-1, or SHA-256 when `like` (an object id of
 * the repository) is one (https://git-scm.com/docs/hash-function-transition).
 */
export function blobId(bytes: Buffer, like: string): string {
  return createHash(like.length === 64 ? 'sha256' : 'sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex');
}

/**
 * One blob, read synchronously (for the few files whose working tree copy turns out to differ
 * from the index although git found it unchanged): its bytes, only its size when it is over
 * `maxSize`, undefined when git does not have it.
 */
export function readBlobSync(cwd: string, oid: string, maxSize = Number.POSITIVE_INFINITY): BlobContent | undefined {
  let size: number;
  try {
    size = Number(
      execFileSync('git', ['cat-file', '-s', oid], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
    );
    if (!Number.isSafeInteger(size)) return undefined;
    if (size > maxSize) return { size };
    return execFileSync('git', ['cat-file', 'blob', oid], {
      cwd,
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: size + 1,
    });
  } catch {
    return undefined;
  }
}
