/**
 * Every rule runs in linear time: scanning ten times more hostile input (built
 * from the rule's own keywords and token characters) costs about ten times
 * more, never a hundred. Asserted as a ratio within the same run.
 */
import { performance } from 'node:perf_hooks';
import { compileCatalogue, scanText } from '../../src/detect/engine';
import { catalogue } from '../../src/detect/rules';
import type { KeywordRun, Rule } from '../../src/detect/types';

function hostileUnit(keyword: string): string {
  const upper = keyword.toUpperCase();
  return [
    keyword + 'A'.repeat(200),
    upper + 'a0'.repeat(100) + '-',
    keyword.repeat(20),
    `${keyword}_key = "` + 'x9'.repeat(100),
    `${upper}: ` + '0'.repeat(150) + '.',
    `${keyword}://user:` + 'p'.repeat(120) + '@',
    '-----BEGIN ' + upper + ' PRIVATE KEY-----\n' + 'QUJD'.repeat(40),
  ].join('');
}

/** Runs that fire as often as they can: each one just long enough, back to back, and one very long. */
function hostileRun({ chars, min, then = '' }: KeywordRun, prefix = ''): string {
  const run = (n: number) => (chars === 'hex' ? '0a9f' : 'Ab0_-').repeat(n).slice(0, n);
  return [
    (prefix + run(min) + then).repeat(20),
    prefix + run(min * 40) + then,
    (run(min) + then + run(8) + then).repeat(20),
  ].join(' ');
}

function hostile(rule: Pick<Rule, 'keywords' | 'keywordRun' | 'redactPrefix'>, length: number): string {
  const units = rule.keywords.map(hostileUnit);
  if (rule.keywordRun) units.push(hostileRun(rule.keywordRun, rule.redactPrefix));
  const unit = units.join(' ');
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

function fastest(run: () => void, times = 5): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

describe('linear time on hostile input', () => {
  test.each(catalogue.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
    const single = compileCatalogue([rule]);
    const small = hostile(rule, 40_000);
    const big = hostile(rule, 400_000);
    scanText(single, small); // warm-up: compile the regexp
    const tSmall = Math.max(fastest(() => scanText(single, small)), 0.5);
    const tBig = fastest(() => scanText(single, big));
    // Linear is ~10x; quadratic would be ~100x. Generous bound for a noisy machine.
    expect(tBig / tSmall).toBeLessThan(40);
  });
});

/**
 * The whole catalogue at once, on keyword-dense text: every rule passes the
 * prefilter, so this catches cost that grows with hits x text (windows widened
 * to a whole line, say), which one rule at a time cannot show. One long line
 * (a minified bundle) and the same text in short lines.
 */
describe('linear time, whole catalogue, keyword-dense', () => {
  const all = compileCatalogue(catalogue);
  const keywords = [...new Set(catalogue.flatMap((r) => r.keywords))];
  const runs = catalogue.flatMap((r) => (r.keywordRun ? [hostileRun(r.keywordRun, r.redactPrefix)] : []));
  const dense = (separator: string) =>
    [...keywords.map((k, i) => `${k}${'A1b2'.repeat(1 + (i % 9))}${i % 2 ? '"' : '='}`), ...runs].join(separator);

  test.each([
    ['one long line', ' '],
    ['short lines', '\n'],
  ])('%s', (_label, separator) => {
    const unit = dense(separator);
    const small = unit.repeat(Math.ceil(40_000 / unit.length)).slice(0, 40_000);
    const big = unit.repeat(Math.ceil(400_000 / unit.length)).slice(0, 400_000);
    scanText(all, small);
    const tSmall = Math.max(fastest(() => scanText(all, small)), 0.5);
    const tBig = fastest(() => scanText(all, big), 2);
    expect(tBig / tSmall).toBeLessThan(40);
  }, 120_000);
});
