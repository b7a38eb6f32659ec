import { createHash, randomBytes } from 'node:crypto';
import { blobId, JS_HASH_BUDGET_BYTES, sha1Hex } from '../../src/git/blob-id';

const native = (algorithm: string, ...parts: Uint8Array[]): string => {
  const hash = createHash(algorithm);
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};

describe('SHA-1 written here', () => {
  test('matches node:crypto for every length around the block and padding boundaries', () => {
    for (let length = 0; length <= 200; length++) {
      const data = randomBytes(length);
      expect(sha1Hex([data])).toBe(native('sha1', data));
    }
  });

  test('the same hash whatever the split into parts, on and off block boundaries', () => {
    const data = randomBytes(300);
    const whole = native('sha1', data);
    for (let cut = 0; cut <= data.length; cut += 7) {
      expect(sha1Hex([data.subarray(0, cut), data.subarray(cut)])).toBe(whole);
      expect(sha1Hex([data.subarray(0, cut), Buffer.alloc(0), data.subarray(cut, cut + 3), data.subarray(cut + 3)])).toBe(whole);
    }
  });

  test('a large input (the 64-bit length field past 2^32 bits is not reached, but every byte of the count is set)', () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    expect(sha1Hex([data])).toBe(native('sha1', data));
  });
});

describe("git's blob id", () => {
  test("is git's: the empty blob's well-known id, and `blob <size>\\0` before the bytes", () => {
    expect(blobId(Buffer.alloc(0), 40)).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
    const data = Buffer.from('export const answer = 42;\n');
    expect(blobId(data, 40)).toBe(native('sha1', Buffer.from(`blob ${data.length}\0`), data));
  });

  test('past the budget of bytes hashed here, node:crypto gives the same ids; SHA-256 repositories get SHA-256', () => {
    const data = randomBytes(JS_HASH_BUDGET_BYTES + 1);
    const header = Buffer.from(`blob ${data.length}\0`);
    expect(blobId(data, 40)).toBe(native('sha1', header, data));
    expect(blobId(data, 64)).toBe(native('sha256', header, data));
    expect(blobId(Buffer.from('a\n'), 64)).toBe(native('sha256', Buffer.from('blob 2\0a\n')));
  });
});
