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
 * node:crypto: a typical commit's new files fit (loading node:crypto cost ~3 ms;
 * building the loop ~1 ms, then its first 64 KiB ~2 ms while it is compiled
 * for speed), and node:crypto, several times faster per byte, takes over for
 * larger changes.
 */
export const OWN_SHA1_BYTES = 64 * 1024;
let ownSha1Left = OWN_SHA1_BYTES;

/** More files than this to hash, and the loop would only add its start-up to node:crypto's. */
const OWN_SHA1_FILES = 32;

/** Told how many files this thread is about to hash: many, and node:crypto hashes them all. */
export function expectHashes(files: number): void {
  if (files > OWN_SHA1_FILES) ownSha1Left = 0;
}

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
