/**
 * SHA-1 (FIPS 180-4, https://csrc.nist.gov/pubs/fips/180-4/upd1/final) as a
 * WebAssembly loop, for git's object ids of small new files. A commit that
 * adds a file checks its work-tree copy against the staged blob id; with
 * node:crypto that meant loading the module (~3 ms, more than hashing a
 * typical file) on most commits. This loop compiles in well under a
 * millisecond; node:crypto stays the hash for anything larger (see hash.ts).
 */
import { block, br, brIf, encodeModule, i32, instantiate, local, loop, set, type Code, type ModuleDefinition } from './wasm-module';

// Memory: the five state words, the 80-word schedule, then the input blocks.
const STATE = 0;
const SCHEDULE = 64;
const INPUT = 512;
/** Input bytes per call: whole blocks, with room after them for the padding block(s). */
const CAPACITY = 1008 * 64;
const PAGES = 1;

// Parameter, then locals.
const BLOCKS = 0;
const AT = 1;
const END = 2;
const I = 3;
const A = 4;
const B = 5;
const C = 6;
const D = 7;
const E = 8;
const T = 9;

const byteSwapped = (word: Code): Code =>
  i32.or(i32.and(i32.rotl(word, i32.constant(8)), i32.constant(0x00ff00ff)), i32.and(i32.rotr(word, i32.constant(8)), i32.constant(0xff00ff00)));

/** A loop over byte offsets `from` to `to` of the schedule, in steps of one word. */
const eachWord = (from: number, to: number, ...body: Code[]): Code => [
  set(I, i32.constant(from)),
  block(loop(brIf(1, i32.geU(local(I), i32.constant(to))), ...body, set(I, i32.add(local(I), i32.constant(4))), br(0))),
];

/** Twenty rounds with their function of b, c, d and their constant. */
const rounds = (first: number, mix: Code, constant: number): Code =>
  eachWord(
    first * 4,
    (first + 20) * 4,
    set(T, i32.add(i32.add(i32.add(i32.rotl(local(A), i32.constant(5)), mix), i32.add(local(E), i32.constant(constant))), i32.load(SCHEDULE, local(I)))),
    set(E, local(D)),
    set(D, local(C)),
    set(C, i32.rotl(local(B), i32.constant(30))),
    set(B, local(A)),
    set(A, local(T)),
  );

const [b, c, d] = [local(B), local(C), local(D)];

/** compress(blocks): runs the blocks at INPUT through the state at STATE. */
const compressBody = (): Code => [
  set(AT, i32.constant(INPUT)),
  set(END, i32.add(i32.constant(INPUT), i32.shl(local(BLOCKS), i32.constant(6)))),
  block(
    loop(
      brIf(1, i32.geU(local(AT), local(END))),
      // The block's sixteen big-endian words, then the other 64 of the schedule.
      eachWord(0, 64, i32.store(SCHEDULE, local(I), byteSwapped(i32.load(0, i32.add(local(AT), local(I)))))),
      eachWord(
        64,
        320,
        i32.store(
          SCHEDULE,
          local(I),
          i32.rotl(
            i32.xor(i32.xor(i32.load(SCHEDULE - 12, local(I)), i32.load(SCHEDULE - 32, local(I))), i32.xor(i32.load(SCHEDULE - 56, local(I)), i32.load(SCHEDULE - 64, local(I)))),
            i32.constant(1),
          ),
        ),
      ),
      set(A, i32.load(STATE, i32.constant(0))),
      set(B, i32.load(STATE + 4, i32.constant(0))),
      set(C, i32.load(STATE + 8, i32.constant(0))),
      set(D, i32.load(STATE + 12, i32.constant(0))),
      set(E, i32.load(STATE + 16, i32.constant(0))),
      rounds(0, i32.xor(d, i32.and(b, i32.xor(c, d))), 0x5a827999),
      rounds(20, i32.xor(i32.xor(b, c), d), 0x6ed9eba1),
      rounds(40, i32.or(i32.and(b, c), i32.and(d, i32.or(b, c))), 0x8f1bbcdc),
      rounds(60, i32.xor(i32.xor(b, c), d), 0xca62c1d6),
      [A, B, C, D, E].map((word, n) => i32.store(STATE + 4 * n, i32.constant(0), i32.add(i32.load(STATE + 4 * n, i32.constant(0)), local(word)))),
      set(AT, i32.add(local(AT), i32.constant(64))),
      br(0),
    ),
  ),
  local(BLOCKS),
];

/** The compression loop's module; its code is built only where the build's bytes are missing. */
export const SHA1_MODULE: ModuleDefinition = {
  file: 'sha1-compress.wasm',
  name: 'compress',
  encode: () => encodeModule(PAGES, { name: 'compress', params: 1, locals: T, body: compressBody() }),
};

const INITIAL_STATE = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];

interface Sha1Loop {
  readonly compress: (blocks: number) => number;
  readonly bytes: Uint8Array;
  readonly view: DataView;
}

/** undefined until first needed; null where WebAssembly cannot run (node --jitless). */
let sha1Loop: Sha1Loop | null | undefined;

function loadLoop(): Sha1Loop | null {
  if (sha1Loop !== undefined) return sha1Loop;
  const loop = instantiate<(blocks: number) => number>(SHA1_MODULE);
  sha1Loop = loop && { compress: loop.run, bytes: new Uint8Array(loop.buffer), view: new DataView(loop.buffer) };
  return sha1Loop;
}

/**
 * The SHA-1 of `parts` one after the other, as 40 hex digits; null where
 * WebAssembly cannot run (the caller then hashes with node:crypto). Synchronous
 * from start to end, so the one memory of a thread is never shared by two hashes.
 */
export function sha1Hex(parts: readonly Uint8Array[]): string | null {
  const loop = loadLoop();
  if (!loop) return null;
  const { compress, bytes, view } = loop;
  INITIAL_STATE.forEach((word, n) => view.setUint32(STATE + 4 * n, word, true));
  let filled = 0;
  let total = 0;
  for (const part of parts) {
    total += part.length;
    for (let from = 0; from < part.length; ) {
      const take = Math.min(CAPACITY - filled, part.length - from);
      bytes.set(part.subarray(from, from + take), INPUT + filled);
      filled += take;
      from += take;
      if (filled === CAPACITY) {
        compress(CAPACITY / 64);
        filled = 0;
      }
    }
  }
  // Padding: a 1 bit, zeros, and the length in bits as a big-endian 64-bit number ending a block.
  const padded = Math.ceil((filled + 9) / 64) * 64;
  bytes.fill(0, INPUT + filled, INPUT + padded);
  bytes[INPUT + filled] = 0x80;
  view.setUint32(INPUT + padded - 8, Math.floor(total / 0x20000000), false);
  view.setUint32(INPUT + padded - 4, (total % 0x20000000) * 8, false);
  compress(padded / 64);
  let hex = '';
  for (let n = 0; n < 5; n++) hex += view.getUint32(STATE + 4 * n, true).toString(16).padStart(8, '0');
  return hex;
}
