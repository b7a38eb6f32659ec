import type { Hash } from 'node:crypto';
import { sha1Hex } from './sha1';

let crypto: typeof import('node:crypto') | undefined;

/**
 * node:crypto's createHash, the module loaded on first use: loading it took
 * ~2 ms of every commit, and a commit that only changes files (no new file to
 * check against its staged blob, no finding to fingerprint) never hashes.
 */
export function createHash(algorithm: string): Hash {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  crypto ??= require('node:crypto') as typeof import('node:crypto');
  return crypto.createHash(algorithm);
}

/**
 * Bytes a thread hashes with keyfence's own SHA-1 loop before it loads
 * node:crypto: a typical commit's new files fit (loading node:crypto cost ~3 ms,
 * the loop ~0.1 ms for a few KB), and node:crypto, several times faster per
 * byte, takes over for large changes.
 */
export const OWN_SHA1_BYTES = 256 * 1024;
let ownSha1Left = OWN_SHA1_BYTES;

/** SHA-1 of `parts` one after the other, as hex. */
export function sha1Of(parts: readonly Uint8Array[]): string {
  const bytes = parts.reduce((sum, part) => sum + part.length, 0);
  if (crypto === undefined && bytes <= ownSha1Left) {
    const hex = sha1Hex(parts);
    if (hex !== null) {
      ownSha1Left -= bytes;
      return hex;
    }
  }
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}
