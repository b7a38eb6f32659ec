/**
 * The prefilter loop runs as WebAssembly, and as JavaScript where WebAssembly
 * cannot run: both must report the same positions, in the same order, with the
 * same values, on any text; and keyfence must still scan where WebAssembly is
 * not available.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { forEachCandidate, forEachCandidateJs, wasmAvailable, type CandidateTables } from '../../src/detect/candidates';
import { compileCatalogue, scanText } from '../../src/detect/engine';
import { catalogue } from '../../src/detect/rules';
import type { Rule } from '../../src/detect/types';
import { crc32Base62Token } from '../helpers/synth';

/** A seeded generator (mulberry32), so a failing text can be made again. */
function seeded(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * n;
  };
}

/** Everything each loop reports, as one list: 'k' quad at, or 'r' code hexRun base64urlRun at. */
function reports(scan: typeof forEachCandidate, text: string, tables: CandidateTables): string[] {
  const seen: string[] = [];
  scan(
    text,
    tables,
    (quad, at) => seen.push(`k ${quad} ${at}`),
    (code, hexRun, base64urlRun, at) => seen.push(`r ${code} ${hexRun} ${base64urlRun} ${at}`),
  );
  return seen;
}

function expectSame(text: string, tables: CandidateTables): number {
  const js = reports(forEachCandidateJs, text, tables);
  const chosen = reports(forEachCandidate, text, tables);
  // Compared as a whole only when they differ, so a failure shows the first difference, not a 100,000-line diff.
  if (chosen.length !== js.length || chosen.some((line, i) => line !== js[i])) {
    const first = chosen.findIndex((line, i) => line !== js[i]);
    expect({ first, chosen: chosen.slice(first, first + 3), js: js.slice(first, first + 3), lengths: [chosen.length, js.length] }).toBeUndefined();
  }
  return js.length;
}

/** Text built from what the loop reacts to: keywords in any case, runs of every kind and length, non-ASCII, surrogates. */
function texture(random: (n: number) => number, keywords: readonly string[], length: number): string {
  const hex = '0123456789abcdef';
  const base64url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  const run = (chars: string, n: number) => Array.from({ length: n }, () => chars[Math.floor(random(chars.length))]).join('');
  const pieces: (() => string)[] = [
    () => {
      const keyword = keywords[Math.floor(random(keywords.length))]!;
      return random(2) < 1 ? keyword : keyword.toUpperCase();
    },
    () => run(hex, Math.floor(random(80))),
    () => run(base64url, Math.floor(random(120))),
    () => ' = "',
    () => '"\n',
    () => '.:/@',
    () => 'é\u00ff\u0100\u2215\uff31',
    () => '\ud800x\udfff\ud83d\ude00',
    () => '\0',
  ];
  let text = '';
  while (text.length < length) text += pieces[Math.floor(random(pieces.length))]!();
  return text.slice(0, length);
}

const compiled = compileCatalogue(catalogue);

describe('the prefilter loop: WebAssembly and JavaScript agree', () => {
  test('WebAssembly runs in this process (so the comparisons below compare two loops)', () => {
    expect(wasmAvailable()).toBe(true);
  });

  test('on texts dense with keywords, runs and odd characters, of every size and across chunk ends', () => {
    const random = seeded(20261204);
    const reported = [0, 1, 2, 3, 4, 5, 9, 100, 4000, 65535, 65536, 65537, 131072 + 5, 300_000].map((length) =>
      expectSame(texture(random, compiled.keywords, length), compiled),
    );
    // Dense enough that the found-positions buffer (1,024 entries) fills several times in one text.
    expect(reported[reported.length - 1]).toBeGreaterThan(4 * 1024);
  });

  test('where every position is a candidate, and a run spans many chunks', () => {
    const rules: Rule[] = [
      { id: 'aa', provider: 'p', description: 'd', keywords: ['aa'], pattern: 'aa', confidence: 'low', rotateUrl: 'u', source: 's' },
      {
        id: 'run',
        provider: 'p',
        description: 'd',
        keywords: [],
        keywordRun: { chars: 'hex', min: 8 },
        keywordPattern: '[0-9a-f]',
        pattern: 'x',
        confidence: 'low',
        rotateUrl: 'u',
        source: 's',
      },
    ];
    const dense = compileCatalogue(rules);
    expect(expectSame('a'.repeat(200_000), dense)).toBeGreaterThan(199_000);
    expect(expectSame('AaAa'.repeat(40_000) + 'a', dense)).toBeGreaterThan(150_000);
    expect(expectSame('0123456789abcdef'.repeat(20_000) + 'aa', dense)).toBeGreaterThan(0);
    expect(expectSame('e'.repeat(150_000), dense)).toBeGreaterThan(0);
  });

  test('keywords at the very end of a long text (the last three positions)', () => {
    const short = compileCatalogue([
      { id: 'two', provider: 'p', description: 'd', keywords: ['qz'], pattern: 'qz', confidence: 'low', rotateUrl: 'u', source: 's' },
      { id: 'three', provider: 'p', description: 'd', keywords: ['vw~'], pattern: 'vw~', confidence: 'low', rotateUrl: 'u', source: 's' },
    ]);
    for (const end of ['qz', 'QZ', 'vw~', 'xqz', 'q']) {
      const text = '.'.repeat(70_000) + end;
      expect(expectSame(text, short)).toBe(end === 'q' ? 0 : 1);
      expect(reports(forEachCandidate, text, short)[0] ?? '').toMatch(end === 'q' ? /^$/ : new RegExp(` ${text.length - end.length + (end === 'xqz' ? 1 : 0)}$`));
    }
  });

  test('one thread switching between catalogues uses each one\'s tables', () => {
    const other = compileCatalogue(catalogue.slice(0, 20));
    const random = seeded(7);
    for (let i = 0; i < 4; i++) {
      const text = texture(random, compiled.keywords, 10_000);
      expectSame(text, i % 2 === 0 ? compiled : other);
      expectSame(text, i % 2 === 0 ? other : compiled);
    }
  });
});

describe('a visitor that scans another text meanwhile', () => {
  test('gets the same positions for both texts as the JavaScript loop', () => {
    const random = seeded(11);
    const outer = texture(random, compiled.keywords, 80_000);
    const inner = texture(random, compiled.keywords, 5_000);
    const nested = (scan: typeof forEachCandidate) => {
      const seen: string[] = [];
      scan(
        outer,
        compiled,
        (quad, at) => {
          seen.push(`k ${quad} ${at}`);
          if (seen.length % 500 === 0) seen.push(reports(scan, inner, compiled).join());
        },
        (code, hexRun, base64urlRun, at) => seen.push(`r ${code} ${hexRun} ${base64urlRun} ${at}`),
      );
      return seen;
    };
    const js = nested(forEachCandidateJs);
    expect(js.length).toBeGreaterThan(1000);
    expect(nested(forEachCandidate)).toEqual(js);
  });
});

describe('without WebAssembly', () => {
  test('keyfence still finds keys, with the JavaScript loop (node --jitless)', () => {
    // The built modules, in a process of their own where WebAssembly does not exist.
    const detect = join(__dirname, '..', '..', 'dist', 'detect');
    const script = `
      const { compileCatalogue, scanText } = require(${JSON.stringify(join(detect, 'engine'))});
      const { wasmAvailable } = require(${JSON.stringify(join(detect, 'candidates'))});
      const { catalogue } = require(${JSON.stringify(join(detect, 'rules'))});
      const compiled = compileCatalogue(catalogue);
      const found = scanText(compiled, process.argv[1]).map((m) => m.rule.id);
      console.log(JSON.stringify({ wasm: typeof WebAssembly !== 'undefined', available: wasmAvailable(), found }));
    `;
    const text = 'x'.repeat(100_000) + ` token = "${crc32Base62Token('gh' + 'p_')}"\n`;
    const here = scanText(compiled, text).map((m) => m.rule.id);
    expect(here).toContain('github-classic-pat');
    const result = spawnSync(process.execPath, ['--jitless', '-e', script, text], { encoding: 'utf8' });
    // node itself warns that --jitless turns WebAssembly off; nothing else may be said.
    expect(result.stderr.replace(/^Warning: disabling flag --expose_wasm.*\n/m, '')).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ wasm: false, available: false, found: here });
  });
});
