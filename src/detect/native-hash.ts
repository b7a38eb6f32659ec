import type { Hash } from 'node:crypto';

let nodeCrypto: typeof import('node:crypto') | undefined;

/**
 * node:crypto's createHash, loaded on first use (its load is ~2.5 ms in a bare
 * node, ~1 ms in the hook): a clean commit of small files needs none of it (no
 * finding to fingerprint; small blob ids come from src/git/blob-id.ts).
 */
export function createHash(algorithm: string): Hash {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  nodeCrypto ??= require('node:crypto') as typeof import('node:crypto');
  return nodeCrypto.createHash(algorithm);
}
