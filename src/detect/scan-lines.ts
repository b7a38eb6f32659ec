import { scanText, type CompiledCatalogue, type ScanOptions } from './engine';
import { findLocalValues, localValueRule, type LocalValue } from './local-values';
import { lineShape, MINIFIED_LINE } from './line-shape';
import type { Match } from './types';

/** A line of content with its 1-based line number in its file. */
export interface NumberedLine {
  readonly line: number;
  readonly text: string;
}

export interface LocatedMatch extends Match {
  readonly line: number;
  readonly column: number;
  /** The full text of the line the secret starts on (for inline allow markers). */
  readonly lineText: string;
}

const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'composer.lock',
  'cargo.lock',
  'gemfile.lock',
  'poetry.lock',
  'go.sum',
]);

/**
 * Content of one file as a single text: lines joined, each ending in '\n'.
 * `lineNumbers[i]` is the 1-based number of the i-th line in its file (added
 * lines of a diff are not consecutive); null means the lines are 1, 2, 3...
 * One string and one typed array instead of an object per line: a large change
 * has millions of lines.
 */
export interface TextSource {
  readonly path: string;
  readonly text: string;
  readonly lineNumbers: Int32Array | null;
  /** Length of the longest line, when the reader already measured it (saves a pass). */
  readonly longestLine?: number;
  /** Size in bytes as stored, when the reader knows it (a whole file read from disk). */
  readonly bytes?: number;
  /** Set when the text is one piece of a file too large to hold whole (see FilePiece). */
  readonly piece?: FilePiece;
}

/**
 * Where a piece of a large file sits. Its text is whole lines: those it owns, with
 * lines of its neighbours before and after, so that a key at an edge is seen as
 * it would be in the whole file. Only matches that start in the owned part are
 * the piece's; each one is reported by exactly one piece.
 */
export interface FilePiece {
  /** The owned part of `text`, as UTF-16 offsets: [from, to). */
  readonly from: number;
  readonly to: number;
  /** The file's line number of the text's first line. */
  readonly firstLine: number;
  /** How many lines the owned part holds (counted by the reader, which has their bytes at hand). */
  readonly lines: number;
  /** Whether the whole file has a line longer than MINIFIED_LINE (a piece cannot tell alone). */
  readonly longLines: boolean;
}

/** Lockfiles and minified bundles: full of hashes, so generic rules skip them. */
export function isMachineGenerated(path: string, text: string, longestLine?: number): boolean {
  if (hasGeneratedName(path)) return true;
  if (text.length <= MINIFIED_LINE) return false;
  return (longestLine ?? lineShape(text).longest) > MINIFIED_LINE;
}

function hasGeneratedName(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return LOCKFILES.has(name) || /\.min\.(?:js|mjs|cjs|css)$/.test(name) || name.endsWith('.map');
}

function skipsGeneric(source: TextSource): boolean {
  const { path, text, piece } = source;
  return piece ? hasGeneratedName(path) || piece.longLines : isMachineGenerated(path, text, source.longestLine);
}

/** Joins numbered lines into a text source (the form the scanner reads). */
export function sourceFromLines(path: string, lines: readonly NumberedLine[]): TextSource {
  const lineNumbers = new Int32Array(lines.length);
  // One more, empty part: the join then ends in '\n' itself (appending one would make a slower cons string).
  const parts = new Array<string>(lines.length + 1).fill('');
  for (let i = 0; i < lines.length; i++) {
    lineNumbers[i] = lines[i]!.line;
    parts[i] = lines[i]!.text;
  }
  return { path, text: lines.length ? parts.join('\n') : '', lineNumbers };
}

/** Scans numbered lines of one file; see scanSource. */
export function scanLines(
  catalogue: CompiledCatalogue,
  path: string,
  lines: readonly NumberedLine[],
  options: ScanOptions = {},
  localValues: readonly LocalValue[] = [],
): LocatedMatch[] {
  if (lines.length === 0) return [];
  return scanSource(catalogue, sourceFromLines(path, lines), options, localValues);
}

/**
 * Scans one file as a single text (so multi-line keys such as PEM blocks are
 * seen whole) and maps each match back to line and column.
 */
export function scanSource(
  catalogue: CompiledCatalogue,
  source: TextSource,
  options: ScanOptions = {},
  localValues: readonly LocalValue[] = [],
): LocatedMatch[] {
  const { text } = source;
  if (text.length === 0) return [];
  const skipGeneric = options.skipGeneric ?? skipsGeneric(source);
  let matches: Match[] = scanText(catalogue, text, { ...options, skipGeneric });
  // The developer's own values catch keys no pattern knows. A provider match on the
  // same place says more; a generic or low-confidence one says less.
  for (const hit of findLocalValues(text, localValues)) {
    const end = hit.index + hit.value.value.length;
    const overlapping = (m: Match) => m.index < end && hit.index < m.index + m.secret.length;
    const weak = (m: Match) => m.rule.generic === true || m.rule.confidence === 'low';
    if (matches.some((m) => overlapping(m) && !weak(m))) continue;
    matches = matches.filter((m) => !overlapping(m));
    matches.push({ rule: localValueRule(hit.value), secret: hit.value.value, index: hit.index });
  }
  const { piece } = source;
  if (piece) matches = matches.filter((m) => m.index >= piece.from && m.index < piece.to);
  if (matches.length === 0) return [];
  matches.sort((a, b) => a.index - b.index);
  // Matches are in text order: count newlines forward from the previous one.
  const located: LocatedMatch[] = [];
  let lineIndex = 0;
  let lineStart = 0;
  for (const match of matches) {
    for (let nl = text.indexOf('\n', lineStart); nl >= 0 && nl < match.index; nl = text.indexOf('\n', lineStart)) {
      lineIndex++;
      lineStart = nl + 1;
    }
    const lineEnd = text.indexOf('\n', lineStart);
    located.push({
      ...match,
      line: source.lineNumbers ? (source.lineNumbers[lineIndex] ?? lineIndex + 1) : (piece?.firstLine ?? 1) + lineIndex,
      column: match.index - lineStart + 1,
      lineText: text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd),
    });
  }
  return located;
}
