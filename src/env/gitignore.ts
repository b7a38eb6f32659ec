/**
 * `.gitignore` patching as text: the caller appends what these return and
 * never rewrites what is there.
 */

/** A pattern that matches exactly this file name in any folder. */
export function ignoreEntryFor(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  let escaped = name.replace(/[\\*?[]/g, '\\$&');
  if (/^[#!]/.test(escaped)) escaped = `\\${escaped}`;
  return escaped.replace(/ $/, '\\ ');
}

/**
 * Text to append to a `.gitignore` whose current content is `existing` so that
 * it carries every entry: only entries not already present as a line, a line
 * break first if the file does not end with one, CRLF if the file uses CRLF.
 * Returns '' when nothing is missing, so applying twice equals applying once.
 */
export function gitignoreAppendix(existing: string, entries: readonly string[]): string {
  const present = new Set(existing.split(/\r?\n/).map((line) => line.replace(/^\uFEFF/, '')));
  const missing = [...new Set(entries)].filter((entry) => !present.has(entry));
  if (missing.length === 0) return '';
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const lead = existing.length > 0 && !existing.endsWith('\n') ? eol : '';
  return lead + missing.map((entry) => entry + eol).join('');
}
