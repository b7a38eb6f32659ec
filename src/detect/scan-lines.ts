import { scanText, type CompiledCatalogue, type ScanOptions } from './engine';
import { findLocalValues, localValueRule, type LocalValue } from './local-values';
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

/** Lockfiles and minified bundles: full of hashes, so generic rules skip them. */
export function isMachineGenerated(path: string, lines: readonly NumberedLine[]): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (LOCKFILES.has(name) || /\.min\.(?:js|mjs|cjs|css)$/.test(name) || name.endsWith('.map')) return true;
  return lines.some((l) => l.text.length > 2000);
}

/**
 * Scans lines of one file as a single text (so multi-line keys such as PEM
 * blocks are seen whole) and maps each match back to line and column.
 */
export function scanLines(
  catalogue: CompiledCatalogue,
  path: string,
  lines: readonly NumberedLine[],
  options: ScanOptions = {},
  localValues: readonly LocalValue[] = [],
): LocatedMatch[] {
  if (lines.length === 0) return [];
  const starts: number[] = [];
  let text = '';
  for (const l of lines) {
    starts.push(text.length);
    text += l.text + '\n';
  }
  const skipGeneric = options.skipGeneric ?? isMachineGenerated(path, lines);
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
  matches.sort((a, b) => a.index - b.index);
  return matches.map((match) => {
    const at = lineIndexOf(starts, match.index);
    const source = lines[at]!;
    return { ...match, line: source.line, column: match.index - starts[at]! + 1, lineText: source.text };
  });
}

/** Index of the last line start <= offset (binary search). */
function lineIndexOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
