/**
 * git's object id of a blob: the hash of `blob <size>\0` and the bytes (SHA-1,
 * or SHA-256 in repositories that use it).
 *
 * A typical commit adds a few small files, and loading node:crypto for them
 * cost more than hashing them; so the first bytes a process hashes go through
 * SHA-1 written here (FIPS 180-4, section 6.1). Run cold, it beats
 * node:crypto's load and first hash up to ~16 KB (0.5 ms against 2.8 ms for
 * 1.7 KB, 2.9 against 3.5 for 16 KB, measured alone); past JS_HASH_BUDGET_BYTES
 * in all, or for SHA-256, node:crypto hashes (its native SHA-1 runs ~1.9 GB/s,
 * ten times this one once warm). In the hook on the bench's typical change,
 * where child_process has already loaded part of what node:crypto needs, not
 * loading it saved ~1 ms of ~62 (150 alternating runs).
 */
import { createHash } from '../detect/native-hash';

export const JS_HASH_BUDGET_BYTES = 16 * 1024;

let budgetLeft = JS_HASH_BUDGET_BYTES;

/** The id of a blob holding `data`; `idLength` is 40 hex digits (SHA-1) or 64 (SHA-256). */
export function blobId(data: Uint8Array, idLength: number): string {
  const header = Buffer.from(`blob ${data.length}\0`, 'latin1');
  if (idLength !== 64 && data.length <= budgetLeft) {
    budgetLeft -= data.length;
    return sha1Hex([header, data]);
  }
  return createHash(idLength === 64 ? 'sha256' : 'sha1')
    .update(header)
    .update(data)
    .digest('hex');
}

/** SHA-1 of the parts, one after the other, as 40 hex digits. */
export function sha1Hex(parts: readonly Uint8Array[]): string {
  const state = new Int32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
  const schedule = new Int32Array(80);
  const block = new Uint8Array(64);
  let filled = 0;
  let total = 0;
  for (const part of parts) {
    total += part.length;
    for (let at = 0; at < part.length; ) {
      // Whole blocks straight from the input when nothing is pending; the rest through `block`.
      if (filled === 0 && at + 64 <= part.length) {
        compress(state, schedule, part, at);
        at += 64;
        continue;
      }
      const take = Math.min(64 - filled, part.length - at);
      block.set(part.subarray(at, at + take), filled);
      filled += take;
      at += take;
      if (filled === 64) {
        compress(state, schedule, block, 0);
        filled = 0;
      }
    }
  }
  // Padding: 0x80, zeros, then the length in bits as a 64-bit big-endian number.
  block[filled++] = 0x80;
  if (filled > 56) {
    block.fill(0, filled);
    compress(state, schedule, block, 0);
    filled = 0;
  }
  block.fill(0, filled, 56);
  const bits = total * 8;
  const high = Math.floor(bits / 0x100000000);
  const low = bits >>> 0;
  block[56] = high >>> 24;
  block[57] = (high >>> 16) & 0xff;
  block[58] = (high >>> 8) & 0xff;
  block[59] = high & 0xff;
  block[60] = low >>> 24;
  block[61] = (low >>> 16) & 0xff;
  block[62] = (low >>> 8) & 0xff;
  block[63] = low & 0xff;
  compress(state, schedule, block, 0);
  let hex = '';
  for (const word of state) hex += (word >>> 0).toString(16).padStart(8, '0');
  return hex;
}

function compress(state: Int32Array, w: Int32Array, bytes: Uint8Array, at: number): void {
  for (let t = 0; t < 16; t++) {
    const i = at + t * 4;
    w[t] = (bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!;
  }
  for (let t = 16; t < 80; t++) {
    const x = w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!;
    w[t] = (x << 1) | (x >>> 31);
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  // The four stages of 20 rounds each differ only in f and the constant.
  for (let t = 0; t < 80; t++) {
    const f = t < 20 ? (b & c) | (~b & d) : t < 40 || t >= 60 ? b ^ c ^ d : (b & c) | (b & d) | (c & d);
    const k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6;
    const next = (((a << 5) | (a >>> 27)) + f + e + k + w[t]!) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = next;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
}
