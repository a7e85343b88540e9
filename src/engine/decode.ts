import type { FileReadFailure } from '../manifests/yaml-file.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16 = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });

/**
 * Which encoding a byte-order mark announces. YAML streams may be UTF-8, UTF-16 or UTF-32
 * (YAML 1.2, 5.2 Character Encodings), but the YAML readers of Kubernetes tools (go-yaml, after
 * libyaml) read UTF-8, and UTF-16 with a byte-order mark: those are text here. UTF-32's mark
 * begins as UTF-16LE's does, and its NUL bytes leave it binary.
 */
function byteOrderMark(bytes: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe && !(bytes[2] === 0 && bytes[3] === 0)) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function decodeUtf16(bytes: Buffer, encoding: 'utf-16le' | 'utf-16be'): string | FileReadFailure {
  const invalid: FileReadFailure = {
    reason: 'invalid-utf16',
    detail: 'it starts with a UTF-16 byte-order mark but is not valid UTF-16; re-save it as UTF-8',
  };
  if (bytes.length % 2 !== 0) return invalid;
  // Node.js built with small ICU decodes UTF-16LE only: big-endian bytes are swapped first.
  const littleEndian = encoding === 'utf-16le' ? bytes : Buffer.from(bytes).swap16();
  try {
    // The mark stays in the text (as with UTF-8), so that offsets count it as the parser does.
    return utf16.decode(littleEndian);
  } catch {
    return invalid;
  }
}

/**
 * A file's bytes as text: UTF-8, or UTF-16 with a byte-order mark; anything else is a failure
 * that says why (binary content, invalid UTF-8).
 */
export function decodeText(bytes: Buffer): string | FileReadFailure {
  const marked = byteOrderMark(bytes);
  if (marked !== undefined) return decodeUtf16(bytes, marked);
  // A NUL byte in the first 8 KiB is git's own test for binary content.
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { reason: 'binary', detail: 'it is a binary file, not text' };
  try {
    return utf8.decode(bytes);
  } catch {
    return { reason: 'invalid-utf8', detail: 'it is not valid UTF-8; re-save it as UTF-8' };
  }
}
