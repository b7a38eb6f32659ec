import { isAscii } from 'node:buffer';
import type { Hash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, type BigIntStats } from 'node:fs';
import { createHash, sha1Of } from '../detect/hash';
import { decodeScannedPrefix, LongLineProbe, looksBinary, MINIFIED_LINE } from '../detect/line-shape';
import type { TextSource } from '../detect/scan-lines';

/**
 * Every work-tree file a thread reads (new files of a staged change, files of a
 * tree scan) goes into this one buffer, grown to the largest (or to a piece of
 * a large file), with a byte to spare for a final '\n': a buffer per file was
 * ~117 MB on the bench's large change, which the garbage collector then had to
 * reclaim. Its content is only valid until the next read.
 */
let scratch = Buffer.alloc(0);

/** The path is not a regular file, or could not be opened or read. */
export const UNREADABLE = -1;
/** The file is larger than the reader's limit; nothing was read. */
export const TOO_LARGE = -2;
/** The file's git object id is not the one asked for; nothing was handed over. */
export const NOT_THE_BLOB = -3;

/**
 * git's default core.bigFileThreshold (512 MiB): its diff calls larger files
 * binary. It is also about the longest string V8 makes (0x1fffffe8 characters),
 * so no larger file could be scanned as one text anyway.
 */
export const GIT_BIG_FILE_BYTES = 512 * 1024 * 1024;

/** When a file is read in pieces, and how large they are. */
export interface PieceSizes {
  /** Files larger than this are read and judged in pieces. */
  readonly fileBytes: number;
  /** What a piece owns (rounded up to a line end). */
  readonly pieceBytes: number;
  /**
   * Whole lines of the neighbours a piece also holds on each side, so a key near
   * an edge is judged with what the detection looks at around it (at most ~11 KB
   * before a match and ~19 KB after it; see engine.ts's windows and margins).
   */
  readonly contextBytes: number;
}

/**
 * Held whole, a file costs its size in buffer plus up to twice that as text: the
 * bench's two largest (9 and 6 MB) were ~20 MB of the hook's peak memory on its
 * large change. Tests use smaller pieces.
 */
export const PIECE_SIZES: PieceSizes = { fileBytes: 4 * 1024 * 1024, pieceBytes: 1024 * 1024, contextBytes: 32 * 1024 };

/** A large file's first pass reads this much at a time (at least git's 8000-byte binary probe). */
const SURVEY_BLOCK_BYTES = 1024 * 1024;

/**
 * Never follows a symbolic link, never waits on a FIFO (O_NONBLOCK): a path that is
 * not a regular file reads as UNREADABLE. One open and one fstat, no lstat by path
 * first (path lookups cost ~9 us each on a VM: ~0.1 s on 14,000 files).
 */
const OPEN_REGULAR = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** A large file changed between the passes of its read: what was judged may not be what is committed. */
export class FileChangedError extends Error {
  override name = 'FileChangedError';
  constructor(path: string) {
    super(`${path} changed while keyfence was reading it; let it settle, then run the commit (or scan) again`);
  }
}

/**
 * Reads a regular file (at most `maxBytes`) and hands its text to `onContent`,
 * unless git would call it binary (a NUL among its first 8000 bytes): whole, or
 * past PIECE_SIZES.fileBytes in pieces (TextSource.piece), so memory never grows with
 * a file. With `blob`, only when the file's git object id is `blob`. Returns the
 * file's length, or UNREADABLE, TOO_LARGE or NOT_THE_BLOB (nothing handed over).
 * Throws FileChangedError when a file read in pieces changed meanwhile.
 */
export function readWorkTreeText(
  full: string | Buffer,
  path: string,
  maxBytes: number,
  blob: string | null,
  onContent: (content: TextSource) => void,
  sizes: PieceSizes = PIECE_SIZES,
): number {
  const opened = openRegular(full, maxBytes);
  if (typeof opened === 'number') return opened;
  const { fd, size } = opened;
  let handed = false;
  try {
    if (size > sizes.fileBytes) {
      const survey = surveyOpen(fd, size, blob);
      if (survey === UNREADABLE || !survey.isBlob) return survey === UNREADABLE ? UNREADABLE : NOT_THE_BLOB;
      handed = true;
      if (!survey.binary) readPieces(fd, size, path, survey, sizes, onContent);
      return size;
    }
    const length = readWhole(fd, size);
    const data = scratch.subarray(0, length);
    if (blob !== null && blobId(data, blob.length) !== blob) return NOT_THE_BLOB;
    if (looksBinary(data)) return length;
    handed = true;
    onContent({ path, text: decodeScannedPrefix(scratch, length), lineNumbers: null, bytes: length });
    return length;
  } catch (error) {
    // A read that fails before anything was judged is an unreadable file; later, it must not pass silently.
    if (!handed && isReadError(error)) return UNREADABLE;
    throw error;
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether a regular file (at most `maxBytes`) is the blob `blob` and is binary by
 * content, read a block at a time whatever its size. UNREADABLE or TOO_LARGE as
 * readWorkTreeText returns them.
 */
export function surveyWorkTreeFile(full: string | Buffer, maxBytes: number, blob: string): { isBlob: boolean; binary: boolean } | number {
  const opened = openRegular(full, maxBytes);
  if (typeof opened === 'number') return opened;
  try {
    const survey = surveyOpen(opened.fd, opened.size, blob);
    return survey === UNREADABLE ? UNREADABLE : { isBlob: survey.isBlob, binary: survey.binary };
  } catch (error) {
    if (isReadError(error)) return UNREADABLE;
    throw error;
  } finally {
    closeSync(opened.fd);
  }
}

/** git's object id of a blob with this content (SHA-1, or SHA-256 in repositories that use it). */
export function blobId(data: Buffer, idLength: number): string {
  if (idLength === 40) return sha1Of([blobHeader(data.length), data]);
  return blobHash(data.length, idLength).update(data).digest('hex');
}

/** What git hashes before a blob's bytes. */
function blobHeader(size: number): Buffer {
  return Buffer.from(`blob ${size}\0`, 'latin1');
}

function blobHash(size: number, idLength: number): Hash {
  return createHash(idLength === 64 ? 'sha256' : 'sha1').update(blobHeader(size));
}

function openRegular(full: string | Buffer, maxBytes: number): { fd: number; size: number } | number {
  let fd: number;
  try {
    fd = openSync(full, OPEN_REGULAR);
  } catch {
    return UNREADABLE;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return closed(fd, UNREADABLE);
    if (stat.size > maxBytes) return closed(fd, TOO_LARGE);
    return { fd, size: stat.size };
  } catch {
    return closed(fd, UNREADABLE);
  }
}

function closed(fd: number, result: number): number {
  closeSync(fd);
  return result;
}

function isReadError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/** `size` bytes into the shared buffer; a file that shrank meanwhile is read as it is now. */
function readWhole(fd: number, size: number): number {
  grow(size + 1);
  let filled = 0;
  for (let n = 1; filled < size && n > 0; filled += n) n = readSync(fd, scratch, filled, size - filled, filled);
  return filled;
}

function grow(bytes: number): void {
  if (bytes > scratch.length) scratch = Buffer.allocUnsafe(Math.max(bytes, 1 << 16));
}

interface Survey {
  readonly isBlob: boolean;
  readonly binary: boolean;
  readonly longLines: boolean;
  readonly before: BigIntStats;
}

/**
 * The first pass over a file, a block at a time: its object id (when `blob` is
 * given), git's binary test and whether it has a line too long for generic rules.
 */
function surveyOpen(fd: number, size: number, blob: string | null): Survey | typeof UNREADABLE {
  const before = fstatSync(fd, { bigint: true });
  const hash = blob === null ? null : blobHash(size, blob.length);
  const probe = new LongLineProbe(MINIFIED_LINE);
  let binary = false;
  grow(Math.min(size, SURVEY_BLOCK_BYTES) + 1);
  for (let at = 0; at < size; ) {
    const n = readSync(fd, scratch, 0, Math.min(SURVEY_BLOCK_BYTES, size - at), at);
    if (n <= 0) return UNREADABLE; // shrank since fstat: not what was staged, nor readable as listed
    const block = scratch.subarray(0, n);
    if (at === 0) binary = looksBinary(block);
    hash?.update(block);
    // Line lengths only matter for text: a binary file is never scanned.
    if (!binary) probe.push(block);
    at += n;
  }
  return { isBlob: hash === null || hash.digest('hex') === blob, binary, longLines: probe.found, before };
}

/**
 * The second pass: pieces of about `pieceBytes` of whole lines, each with
 * `contextBytes` of whole lines on either side. A file that changed since the
 * survey (size, modification or change time) throws: its pieces may mix two
 * versions.
 */
function readPieces(fd: number, size: number, path: string, survey: Survey, sizes: PieceSizes, onContent: (content: TextSource) => void): void {
  const { pieceBytes, contextBytes } = sizes;
  let own = 0; // first byte the next piece owns: a line start
  let from = 0; // first byte of its text: the start of the line holding the byte contextBytes before `own`
  let ownLine = 1; // the line number of `own`
  while (own < size) {
    const window = new FileWindow(fd, size, from, path, contextBytes);
    const ownEnd = window.lineEndAt(own + pieceBytes - 1);
    const to = window.lineEndAt(ownEnd + contextBytes - 1);
    const bytes = window.bytes(to);
    const unterminated = to === size && bytes[bytes.length - 1] !== 10;
    const text = decodeScannedPrefix(scratch, to - from);
    const ownFrom = utf16Length(bytes.subarray(0, own - from));
    const rest = utf16Length(bytes.subarray(ownEnd - from));
    const ownTo = ownEnd === to ? text.length : text.length - rest - (unterminated ? 1 : 0);
    // The owned lines all end in a newline, an unterminated last one in the one the text was given.
    const lines = newlines(bytes.subarray(own - from, ownEnd - from)) + (unterminated && ownEnd === size ? 1 : 0);
    onContent({
      path,
      text,
      lineNumbers: null,
      bytes: ownEnd - own,
      piece: { from: ownFrom, to: ownTo, firstLine: ownLine - newlines(bytes.subarray(0, own - from)), lines, longLines: survey.longLines },
    });
    if (ownEnd >= size) break;
    // The next text starts at the line holding the byte contextBytes before the next own part.
    const reach = ownEnd - contextBytes;
    from = reach <= from ? from : from + bytes.lastIndexOf(10, reach - from - 1) + 1;
    ownLine += lines;
    own = ownEnd;
  }
  const after = fstatSync(fd, { bigint: true });
  const { before } = survey;
  if (after.size !== before.size || after.mtimeNs !== before.mtimeNs || after.ctimeNs !== before.ctimeNs) throw new FileChangedError(path);
}

/** Bytes of a file from `start` on, read into the shared buffer as far as they are asked for. */
class FileWindow {
  private end: number;

  constructor(
    private readonly fd: number,
    private readonly size: number,
    private readonly start: number,
    private readonly path: string,
    private readonly firstReach: number,
  ) {
    this.end = start;
  }

  /** The byte after the first '\n' at or after `at` (or the file's end). */
  lineEndAt(at: number): number {
    if (at >= this.size) {
      this.load(this.size);
      return this.size;
    }
    // A line break is usually near; a long line doubles how far is read until one comes.
    for (let searched = at, reach = Math.max(this.firstReach, 4096); ; reach *= 2) {
      this.load(Math.min(this.size, at + reach));
      const newline = scratch.subarray(0, this.end - this.start).indexOf(10, searched - this.start);
      if (newline >= 0) return this.start + newline + 1;
      if (this.end >= this.size) return this.size;
      searched = Math.max(searched, this.end);
    }
  }

  /** The window's bytes up to `until` (already loaded by lineEndAt). */
  bytes(until: number): Buffer {
    return scratch.subarray(0, until - this.start);
  }

  private load(until: number): void {
    if (until <= this.end) return;
    if (until - this.start + 1 > scratch.length) {
      const bigger = Buffer.allocUnsafe(Math.max(until - this.start + 1, scratch.length * 2));
      scratch.copy(bigger, 0, 0, this.end - this.start);
      scratch = bigger;
    }
    while (this.end < until) {
      const n = readSync(this.fd, scratch, this.end - this.start, until - this.end, this.end);
      if (n <= 0) throw new FileChangedError(this.path);
      this.end += n;
    }
  }
}

/** Length in UTF-16 units of UTF-8 bytes that start and end at line boundaries. */
function utf16Length(bytes: Buffer): number {
  return isAscii(bytes) ? bytes.length : bytes.toString('utf8').length;
}

function newlines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) count++;
  return count;
}
