import { BINARY_PROBE_BYTES, decodeScannedText, lineShape, looksBinary } from '../../src/detect/line-shape';

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
