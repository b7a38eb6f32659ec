/**
 * keyfence's own SHA-1 (the WebAssembly loop that checks small new files
 * against their staged blob ids) must give node:crypto's answer for any
 * length and any split of the input, and the hashing must still work where
 * WebAssembly does not.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { OWN_SHA1_BYTES, sha1Of } from '../../src/detect/hash';
import { sha1Hex } from '../../src/detect/sha1';

const reference = (parts: readonly Uint8Array[]): string => {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};

/** Cuts `data` at the given offsets (taken modulo its length, in order). */
const cut = (data: Buffer, at: readonly number[]): Buffer[] => {
  const edges = [...new Set(at.map((n) => (data.length === 0 ? 0 : n % (data.length + 1))))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let from = 0;
  for (const edge of edges) {
    parts.push(data.subarray(from, edge));
    from = edge;
  }
  parts.push(data.subarray(from));
  return parts;
};

describe('the WebAssembly SHA-1', () => {
  test('matches node:crypto for every length up to three blocks and past each padding edge', () => {
    const data = randomBytes(200);
    for (let length = 0; length <= 200; length++) {
      expect(sha1Hex([data.subarray(0, length)])).toBe(reference([data.subarray(0, length)]));
    }
  });

  test('matches node:crypto around the size of what one call takes in (64,512 bytes) and well past it', () => {
    const data = randomBytes(3 * 64_512 + 100);
    for (const length of [64_447, 64_448, 64_455, 64_456, 64_511, 64_512, 64_513, 2 * 64_512, 2 * 64_512 + 57, data.length]) {
      expect(sha1Hex([data.subarray(0, length)])).toBe(reference([data.subarray(0, length)]));
    }
  });

  test('any split of the input into parts gives the hash of the whole (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.array(fc.nat(), { maxLength: 6 }), (bytes, at) => {
        const data = Buffer.from(bytes);
        expect(sha1Hex(cut(data, at))).toBe(reference([data]));
      }),
      { numRuns: 500 },
    );
  });

  test("git's object id of a blob: known answers", () => {
    // What `git hash-object` prints for an empty file and for "hello\n".
    expect(sha1Hex([Buffer.from('blob 0\0')])).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
    expect(sha1Hex([Buffer.from('blob 6\0'), Buffer.from('hello\n')])).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });
});

describe('sha1Of', () => {
  test('gives the same answer below, at and past the bytes its own loop takes', () => {
    for (const length of [1, 4096, OWN_SHA1_BYTES, OWN_SHA1_BYTES + 1, 5000]) {
      const data = randomBytes(length);
      expect(sha1Of([Buffer.from(`blob ${length}\0`), data])).toBe(reference([Buffer.from(`blob ${length}\0`), data]));
    }
  });

  test('where WebAssembly cannot run (node --jitless), node:crypto answers', () => {
    const hash = join(__dirname, '..', '..', 'dist', 'detect', 'hash');
    const script = `
      const { sha1Of } = require(${JSON.stringify(hash)});
      const { sha1Hex } = require(${JSON.stringify(join(hash, '..', 'sha1'))});
      console.log(JSON.stringify({ own: sha1Hex([Buffer.from('abc')]), hash: sha1Of([Buffer.from('abc')]) }));
    `;
    const result = spawnSync(process.execPath, ['--jitless', '-e', script], { encoding: 'utf8' });
    expect(result.stderr.replace(/^Warning: disabling flag --expose_wasm.*\n/m, '')).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ own: null, hash: reference([Buffer.from('abc')]) });
  });
});
