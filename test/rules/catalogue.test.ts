import { compileCatalogue, scanText } from '../../src/detect/engine';
import { catalogue } from '../../src/detect/rules';
import { looksLikePlaceholder } from '../../src/detect/placeholders';
import type { KeywordRun } from '../../src/detect/types';
import { planted } from '../helpers/vectors';
import { loadAllVectors } from './all-vectors';

const compiled = compileCatalogue(catalogue);
const vectors = loadAllVectors();
const vectorsById = new Map(vectors.map((v) => [v.rule, v]));

const FILLER = ('z'.repeat(99) + '\n').repeat(120);

const RUN_CHARS = { hex: /[0-9a-f]/, base64url: /[A-Za-z0-9_-]/ } as const;

/** Length of the run of `chars` that ends just before `at`, counted back character by character. */
function runBefore(text: string, at: number, chars: KeywordRun['chars']): number {
  let n = 0;
  while (at - n - 1 >= 0 && RUN_CHARS[chars].test(text[at - n - 1]!)) n++;
  return n;
}

/** Whether a keywordRun fires at `at`, by its definition (types.ts), not the engine's bookkeeping. */
function runFiresAt(text: string, at: number, run: KeywordRun): boolean {
  if (run.then !== undefined) return text[at] === run.then && runBefore(text, at, run.chars) >= run.min;
  return runBefore(text, at, run.chars) === run.min;
}

/** Ways a key sits in real files; each must still be found with exact bounds. */
const CONTEXTS: ReadonlyArray<(t: string) => string> = [
  (t) => t,
  (t) => `const key = "${t}";`,
  (t) => `API_KEY=${t}`,
  (t) => `{"token": "${t}", "other": 1}`,
  (t) => `  token: '${t}'`,
  (t) => `curl -H "Authorization: Bearer ${t}" https://api.test`,
  (t) => `url = "https://host.test/v1?key=${t}&x=1"`,
  (t) => `first line\r\nvalue=${t}\r\nlast line`,
  // Deep inside a large file: the engine only runs a rule in windows around its keywords.
  (t) => `${FILLER}${t}\n${FILLER}`,
];

describe('rule catalogue', () => {
  test('ids are unique kebab-case and each rule is complete data', () => {
    const ids = new Set<string>();
    for (const rule of catalogue) {
      expect(rule.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(ids.has(rule.id)).toBe(false);
      ids.add(rule.id);
      // Found by a keyword, or by a run of token characters and the pattern where it fires.
      expect(rule.keywords.length > 0 || rule.keywordRun !== undefined).toBe(true);
      expect(rule.keywordPattern !== undefined).toBe(rule.keywordRun !== undefined);
      for (const k of rule.keywords) expect(k).toBe(k.toLowerCase());
      expect(rule.rotateUrl.length).toBeGreaterThan(0);
      expect(rule.source.length).toBeGreaterThan(0);
      expect(rule.description.length).toBeGreaterThan(0);
    }
  });

  test('patterns use bounded repetition only (linear time by construction)', () => {
    for (const rule of catalogue) {
      // Strip escapes and character classes, then look for *, + or {n,} quantifiers.
      const bare = rule.pattern.replace(/\\./g, 'x').replace(/\[[^\]]*\]/g, 'x');
      expect({ id: rule.id, unbounded: /[*+]|\{\d+,\}/.test(bare) }).toEqual({ id: rule.id, unbounded: false });
    }
  });

  test('every rule has positive and near-miss vectors', () => {
    const missing = catalogue.filter((r) => {
      const v = vectorsById.get(r.id);
      return !v || v.positives.length === 0 || v.negatives.length === 0;
    });
    expect(missing.map((r) => r.id)).toEqual([]);
    const orphans = vectors.filter((v) => !catalogue.some((r) => r.id === v.rule));
    expect(orphans.map((v) => v.rule)).toEqual([]);
  });

  describe.each(catalogue.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    const v = vectorsById.get(id);
    const pattern = new RegExp(rule.pattern, `g${rule.flags ?? ''}`);

    test('finds every positive, in every context, with exact bounds', () => {
      for (const build of v?.positives ?? []) {
        for (let round = 0; round < 4; round++) {
          // Pieces drawn apart can still meet in a placeholder marker: a positive must not be one.
          let p = planted(build());
          while (looksLikePlaceholder(p.secret)) p = planted(build());
          for (const context of CONTEXTS) {
            const text = context(p.text);
            const hits = scanText(compiled, text).filter((m) => m.rule.id === id);
            expect({ text: p.text.slice(0, 24), secrets: hits.map((m) => m.secret === p.secret) }).toEqual({
              text: p.text.slice(0, 24),
              secrets: [true],
            });
            // The prefilter is sound only if every match contains one of the rule's keywords,
            // or its keywordRun fires inside it where the keywordPattern matches.
            for (const m of text.matchAll(pattern)) {
              const lower = m[0].toLowerCase();
              const run = rule.keywordRun;
              const byRun = () => {
                const keyed = new RegExp(rule.keywordPattern ?? '', 'y');
                for (let at = m.index; at <= m.index + m[0].length; at++) {
                  keyed.lastIndex = at;
                  if (run && runFiresAt(text, at, run) && keyed.test(text)) return true;
                }
                return false;
              };
              expect({ id, found: rule.keywords.some((k) => lower.includes(k)) || byRun() }).toEqual({ id, found: true });
              // With confirm, at one of those keywords the confirm pattern matches too.
              if (rule.confirm !== undefined) {
                const confirm = new RegExp(rule.confirm, 'y');
                const confirmedAt = (at: number) => {
                  confirm.lastIndex = m.index + at;
                  return confirm.test(text);
                };
                const starts = [...lower].map((_, at) => at).filter((at) => rule.keywords.some((k) => lower.startsWith(k, at)));
                expect(starts.some(confirmedAt)).toBe(true);
              }
            }
          }
        }
      }
    });

    test('reports no near miss', () => {
      for (const negative of v?.negatives ?? []) {
        const text = typeof negative === 'string' ? negative : negative();
        for (const context of CONTEXTS.slice(0, 3)) {
          const hits = scanText(compiled, context(text)).filter((m) => m.rule.id === id);
          expect({ text: text.slice(0, 40), hits: hits.length }).toEqual({ text: text.slice(0, 40), hits: 0 });
        }
      }
    });
  });
});
