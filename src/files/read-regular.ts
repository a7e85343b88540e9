import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { ConfigError } from '../errors.js';

/** The largest gitops.yaml, answers file or release manifest that is read: 1 MiB. */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

/** Why a file given as configuration was not read. */
export interface RegularFileFailure {
  reason: 'missing' | 'not-regular' | 'too-large' | 'unreadable';
  /** The system's error code for `unreadable`. */
  code?: string;
}

export interface ReadRegularFileOptions {
  /** Largest number of bytes read; a longer file is refused (`too-large`). */
  maxBytes: number;
}

/**
 * Reads a regular file of at most `maxBytes` without ever blocking or growing without end:
 * the file is opened with O_NONBLOCK (a named pipe opens at once), refused unless it is a
 * regular file (a FIFO, a device such as /dev/zero, a directory, a socket), and read up to
 * one byte over the limit, whatever size it claims (a file that grows while it is read).
 */
export function readRegularFile(file: string, { maxBytes }: ReadRegularFileOptions): Buffer | RegularFileFailure {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(descriptor);
    if (!stat.isFile()) return { reason: 'not-regular' };
    if (stat.size > maxBytes) return { reason: 'too-large' };
    const buffer = Buffer.allocUnsafe(maxBytes + 1);
    let read = 0;
    while (read < buffer.length) {
      const count = readSync(descriptor, buffer, read, buffer.length - read, null);
      if (count === 0) break;
      read += count;
    }
    if (read > maxBytes) return { reason: 'too-large' };
    return Buffer.from(buffer.subarray(0, read));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    if (code === 'ENOENT') return { reason: 'missing', code };
    // EISDIR on platforms that refuse to open a directory; EAGAIN from a pipe or device.
    if (code === 'EISDIR' || code === 'EAGAIN' || code === 'ENXIO') return { reason: 'not-regular', code };
    return { reason: 'unreadable', code };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/** A size in the words of the messages: "1 MiB", "64 KiB", "100 B". */
export function describeLimit(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} B`;
}

/** The one-line message for a configuration file that is not a regular file. */
export function notRegularMessage(shown: string): string {
  return `${shown}: not a regular file; give a YAML file`;
}

/** The one-line message for a configuration file over its limit. */
export function tooLargeMessage(shown: string, maxBytes: number): string {
  return `${shown} is larger than ${describeLimit(maxBytes)}, the limit for this file; give a smaller YAML file`;
}

/**
 * Reads a configuration file (an answers file, a release manifest) as text, or throws a
 * ConfigError (exit 2) naming it as `shown` when it is not a regular file or is over the
 * limit; undefined when it does not exist or cannot be read, with the failure, for the caller
 * to phrase (it knows which option named the file).
 */
export function readConfigText(
  file: string,
  shown: string,
  maxBytes: number = MAX_CONFIG_FILE_BYTES,
): string | RegularFileFailure {
  const bytes = readRegularFile(file, { maxBytes });
  if (Buffer.isBuffer(bytes)) return bytes.toString('utf8');
  throwIfRefused(bytes, shown, maxBytes);
  return bytes;
}

/** Throws the ConfigError for a file that is not a regular file or is over the limit. */
export function throwIfRefused(failure: RegularFileFailure, shown: string, maxBytes: number): void {
  if (failure.reason === 'not-regular') throw new ConfigError(notRegularMessage(shown));
  if (failure.reason === 'too-large') throw new ConfigError(tooLargeMessage(shown, maxBytes));
}
