/**
 * Large files are read and judged in pieces: each finding must come out once,
 * at the line and column it has in the whole file, and the summary's counts
 * must not change. Keys are planted on every few lines, so every edge between
 * pieces has keys just before and after it.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { judgeContent, type ContentTally } from '../../src/commands/judge-content';
import { DEFAULT_CONFIG } from '../../src/config/defaults';
import { lineShape, LongLineProbe } from '../../src/detect/line-shape';
import type { TextSource } from '../../src/detect/scan-lines';
import { readClaimedFiles } from '../../src/git/staged';
import { FileChangedError, GIT_BIG_FILE_BYTES, PIECE_SIZES, readWorkTreeText, type PieceSizes } from '../../src/git/work-tree-read';
import { createEvaluator } from '../../src/policy/evaluate';
import { planted } from '../helpers/vectors';
import { loadAllVectors } from '../rules/all-vectors';

const blobOf = (data: Buffer) => createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex');

/** Small pieces (the context stays the real one: it is what keeps edges exact). */
const SMALL: PieceSizes = { fileBytes: 0, pieceBytes: 64 * 1024, contextBytes: PIECE_SIZES.contextBytes };
const WHOLE: PieceSizes = { ...PIECE_SIZES, fileBytes: GIT_BIG_FILE_BYTES };

/** Every positive vector of every rule, built once, in a fixed order: one-line keys, and multi-line ones (PEM blocks). */
const vectors: readonly string[] = loadAllVectors().flatMap((v) => v.positives.map((build) => planted(build()).text));
const keys = vectors.filter((text) => !text.includes('\n'));
const blocks = vectors.filter((text) => text.includes('\n'));

/** A deterministic stream of numbers in [0, 1). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Source-like lines (some with two- and four-byte characters, some CRLF), a key every seven lines, now and then a key block. */
function plantedFile(bytes: number, seed: number, extra: (random: () => number) => string = () => ''): string {
  const random = lcg(seed);
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const roll = random();
    const line =
      i % 7 === 3
        ? keys[i % keys.length]!
        : i % 701 === 350
          ? blocks[i % blocks.length]!
          : roll < 0.1
          ? `// café ✓ 😀 line ${i}`
          : roll < 0.15
            ? `const windows${i} = "crlf";\r`
            : roll < 0.2
              ? ''
              : `export const value${i} = compute(${i}, "${'x'.repeat(Math.floor(random() * 80))}");${extra(random)}`;
    parts.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return parts.join('\n');
}

interface Judged {
  readonly findings: string[];
  readonly tally: ContentTally;
  readonly sources: TextSource[];
}

function judge(full: string, sizes: PieceSizes): Judged {
  const evaluator = createEvaluator(DEFAULT_CONFIG, new Set());
  const tally: ContentTally = { lines: 0, bytes: 0 };
  const sources: TextSource[] = [];
  const length = readWorkTreeText(full, 'big.txt', GIT_BIG_FILE_BYTES, null, (content) => {
    sources.push(content);
    judgeContent(evaluator, content, tally);
  }, sizes);
  expect(length).toBeGreaterThan(0);
  // Rule, place and fingerprint: never the secret itself.
  return { findings: evaluator.findings.map((f) => `${f.rule.id} ${f.line}:${f.column} ${f.fingerprint}`), tally, sources };
}

/** The file line each piece's owned part starts on. */
function ownedFirstLines(sources: readonly TextSource[]): number[] {
  return sources.map((s) => s.piece!.firstLine + lineShape(s.text.slice(0, s.piece!.from)).lines);
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keyfence-pieces-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('large files judged in pieces', () => {
  test.each([
    ['ends with a newline', 1, '\n'],
    ['has no final newline', 2, ''],
  ])('a file that %s: the same findings, places and counts as read whole', (_name, seed, end) => {
    const full = join(dir, 'big.txt');
    writeFileSync(full, plantedFile(1_500_000, seed) + end);
    const whole = judge(full, WHOLE);
    const pieces = judge(full, SMALL);

    expect(whole.sources).toHaveLength(1);
    expect(pieces.sources.length).toBeGreaterThan(20);
    expect(whole.findings.length).toBeGreaterThan(1000);
    expect(pieces.findings).toEqual(whole.findings);
    expect(pieces.tally).toEqual(whole.tally);

    // Keys sit just before and just after the edges between pieces (a key block or one of the
    // few vectors found only in context can leave an edge a little further from the nearest).
    const lines = whole.findings.map((f) => Number(f.split(' ')[1]!.split(':')[0]));
    const edges = ownedFirstLines(pieces.sources).slice(1);
    const near = (edge: number, reach: number) => lines.some((l) => l >= edge - reach && l < edge) && lines.some((l) => l >= edge && l < edge + reach);
    expect(edges.filter((edge) => near(edge, 8)).length).toBeGreaterThanOrEqual(0.9 * edges.length);
    expect(edges.filter((edge) => !near(edge, 40))).toEqual([]);
  });

  test('keys over several lines (key blocks, manifests, netrc) cut by an edge are found once, as in the whole file', () => {
    const full = join(dir, 'big.txt');
    const parts: string[] = [];
    for (let i = 0; parts.join('\n').length < 400_000; i++) parts.push(`filler ${i}`, blocks[i % blocks.length]!);
    const text = `${parts.join('\n')}\n`;
    writeFileSync(full, text);
    const whole = judge(full, WHOLE);
    const lines = text.split('\n');
    const firstLines = new Set(blocks.map((block) => block.slice(0, block.indexOf('\n'))));
    // Edges move with the piece size: some fall right after a block's first line.
    let cutAfterFirstLine = 0;
    for (let k = 0; k < 12; k++) {
      const pieces = judge(full, { ...SMALL, pieceBytes: 3000 + 97 * k });
      expect(pieces.findings).toEqual(whole.findings);
      cutAfterFirstLine += ownedFirstLines(pieces.sources).filter((edge) => firstLines.has(lines[edge - 2]!)).length;
    }
    expect(cutAfterFirstLine).toBeGreaterThan(5);
  });

  test('a line longer than a piece: it stays whole, and generic rules are skipped in every piece as in the whole file', () => {
    const full = join(dir, 'big.txt');
    const long = 'q'.repeat(150_000);
    writeFileSync(full, `${plantedFile(400_000, 3)}\n${long}\n${plantedFile(400_000, 4)}`);
    const whole = judge(full, WHOLE);
    const pieces = judge(full, SMALL);
    expect(pieces.findings).toEqual(whole.findings);
    expect(pieces.tally).toEqual(whole.tally);
    expect(pieces.sources.some((s) => s.text.includes(long))).toBe(true);
    expect(pieces.sources.every((s) => s.piece!.longLines)).toBe(true);
    expect(whole.findings.some((f) => f.startsWith('generic-'))).toBe(false);
  });

  test('the default sizes: a 6 MB new file is read in pieces, and only when it is the staged blob', () => {
    const text = plantedFile(6 * 1024 * 1024, 5, (random) => (random() < 0.01 ? ' // ünïcödé' : ''));
    const data = Buffer.from(text);
    writeFileSync(join(dir, 'six.txt'), data);
    const seen: TextSource[] = [];
    expect(readClaimedFiles(dir, [{ path: 'six.txt', blob: blobOf(data) }], (() => { let i = 0; return () => i++; })(), (c) => seen.push(c))).toEqual([]);
    expect(seen.length).toBeGreaterThanOrEqual(6);
    // The owned parts put back together are the file, with the final newline the scan adds
    // (compared, not diffed: a failure must not print megabytes of planted keys).
    const together = seen.map((s) => s.text.slice(s.piece!.from, s.piece!.to)).join('');
    expect(together.length).toBe(text.length + 1);
    expect(together === `${text}\n`).toBe(true);
    expect(seen.reduce((n, s) => n + s.bytes!, 0)).toBe(data.length);
    expect(Math.max(...seen.map((s) => s.text.length))).toBeLessThan(1.2 * 1024 * 1024);

    // Changed since it was staged: nothing is handed over, git must supply it.
    const other: TextSource[] = [];
    let next = 0;
    expect(readClaimedFiles(dir, [{ path: 'six.txt', blob: blobOf(Buffer.from('staged')) }], () => next++, (c) => other.push(c))).toEqual(['six.txt']);
    expect(other).toEqual([]);
  });

  test('a file that changes while its pieces are read stops the read with a clear error', () => {
    const full = join(dir, 'big.txt');
    writeFileSync(full, plantedFile(300_000, 6));
    let pieces = 0;
    let error: unknown;
    try {
      readWorkTreeText(full, 'big.txt', GIT_BIG_FILE_BYTES, null, () => {
        if (pieces++ === 1) appendFileSync(full, 'appended while reading\n');
      }, SMALL);
    } catch (thrown) {
      error = thrown;
    }
    expect(pieces).toBeGreaterThan(2);
    expect(error).toBeInstanceOf(FileChangedError);
    expect((error as Error).message).toMatch(/^big\.txt changed while keyfence was reading it/);
  });
});

describe('LongLineProbe', () => {
  const piece = fc.constantFrom('a', 'é', '✓', '😀', '\n', '\r', ' ', 'xyz', '\n\n');
  test('says what lineShape says of the decoded text, however the bytes are split', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 200 }), fc.array(fc.nat(), { maxLength: 8 }), fc.integer({ min: 0, max: 30 }), (parts, cuts, limit) => {
        const text = parts.join('');
        const bytes = Buffer.from(text);
        const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const probe = new LongLineProbe(limit);
        let from = 0;
        for (const cut of [...at, bytes.length]) {
          probe.push(bytes.subarray(from, cut));
          from = cut;
        }
        expect(probe.found).toBe(lineShape(text).longest > limit);
      }),
      { numRuns: 2000 },
    );
  });
});
