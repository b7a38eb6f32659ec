import { candidateRules, compileCatalogue, scanText } from '../../src/detect/engine';
import { catalogue } from '../../src/detect/rules';
import type { Rule } from '../../src/detect/types';
import { crc32Base62Token, rand } from '../helpers/synth';
import { base62, crc32 } from '../../src/detect/checksums';

const rule = (id: string, keyword: string, pattern: string): Rule => ({
  id,
  provider: id,
  description: 'd',
  keywords: [keyword],
  pattern,
  confidence: 'high',
  rotateUrl: 'u',
  source: 's',
});

describe('keyword prefilter', () => {
  const rules = [rule('short', 'sk-', 'sk-[a-z]{8}'), rule('long', 'sk-ant-', 'sk-ant-[a-z]{8}'), rule('ov', 'p_x', 'p_x[0-9]{4}')];
  const compiled = compileCatalogue(rules);

  test('finds a keyword hidden inside a longer one and overlapping ones', () => {
    expect([...candidateRules(compiled, 'xx SK-ANT-abc')].sort()).toEqual([0, 1]);
    expect([...candidateRules(compiled, 'ghp_x1234')].sort()).toEqual([2]);
    expect([...candidateRules(compiled, 'nothing here')]).toEqual([]);
  });

  test('finds keywords of every length at the very start and end of a text, in any case', () => {
    const sized = compileCatalogue([rule('two', 'qz', 'qz'), rule('three', 'vw~', 'vw~'), rule('four', 'jk-9', 'jk-9'), rule('six', 'xylo:/', 'xylo:/')]);
    const ids = (text: string) => [...candidateRules(sized, text)].map((i) => sized.rules[i]!.id).sort();
    expect(ids('qz')).toEqual(['two']);
    expect(ids('Qz')).toEqual(['two']);
    expect(ids('q')).toEqual([]);
    expect(ids('')).toEqual([]);
    expect(ids('aVW~')).toEqual(['three']);
    expect(ids('VW~qZ')).toEqual(['three', 'two']);
    expect(ids('..JK-9')).toEqual(['four']);
    expect(ids('jk-')).toEqual([]);
    expect(ids('XYLO:/')).toEqual(['six']);
    expect(ids('xylo:')).toEqual([]);
    expect(ids('xylo:\u2215')).toEqual([]);
  });

  test('no character outside ASCII stands in for a keyword character', () => {
    const sized = compileCatalogue([rule('two', 'qz', 'qz'), rule('four', 'jk-9', 'jk-9')]);
    // U+0151 and U+0171 fold to nothing; U+FF31 is a full-width Q.
    for (const text of ['\u0151z', 'q\u0171', '\uff31z', 'jk\u20109', 'jk-\u0669', '\u00e9qz\u00e9']) {
      expect([...candidateRules(sized, text)].length).toBe(text === '\u00e9qz\u00e9' ? 1 : 0);
    }
  });

  test('says so when keywords use more distinct characters than the prefilter has classes for', () => {
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).filter((c) => c < 'A' || c > 'Z');
    const many = printable.map((c, i) => rule(`r${i}`, `${c}${c}`, 'x'));
    expect(() => compileCatalogue(many.slice(0, 63))).not.toThrow();
    expect(() => compileCatalogue(many.slice(0, 64))).toThrow(/64 distinct characters/);
  });

  test('runs only the rules whose keyword occurs', () => {
    expect(scanText(compiled, 'a sk-abcdefgh b').map((m) => m.rule.id)).toEqual(['short']);
  });
});

describe('keyword runs', () => {
  const runRule = (id: string, keywordRun: Rule['keywordRun'], keywordPattern: string, pattern: string): Rule => ({
    ...rule(id, 'unused', pattern),
    keywords: [],
    keywordRun,
    keywordPattern,
  });
  const hex = (n: number) => 'a3f91c7e0b5d2846'.repeat(4).slice(0, n);
  const compiled = compileCatalogue([
    runRule('dash', { chars: 'hex', min: 12, then: '-' }, '-[0-9]{3}', '[0-9a-f]{12}-[0-9]{3}'),
    runRule('reach', { chars: 'hex', min: 10 }, '(?<=ZZ[0-9a-f]{10})', 'ZZ[0-9a-f]{10}'),
    runRule('dot', { chars: 'base64url', min: 6, then: '.' }, '\\.[0-9]', '[A-Za-z0-9_-]{6}\\.[0-9]'),
  ]);
  const ids = (text: string) => [...candidateRules(compiled, text)].map((i) => compiled.rules[i]!.id).sort();

  test('a run fires at its `then` character after at least `min` run characters, where its pattern matches', () => {
    expect(ids(`x ${hex(12)}-123`)).toEqual(['dash']);
    expect(ids(`x ${hex(16)}-123`)).toEqual(['dash']);
    expect(ids(`x ${hex(11)}-123`)).toEqual([]);
    expect(ids(`x ${hex(12)}-abc`)).toEqual([]); // the pattern does not match there
    expect(ids(`x ${hex(6)}G${hex(6)}-123`)).toEqual([]); // a break resets the run
    expect(ids('Ab_-9z.1')).toEqual(['dot']);
    expect(ids('Ab_9z.1')).toEqual([]);
  });

  test('without `then`, a run fires where it reaches `min`, once, even at the end of the text', () => {
    expect(ids(`ZZ${hex(10)}`)).toEqual(['reach']);
    expect(ids(`ZZ${hex(9)}`)).toEqual([]);
    expect(ids(`ZZ${hex(9)}Z`)).toEqual([]);
    expect(ids(`ZZ${hex(40)}`)).toEqual(['reach']);
    expect(scanText(compiled, `a ZZ${hex(10)} b ZZ${hex(10)}`).map((m) => m.index)).toEqual([2, 17]);
  });

  test('characters beyond ASCII are never run characters', () => {
    // U+FF10 is a full-width 0, U+0661 an Arabic-Indic 1.
    expect(ids(`ZZ${hex(5)}\uff10${hex(4)}`)).toEqual([]);
    expect(ids(`${hex(6)}\u0661${hex(6)}-123`)).toEqual([]);
    expect(ids(`\u00e9ZZ${hex(10)}\u00e9`)).toEqual(['reach']);
  });

  test('says what is wrong with a keywordRun rule', () => {
    expect(() => compileCatalogue([{ ...runRule('a', { chars: 'hex', min: 8 }, 'x', 'x'), keywordPattern: undefined }])).toThrow(/needs a keywordPattern/);
    expect(() => compileCatalogue([runRule('a', { chars: 'hex', min: 8, then: '--' }, 'x', 'x')])).toThrow(/'then' character/);
    expect(() => compileCatalogue([runRule('a', { chars: 'hex', min: 8 }, 'x', 'x'), runRule('b', { chars: 'hex', min: 9 }, 'x', 'x')])).toThrow(/share one 'min'/);
    expect(() => compileCatalogue([{ ...rule('a', 'x', 'x'), keywords: [] }])).toThrow(/no keywords and no keywordRun/);
  });
});

describe('checksums', () => {
  test('CRC-32 check value and base62 alphabet order', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(base62(61, 2)).toBe('0z');
    expect(base62(62, 2)).toBe('10');
  });
});

describe('scanText on arbitrary input', () => {
  const compiled = compileCatalogue(catalogue);
  test('never throws on odd text: NULs, lone surrogates, BOM, huge lines', () => {
    const odd = ['\0\0\0', '\uD800abc\uDFFF', '\uFEFFkey=1', 'x'.repeat(200_000), rand('\u0000-\u00ff', 5000)];
    for (const text of odd) expect(() => scanText(compiled, text)).not.toThrow();
  });
  test('finds a planted key anywhere in random text', () => {
    for (let i = 0; i < 20; i++) {
      const key = crc32Base62Token('gh' + 'p_');
      const text = rand(' -~', 500) + ' ' + key + '\n' + rand(' -~', 500);
      expect(scanText(compiled, text).some((m) => m.secret === key)).toBe(true);
    }
  });
});
