/**
 * The detection engine never throws and always terminates, whatever bytes a
 * commit carries, and what it reports always points at real text.
 */
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { compileCatalogue, scanText, type CompiledCatalogue } from '../../src/detect/engine';
import { catalogue } from '../../src/detect/rules';
import { scanLines, type NumberedLine } from '../../src/detect/scan-lines';
import { crc32Base62Token } from '../helpers/synth';
import { decodedBytes, hostileText } from './property-arbitraries';

const compiled: CompiledCatalogue = compileCatalogue(catalogue);

/** Scans with the full catalogue and checks every match against the text it came from. */
function scanChecked(text: string, skipGeneric: boolean): void {
  const matches = scanText(compiled, text, { skipGeneric });
  let previous = -1;
  for (const m of matches) {
    // Never print the secret: report rule and offset only.
    const where = `${m.rule.id}@${m.index}`;
    if (m.secret.length === 0) throw new Error(`empty secret from ${where}`);
    if (text.slice(m.index, m.index + m.secret.length) !== m.secret) throw new Error(`secret not at its offset: ${where}`);
    if (m.index < previous) throw new Error(`matches out of order at ${where}`);
    previous = m.index;
  }
}

function toLines(text: string): NumberedLine[] {
  return text.split('\n').map((t, i) => ({ line: i + 1, text: t }));
}

/** scanLines maps every match back to a line and column where that secret starts. */
function scanLinesChecked(path: string, text: string): void {
  const lines = toLines(text);
  for (const m of scanLines(compiled, path, lines)) {
    const source = lines[m.line - 1];
    const firstLine = m.secret.split('\n')[0]!;
    if (!source || !source.text.startsWith(firstLine, m.column - 1)) {
      throw new Error(`${m.rule.id} reported at ${m.line}:${m.column}, where its secret does not start`);
    }
  }
}

const RUNS = 1000;

/**
 * Builds one 10 MB line of keyword-dense filler (every rule passes the prefilter
 * and runs over the whole line) with a key in the middle, and scans it as the
 * hook would scan a minified bundle. Prints where the key was found; never the key.
 */
const TEN_MB_SCRIPT = `
const [dist, token] = process.argv.slice(1);
const { compileCatalogue } = require(dist + '/detect/engine');
const { catalogue } = require(dist + '/detect/rules');
const { scanLines } = require(dist + '/detect/scan-lines');
const keywords = [...new Set(catalogue.flatMap((r) => r.keywords))];
const unit = keywords.map((k, i) => k + 'A1b2'.repeat(1 + (i % 9)) + (i % 2 ? '"' : '=')).join(' ');
const half = unit.repeat(Math.ceil(5e6 / unit.length)).slice(0, 5e6);
const line = half + ' "' + token + '" ' + half;
const started = Date.now();
const hit = scanLines(compileCatalogue(catalogue), 'bundle.min.js', [{ line: 1, text: line }]).find((m) => m.secret === token);
process.stdout.write(JSON.stringify({ length: line.length, rule: hit ? hit.rule.id : null, column: hit ? hit.column : 0, ms: Date.now() - started }));
`;

describe('engine on arbitrary input (fast-check)', () => {
  test('scanText never throws on hostile text (keywords, lone surrogates, NUL)', () => {
    fc.assert(
      fc.property(hostileText(400), fc.boolean(), (text, skip) => scanChecked(text, skip)),
      { numRuns: RUNS },
    );
  });

  test('scanText never throws on decoded bytes (invalid UTF-8, UTF-16 with BOM)', () => {
    fc.assert(
      fc.property(decodedBytes, fc.boolean(), (text, skip) => scanChecked(text, skip)),
      { numRuns: RUNS },
    );
  });

  test('scanLines never throws and its positions point at the secret', () => {
    const paths = fc.constantFrom('a.js', '.env', 'bundle.min.js', 'package-lock.json', 'dir/ünï code.ts', 'x\u0000y');
    fc.assert(
      fc.property(paths, fc.oneof(hostileText(400), decodedBytes), (path, text) => scanLinesChecked(path, text)),
      { numRuns: RUNS },
    );
  });

  test('scanLines on lines that themselves contain newlines, CR or nothing', () => {
    const line = fc.record({ line: fc.integer({ min: 1, max: 1e6 }), text: hostileText(80) });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
        scanLines(compiled, 'f.txt', lines);
      }),
      { numRuns: RUNS },
    );
  });

  test('a 10 MB line of hostile text terminates, and a key inside it is still found', () => {
    // In a child process with a deadline, so that a runaway scan fails this test
    // instead of hanging the suite. It runs the built engine (npm test builds first).
    const token = crc32Base62Token('gh' + 'p_');
    const child = spawnSync(process.execPath, ['-e', TEN_MB_SCRIPT, join(__dirname, '..', '..', 'dist'), token], {
      encoding: 'utf8',
      timeout: 60_000,
      maxBuffer: 1 << 20,
    });
    expect({ finishedWithin60s: child.signal === null, stderr: child.stderr.slice(0, 2000) }).toEqual({ finishedWithin60s: true, stderr: '' });
    const result = JSON.parse(child.stdout) as { length: number; rule: string | null; column: number; ms: number };
    expect(result.length).toBeGreaterThan(10e6);
    expect(result.rule).toBe('github-classic-pat');
    expect(result.column).toBe(5e6 + 3);
  }, 90_000);
});
