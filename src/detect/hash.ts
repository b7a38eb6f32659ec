import type { Hash } from 'node:crypto';

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
