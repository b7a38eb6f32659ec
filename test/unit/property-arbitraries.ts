/**
 * fast-check building blocks shared by the property tests: text that is
 * arbitrary in the ways git content is (any UTF-16 unit, lone surrogates, NUL,
 * decoded invalid UTF-8, UTF-16 with a BOM) and yet dense in the catalogue's
 * own keywords, so that rules really run instead of being skipped by the prefilter.
 */
import fc from 'fast-check';
import { catalogue } from '../../src/detect/rules';

export const KEYWORDS: readonly string[] = [...new Set(catalogue.flatMap((r) => r.keywords))];

/** Any single UTF-16 code unit, lone surrogates and NUL included. */
export const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

const tokenRun = fc.string({ unit: fc.constantFrom(...'ABCDEFabcdef0123456789_-+/=.'), minLength: 1, maxLength: 60 });
const separator = fc.constantFrom(' ', '\n', '\r\n', '\t', '"', "'", '=', ':', '\0', '\uFEFF', '\uFFFD', '=\n', '-----');

/** A unit of hostile text: a keyword (any case), a token-like run, a separator, or any code point. */
export const hostileUnit: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...KEYWORDS), weight: 3 },
  { arbitrary: fc.constantFrom(...KEYWORDS).map((k) => k.toUpperCase()), weight: 1 },
  { arbitrary: tokenRun, weight: 3 },
  { arbitrary: separator, weight: 2 },
  { arbitrary: codeUnit, weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 4 }), weight: 1 },
);

export const hostileText = (maxLength = 200): fc.Arbitrary<string> => fc.string({ unit: hostileUnit, maxLength });

/** Text as keyfence receives it from git: bytes decoded as UTF-8, whatever they were. */
export const decodedBytes: fc.Arbitrary<string> = fc.oneof(
  // Raw bytes, mostly invalid UTF-8.
  fc.uint8Array({ maxLength: 4000 }).map((b) => Buffer.from(b).toString('utf8')),
  // Hostile text re-encoded as UTF-16 LE or BE with a BOM, then read as UTF-8 (NUL every other byte).
  hostileText().map((t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]).toString('utf8')),
  hostileText().map((t) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()]).toString('utf8')),
  // The same UTF-16 read as UTF-16 (what a smarter reader would see), BOM kept.
  hostileText().map((t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]).toString('utf16le')),
  // Hostile text with keywords cut by invalid bytes.
  hostileText().map((t) => Buffer.concat([Buffer.from(t, 'utf8'), Buffer.from([0xc3, 0x28, 0xed, 0xa0, 0x80, 0xff])]).toString('utf8')),
);
