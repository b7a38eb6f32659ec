/**
 * Boundaries shared by rule patterns. A token must not be glued to more token
 * characters on either side, or a longer random string would match by accident.
 */
/** Not preceded by a letter or digit. */
export const START = '(?<![A-Za-z0-9])';
/** Not preceded by a character of a base64url token. */
export const START_B64URL = '(?<![A-Za-z0-9_-])';
/** Not followed by a letter or digit. */
export const END_ALNUM = '(?![A-Za-z0-9])';
/** Not followed by a character of a base64url token. */
export const END_B64URL = '(?![A-Za-z0-9_-])';
/** Not followed by a character of a standard base64 token. */
export const END_B64 = '(?![A-Za-z0-9+/=])';
/** Not followed by a hex digit. */
export const END_HEX = '(?![0-9a-fA-F])';

const REGEX_SYNTAX = new Set('.*+?^${}()|[]\\/-');

/**
 * A literal matched in any letter case, other regex characters escaped (context
 * words in names). Runs for every rule at start-up, so without regexes of its own.
 */
export function anyCase(word: string): string {
  let pattern = '';
  for (const c of word) {
    const folded = c.charCodeAt(0) | 0x20;
    if (c.length === 1 && folded >= 0x61 && folded <= 0x7a) pattern += `[${c.toUpperCase()}${c.toLowerCase()}]`;
    else pattern += REGEX_SYNTAX.has(c) ? `\\${c}` : c;
  }
  return pattern;
}

/**
 * A name containing one of `keywords` (any case, up to 30 more name characters),
 * then an assignment (`=`, `:`, `:=`, `=>`) with optional quotes: `TWILIO_AUTH_TOKEN="`.
 */
export function assignedTo(...keywords: string[]): string {
  return `(?:${keywords.map(anyCase).join('|')})[A-Za-z0-9_.-]{0,30}?(?:\\\\?["'\`])?\\s{0,3}(?::=|=>|[:=])\\s{0,3}(?:\\\\?["'\`])?`;
}

/** `keyword`, then up to 40 characters on the same line, then `start` and the secret. */
export function near(keyword: string, start: string, value: string, end: string): string {
  return `${anyCase(keyword)}[^\\r\\n]{0,40}?${start}(?<secret>${value})${end}`;
}
