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
