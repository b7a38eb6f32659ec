/**
 * `.gitignore` patching as text: the caller appends what these return and
 * never rewrites what is there.
 */

/**
 * A pattern that matches exactly this file name in any folder. A line break
 * cannot be written inside a pattern (and git drops a CR before one), so it
 * becomes `?`; a leading BOM is escaped because git drops one at the start of the file.
 */
export function ignoreEntryFor(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  let escaped = name.replace(/[\\*?[]/g, '\\$&').replace(/[\r\n]/g, '?');
  if (/^[#!\uFEFF]/.test(escaped)) escaped = `\\${escaped}`;
  return escaped.replace(/ $/, '\\ ');
}

/**
 * Text to append to a `.gitignore` whose current content is `existing` so that
 * it carries every entry: only entries not already present as a line, a line
 * break first if the file does not end with one, CRLF if the file uses CRLF.
 * Returns '' when nothing is missing, so applying twice equals applying once.
 */
export function gitignoreAppendix(existing: string, entries: readonly string[]): string {
  // Git skips a BOM at the start of the file only; elsewhere it is part of the line.
  const present = new Set(existing.replace(/^\uFEFF/, '').split(/\r?\n/));
  const missing = [...new Set(entries)].filter((entry) => !present.has(entry));
  if (missing.length === 0) return '';
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const lead = existing.length > 0 && !existing.endsWith('\n') ? eol : '';
  return lead + missing.map((entry) => entry + eol).join('');
}
