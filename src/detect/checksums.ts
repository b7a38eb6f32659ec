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

const SCHEMES: Record<ChecksumScheme, (secret: string) => boolean> = {
  'github-crc32-base62': (s) => crc32Base62Tail(s, 4),
  'npm-crc32-base62': (s) => crc32Base62Tail(s, 4),
};

export function checksumValid(scheme: ChecksumScheme, secret: string): boolean {
  return SCHEMES[scheme](secret);
}
