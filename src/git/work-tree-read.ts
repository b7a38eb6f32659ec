import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { decodeScannedPrefix } from '../detect/line-shape';

/**
 * Every work-tree file a thread reads (new files of a staged change, files of a
 * tree scan) goes into this one buffer, grown to the largest, with a byte to
 * spare for a final '\n': a buffer per file was ~117 MB on the bench's large
 * change, which the garbage collector then had to reclaim. Its content is only
 * valid until the next read.
 */
let scratch = Buffer.alloc(0);

/** The path is not a regular file, or could not be opened or read. */
const UNREADABLE = -1;
/** The file is larger than the reader's limit; nothing was read. */
export const TOO_LARGE = -2;

/**
 * git's default core.bigFileThreshold (512 MiB): its diff calls larger files
 * binary. It is also about the longest string V8 makes (0x1fffffe8 characters),
 * so no larger file could be scanned as one text anyway.
 */
export const GIT_BIG_FILE_BYTES = 512 * 1024 * 1024;

/**
 * Never follows a symbolic link, never waits on a FIFO (O_NONBLOCK): a path that is
 * not a regular file reads as UNREADABLE. One open and one fstat, no lstat by path
 * first (path lookups cost ~9 us each on a VM: ~0.1 s on 14,000 files).
 */
const OPEN_REGULAR = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a regular file into the shared buffer; returns how many bytes (see
 * `readBytes` and `readText`), or UNREADABLE, or TOO_LARGE past `maxBytes`.
 */
export function readRegularFile(full: string, maxBytes: number): number {
  let fd: number;
  try {
    fd = openSync(full, OPEN_REGULAR);
  } catch {
    return UNREADABLE;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return UNREADABLE;
    if (stat.size > maxBytes) return TOO_LARGE;
    if (stat.size + 1 > scratch.length) scratch = Buffer.allocUnsafe(Math.max(stat.size + 1, 1 << 16));
    let filled = 0;
    for (let n = 1; filled < stat.size && n > 0; filled += n) n = readSync(fd, scratch, filled, stat.size - filled, filled);
    // A file that shrank meanwhile is read as it is now (and no longer hashes to its staged blob).
    return filled;
  } catch {
    return UNREADABLE;
  } finally {
    closeSync(fd);
  }
}

/** The bytes the last read returned (a view of the shared buffer). */
export function readBytes(length: number): Buffer {
  return scratch.subarray(0, length);
}

/** The last read as scanned text (every line ending in '\n'). */
export function readText(length: number): string {
  return decodeScannedPrefix(scratch, length);
}
