/**
 * Values that have a credential's shape but are documentation, templates or
 * masks. Kept specific so that a random key body essentially never trips them:
 * each marker is five or more characters long (or unmistakable syntax).
 */
const PLACEHOLDER_MARKERS: readonly RegExp[] = [
  /example/i,
  /sample/i,
  /dummy/i,
  /placeholder/i,
  /your[_-]/i,
  /[_-]here(?![a-z])/i,
  /x{5,}|X{5,}/,
  /\*{3,}/,
  /\.\.\./,
  /\$\{|\{\{|<[a-z_]+>/i,
  /0123456789|abcdefghij|ABCDEFGHIJ/,
];

export function looksLikePlaceholder(secret: string): boolean {
  return PLACEHOLDER_MARKERS.some((marker) => marker.test(secret));
}
