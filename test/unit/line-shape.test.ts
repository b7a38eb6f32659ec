import { BINARY_PROBE_BYTES, decodeScannedPrefix, decodeScannedText, lineShape, looksBinary } from '../../src/detect/line-shape';

describe('decodeScannedText', () => {
  it('ends every line, the last one included, in a newline', () => {
    expect(decodeScannedText(Buffer.from('a\nb'))).toBe('a\nb\n');
    expect(decodeScannedText(Buffer.from('a\nb\n'))).toBe('a\nb\n');
    expect(decodeScannedText(Buffer.from('a\r\n'))).toBe('a\r\n');
  });

  it('leaves empty content empty', () => {
    expect(decodeScannedText(Buffer.alloc(0))).toBe('');
  });

  it('decodes UTF-8, a sequence cut off at the end as one replacement character', () => {
    expect(decodeScannedText(Buffer.from('clé'))).toBe('clé\n');
    expect(decodeScannedText(Buffer.from([0x61, 0xe2, 0x82]))).toBe('a\ufffd\n');
  });

  it('counts lines the way the scanner sees them', () => {
    expect(lineShape(decodeScannedText(Buffer.from('ab\nabcd')))).toEqual({ lines: 2, longest: 4 });
  });
});

describe('decodeScannedPrefix', () => {
  it('gives decodeScannedText\'s text for the first bytes of a larger buffer, whatever follows them', () => {
    for (const content of ['a\nb', 'a\nb\n', 'a\r\n', '', 'clé', '\u2028x']) {
      const data = Buffer.from(content);
      for (const after of [0x00, 0x0a, 0x78]) {
        const buffer = Buffer.concat([data, Buffer.from([after, after])]);
        expect(decodeScannedPrefix(buffer, data.length)).toBe(decodeScannedText(data));
      }
    }
    const cut = Buffer.from([0x61, 0xe2, 0x82, 0x61]);
    expect(decodeScannedPrefix(cut, 3)).toBe('a\ufffd\n');
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
