import { BINARY_PROBE_BYTES, decodeScannedPrefix, lineShape, looksBinary } from '../../src/detect/line-shape';

describe('decodeScannedPrefix', () => {
  /** The first bytes of a larger buffer (as the shared read buffer holds them), whatever byte follows. */
  const decode = (data: Buffer, after = 0x78): string => decodeScannedPrefix(Buffer.concat([data, Buffer.from([after, after])]), data.length);

  it('ends every line, the last one included, in a newline, whatever follows the bytes', () => {
    const cases: Array<[string, string]> = [
      ['a\nb', 'a\nb\n'],
      ['a\nb\n', 'a\nb\n'],
      ['a\r\n', 'a\r\n'],
      ['\u2028x', '\u2028x\n'],
    ];
    for (const [content, scanned] of cases) {
      for (const after of [0x00, 0x0a, 0x78]) expect(decode(Buffer.from(content), after)).toBe(scanned);
    }
  });

  it('leaves empty content empty', () => {
    expect(decode(Buffer.alloc(0))).toBe('');
    expect(decode(Buffer.alloc(0), 0x0a)).toBe('');
  });

  it('decodes UTF-8, a sequence cut off at the end as one replacement character', () => {
    expect(decode(Buffer.from('clé'))).toBe('clé\n');
    expect(decodeScannedPrefix(Buffer.from([0x61, 0xe2, 0x82, 0x61]), 3)).toBe('a\ufffd\n');
  });

  it('counts lines the way the scanner sees them', () => {
    expect(lineShape(decode(Buffer.from('ab\nabcd')))).toEqual({ lines: 2, longest: 4 });
  });
});

describe('looksBinary', () => {
  it('is git\'s rule: a NUL byte among the first 8000 bytes', () => {
    const late = Buffer.alloc(BINARY_PROBE_BYTES + 1, 0x61);
    late[BINARY_PROBE_BYTES] = 0;
    expect(looksBinary(late)).toBe(false);
    late[BINARY_PROBE_BYTES - 1] = 0;
    expect(looksBinary(late)).toBe(true);
    expect(looksBinary(Buffer.from('text'))).toBe(false);
  });
});
