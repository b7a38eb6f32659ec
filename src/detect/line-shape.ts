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

/** A whole file as scanned text: every line ends in '\n', the last one included. */
export function asScannedText(text: string): string {
  return text.length > 0 && !text.endsWith('\n') ? text + '\n' : text;
}
