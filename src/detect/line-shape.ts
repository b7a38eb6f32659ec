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

const NEWLINE = Buffer.from('\n');

/**
 * A whole file's bytes as scanned text: every line ends in '\n', the last one
 * included. The missing final newline is added to the bytes, never to the
 * decoded string: that concatenation makes a V8 cons string, on which every
 * charCodeAt of the scan takes a detour (the keyword pass ran ~1.7 x slower).
 */
export function decodeScannedText(data: Buffer): string {
  if (data.length === 0 || data[data.length - 1] === 10) return data.toString('utf8');
  return Buffer.concat([data, NEWLINE]).toString('utf8');
}

/**
 * decodeScannedText for the first `length` bytes of `buffer`, which has a byte
 * to spare after them: a missing final newline is written there, not copied in.
 */
export function decodeScannedPrefix(buffer: Buffer, length: number): string {
  let end = length;
  if (end > 0 && buffer[end - 1] !== 10) buffer[end++] = 10;
  return buffer.toString('utf8', 0, end);
}
