/**
 * Builds synthetic credentials from parts, so that no complete key literal is
 * ever written in this repository (the repo must pass its own scan).
 */
import { randomInt } from 'node:crypto';
import { base62, crc32 } from '../../src/detect/checksums';
import { looksLikePlaceholder } from '../../src/detect/placeholders';

/** Expands a class spec like `A-Za-z0-9_-` (ranges, then literal characters) to its characters. */
export function charset(spec: string): string {
  let out = '';
  for (let i = 0; i < spec.length; i++) {
    const from = spec[i]!;
    if (spec[i + 1] === '-' && i + 2 < spec.length) {
      const to = spec[i + 2]!;
      for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) out += String.fromCharCode(c);
      i += 2;
    } else {
      out += from;
    }
  }
  return out;
}

/** `n` random characters drawn from the class spec. */
export function rand(spec: string, n: number): string {
  const chars = charset(spec);
  for (let draw = 0; draw < 1000; draw++) {
    let out = '';
    for (let i = 0; i < n; i++) out += chars[randomInt(chars.length)];
    // A long random body now and then spells a placeholder marker (one 300-character
    // Vault token body in a few thousand held "DuMmY"); keyfence rightly skips such a
    // value, so it would make a flaky positive. Draw again.
    if (!looksLikePlaceholder(out)) return out;
  }
  throw new Error(`rand: every draw of ${n} from "${spec}" looks like a placeholder`);
}

/** A random length in [min, max]. */
export function between(min: number, max: number): number {
  return randomInt(min, max + 1);
}

/** Prefix + 30 random base62 + CRC-32 in base62: GitHub's and npm's token construction. */
export function crc32Base62Token(prefix: string): string {
  const body = rand('A-Za-z0-9', 30);
  return prefix + body + base62(crc32(body), 6);
}

/** A token with the same shape whose checksum is wrong. */
export function badChecksumToken(prefix: string): string {
  const good = crc32Base62Token(prefix);
  const last = good[good.length - 1]!;
  return good.slice(0, -1) + (last === 'A' ? 'B' : 'A');
}

/**
 * GitLab routable token: prefix + base64url payload + '.' [+ version + '.'] +
 * payload length (2 base36 chars) + CRC-32 of all of that (7 base36 chars).
 * `bad` flips the checksum's last character to give a near miss.
 */
export function gitlabRoutableToken(prefix: string, payloadLength: number, version?: string, bad = false): string {
  const head =
    prefix +
    rand('A-Za-z0-9_-', payloadLength) +
    '.' +
    (version === undefined ? '' : version + '.') +
    payloadLength.toString(36).padStart(2, '0');
  const crc = crc32(head).toString(36).padStart(7, '0');
  if (!bad) return head + crc;
  const last = crc[crc.length - 1]!;
  return head + crc.slice(0, -1) + (last === 'a' ? 'b' : 'a');
}
