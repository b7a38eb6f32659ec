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
