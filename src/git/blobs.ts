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
