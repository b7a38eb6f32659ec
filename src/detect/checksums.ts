import type { ChecksumScheme } from './types';

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, as zlib) of the UTF-8 bytes of an ASCII string. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) {
    crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Base62 (digits, upper, lower), most significant digit first, left-padded with '0'. */
export function base62(value: number, width: number): string {
  let out = '';
  let v = value;
  while (v > 0) {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}

/**
 * GitHub and npm tokens: the last 6 characters are the CRC-32 of the 30 random
 * characters before them, in base62. Source:
 * https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/
 */
function crc32Base62Tail(token: string, prefixLength: number): boolean {
  if (token.length !== prefixLength + 36) return false;
  const body = token.slice(prefixLength, prefixLength + 30);
  return base62(crc32(body), 6) === token.slice(prefixLength + 30);
}

/**
 * GitLab routable tokens: the last 7 characters are the CRC-32 of everything
 * before them (prefix, base64url payload, '.', optional 2-char version and '.',
 * 2-char base36 payload length), in lower-case base36 left-padded with '0'.
 * Source: GitLab's "Cells: Routable Tokens" design document (secret detection
 * checks `Zlib.crc32(token[...-7]) == token[-7, 7].to_i(36)`); checked against
 * the two example tokens it publishes.
 */
function crc32Base36Tail(token: string): boolean {
  if (token.length < 8) return false;
  const body = token.slice(0, -7);
  return crc32(body).toString(36).padStart(7, '0') === token.slice(-7);
}

/**
 * Atlassian (Bitbucket app password): the last 8 characters are the CRC-32 of
 * every character before them, as big-endian upper-case hex. An '=' escaped in
 * a URL (%3D, \=) counts as '='. Source: Samsung/CredSweeper
 * ValueAtlassianTokenCheck, checked against its published sample.
 */
function crc32HexTail(token: string): boolean {
  const value = token.replace(/%3d/gi, '=').replace(/\\=/g, '=');
  if (value.length < 9) return false;
  const body = value.slice(0, -8);
  return crc32(body).toString(16).toUpperCase().padStart(8, '0') === value.slice(-8);
}

const SCHEMES: Record<ChecksumScheme, (secret: string) => boolean> = {
  'github-crc32-base62': (s) => crc32Base62Tail(s, 4),
  'npm-crc32-base62': (s) => crc32Base62Tail(s, 4),
  'gitlab-routable-crc-base36': crc32Base36Tail,
  'atlassian-crc-hex': crc32HexTail,
};

export function checksumValid(scheme: ChecksumScheme, secret: string): boolean {
  return SCHEMES[scheme](secret);
}
