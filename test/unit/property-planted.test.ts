/**
 * A key planted anywhere in arbitrary surrounding text is found with exact
 * bounds, and its redacted form never shows more than the recognisable prefix
 * plus four characters. Counterexamples name a rule and a pool index, never a key.
 */
import fc from 'fast-check';
import { compileCatalogue, scanText } from '../../src/detect/engine';
import { catalogue } from '../../src/detect/rules';
import type { Rule } from '../../src/detect/types';
import { redact } from '../../src/report/redact';
import { planted, type Planted } from '../helpers/vectors';
import { loadAllVectors } from '../rules/all-vectors';
import { codeUnit, hostileText } from './property-arbitraries';

const compiled = compileCatalogue(catalogue);
const rulesById = new Map(catalogue.map((r) => [r.id, r]));

/** Every positive vector of every rule, built twice (random bodies differ). */
const pool: ReadonlyArray<{ rule: string; value: Planted }> = loadAllVectors().flatMap((v) =>
  v.positives.flatMap((build) => [0, 1].map(() => ({ rule: v.rule, value: planted(build()) }))),
);

/**
 * Whitespace ends a token in every format (a netrc password may hold a comma or
 * a quote), so the surrounding text cannot lengthen the key; quotes and other
 * delimiters are covered per rule by the catalogue's context tests.
 */
const boundary = fc.constantFrom(' ', '\n', '\r\n', '\t', '\n\n', ' \t ');
/** Surrounding text: hostile (keywords, lone surrogates, NUL) or just any UTF-16. */
const surrounding = fc.oneof(hostileText(60), fc.string({ unit: codeUnit, maxLength: 60 }));

/** What redaction may show: the rule's own prefix or the longest keyword the secret starts with. */
function allowedPrefix(rule: Rule, secret: string): number {
  let best = rule.redactPrefix && secret.startsWith(rule.redactPrefix) ? rule.redactPrefix.length : 0;
  const lower = secret.toLowerCase();
  for (const k of rule.keywords) if (lower.startsWith(k)) best = Math.max(best, k.length);
  return best;
}

/** Throws (naming the rule only) if `redacted` shows more of `secret` than allowed. */
function checkRedaction(rule: Rule, secret: string, redacted: string): void {
  if (rule.wholeFile) return;
  const shown = redacted.slice(0, redacted.lastIndexOf('…('));
  if (!redacted.endsWith(`…(${secret.length} chars)`)) throw new Error(`${rule.id}: redaction does not end with the length`);
  if (shown.length > allowedPrefix(rule, secret) + 4) throw new Error(`${rule.id}: redaction shows ${shown.length} characters`);
  // Whitespace is shown as a space; everything else must be the secret's own start.
  if (!secret.replace(/\s/g, ' ').startsWith(shown)) throw new Error(`${rule.id}: redaction is not a prefix of the secret`);
  if (secret.length > allowedPrefix(rule, secret) + 8 && redacted.includes(secret)) {
    throw new Error(`${rule.id}: redaction contains the whole secret`);
  }
}

describe('planted keys (fast-check)', () => {
  test('the pool covers every rule', () => {
    expect(new Set(pool.map((p) => p.rule)).size).toBe(catalogue.length);
  });

  test('a planted key in arbitrary surrounding text is found with exact bounds, and redacted within bounds', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: pool.length - 1 }),
        surrounding,
        boundary,
        boundary,
        surrounding,
        (index, before, open, close, after) => {
          const { rule: id, value } = pool[index]!;
          const head = before + open;
          const text = head + value.text + close + after;
          const at = head.length + value.text.indexOf(value.secret);
          const matches = scanText(compiled, text);
          const hit = matches.find((m) => m.index === at && m.secret === value.secret);
          if (!hit) {
            const near = matches.filter((m) => m.index < at + value.secret.length && at < m.index + m.secret.length);
            throw new Error(`${id} (pool ${index}) not found; overlapping: ${near.map((m) => m.rule.id).join(', ') || 'none'}`);
          }
          if (hit.rule.id !== id) throw new Error(`${id} (pool ${index}) reported as ${hit.rule.id}`);
          for (const m of matches) checkRedaction(m.rule, m.secret, redact(m.rule, m.secret));
        },
      ),
      { numRuns: 3000 },
    );
  });

  test('redaction of any string by any rule stays within the prefix plus four characters', () => {
    const secret = fc.oneof(
      fc.string({ unit: codeUnit, maxLength: 120 }),
      fc.tuple(fc.constantFrom(...catalogue.flatMap((r) => [...r.keywords, r.redactPrefix ?? ''])), fc.string({ maxLength: 80 })).map(
        ([k, rest]) => k + rest,
      ),
    );
    fc.assert(
      fc.property(fc.constantFrom(...catalogue.map((r) => r.id)), secret, (id, s) => {
        const rule = rulesById.get(id)!;
        checkRedaction(rule, s, redact(rule, s));
      }),
      { numRuns: 5000 },
    );
  });
});
