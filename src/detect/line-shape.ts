import { isAscii } from 'node:buffer';

/** Generic rules skip lines longer than this: minified code is dense with hash-like strings. */
export const MINIFIED_LINE = 2000;

/** Number of lines (each ending in '\n', the last one may not) and the longest line's length. */
export function lineShape(text: string): { lines: number; longest: number } {
  let lines = 0;
  let longest = 0;
  for (let start = 0; start < text.length; lines++) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    if (end - start > longest) longest = end - start;
    start = end + 1;
  }
  return { lines, longest };
}

/** git's own test for binary content: a NUL byte among the first 8000 bytes. */
export const BINARY_PROBE_BYTES = 8000;

/** Whether git would call this content binary (then it has no lines to scan). */
export function looksBinary(data: Uint8Array): boolean {
  return data.subarray(0, BINARY_PROBE_BYTES).includes(0);
}

/**
 * The first `length` bytes of `buffer` as scanned text: every line ends in '\n',
 * the last one included. `buffer` has a byte to spare after them: a missing
 * final newline is written there, never appended to the decoded string (that
 * makes a V8 cons string, on which every charCodeAt of the scan takes a detour:
 * the keyword pass ran ~1.7 x slower).
 */
export function decodeScannedPrefix(buffer: Buffer, length: number): string {
  let end = length;
  if (end > 0 && buffer[end - 1] !== 10) buffer[end++] = 10;
  return buffer.toString('utf8', 0, end);
}

/**
 * Whether any line of UTF-8 text, fed as bytes in blocks split anywhere, is longer
 * than `limit` UTF-16 units: what `lineShape(text).longest > limit` says of the
 * decoded text (exactly, for valid UTF-8), without decoding it. For files read in
 * pieces, which must be judged minified or not as a whole before the first piece.
 * ASCII blocks are crossed a line limit at a time (one native search per `limit`
 * bytes, not one per line); other blocks byte by byte.
 */
export class LongLineProbe {
  /** A line longer than the limit was seen. */
  found = false;
  /** UTF-16 units of the current line fed so far. */
  private current = 0;

  constructor(private readonly limit: number) {}

  push(block: Uint8Array): void {
    if (this.found || block.length === 0) return;
    if (isAscii(block)) this.pushAscii(block);
    else this.pushUtf8(block);
  }

  private pushAscii(block: Uint8Array): void {
    const first = block.indexOf(10);
    if (first < 0) {
      this.current += block.length;
      this.found = this.current > this.limit;
      return;
    }
    if (this.current + first > this.limit) {
      this.found = true;
      return;
    }
    // Complete lines from `at` to the last newline: a line break within every limit + 1 bytes.
    const last = block.lastIndexOf(10);
    let at = first + 1;
    while (last + 1 - at > this.limit + 1) {
      const newline = block.lastIndexOf(10, at + this.limit);
      if (newline < at) {
        this.found = true;
        return;
      }
      at = newline + 1;
    }
    this.current = block.length - last - 1;
    this.found = this.current > this.limit;
  }

  private pushUtf8(block: Uint8Array): void {
    let current = this.current;
    for (let i = 0; i < block.length; i++) {
      const byte = block[i]!;
      if (byte === 10) {
        current = 0;
      } else if ((byte & 0xc0) !== 0x80) {
        // A lead byte starts a character; four-byte ones are two UTF-16 units.
        current += byte >= 0xf0 ? 2 : 1;
        if (current > this.limit) {
          this.found = true;
          return;
        }
      }
    }
    this.current = current;
  }
}
