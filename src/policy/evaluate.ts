import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/defaults';
import type { CompiledCatalogue } from '../detect/engine';
import { fingerprint } from '../detect/fingerprint';
import { pathRuleFor } from '../detect/path-rules';
import type { LocalValue } from '../detect/local-values';
import type { NumberedLine, TextSource } from '../detect/scan-lines';
import { ALLOW_MARKER, buildAllowPolicy } from './allow';
import type { Finding } from './types';

/** Content from any source (staged diff, work tree, history), as numbered lines of one path. */
export interface SourceFile {
  readonly path: string;
  readonly lines: readonly NumberedLine[];
  readonly commit?: string;
}

/** The same as one text (see TextSource): what large changes are read as. */
export interface TextFile extends TextSource {
  readonly commit?: string;
}

let compiled: CompiledCatalogue | null = null;

/** The compiled catalogue the build writes beside the bundles (dist/), which all share one __dirname. */
export const CATALOGUE_SNAPSHOT = 'catalogue.json';

/**
 * The catalogue is compiled on first use only: a commit with nothing to scan never
 * loads it. Exported so the hook can compile it while git is still working. The
 * built package reads the build's snapshot of it; from sources, or when that
 * file is missing or unreadable, the rules are compiled here.
 */
export function catalogue(): CompiledCatalogue {
  compiled ??= snapshotCatalogue() ?? compileRules();
  return compiled;
}

function snapshotCatalogue(): CompiledCatalogue | null {
  let text: string;
  try {
    text = readFileSync(join(__dirname, CATALOGUE_SNAPSHOT), 'utf8');
  } catch {
    return null;
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('../detect/catalogue-snapshot') as typeof import('../detect/catalogue-snapshot')).catalogueFromSnapshot(text);
  } catch {
    // A damaged file only costs the time to compile.
    return null;
  }
}

function compileRules(): CompiledCatalogue {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { compileCatalogue } = require('../detect/engine') as typeof import('../detect/engine');
  const { catalogue: rules } = require('../detect/rules') as typeof import('../detect/rules');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return compileCatalogue(rules);
}

export interface Evaluation {
  readonly findings: Finding[];
  /** Baseline fingerprints that were seen (to report stale entries). */
  readonly baselineHits: Set<string>;
}

/** Judges files one at a time, so a large change never has to be held whole. */
export interface Evaluator {
  add(file: SourceFile | TextFile): void;
  readonly findings: Finding[];
  readonly baselineHits: Set<string>;
}

/** Runs detection and applies config, inline markers and baseline, file by file. */
export function createEvaluator(config: Config, baseline: ReadonlySet<string>, localValues: readonly LocalValue[] = []): Evaluator {
  const policy = buildAllowPolicy(config, baseline);
  const findings: Finding[] = [];
  const baselineHits = new Set<string>();
  const options = { disabled: policy.disabledRules };
  let scan: typeof import('../detect/scan-lines') | null = null;
  return {
    findings,
    baselineHits,
    add(file) {
      const empty = 'lines' in file ? file.lines.length === 0 : file.text.length === 0;
      if (empty || policy.isPathAllowed(file.path)) return;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      scan ??= require('../detect/scan-lines') as typeof import('../detect/scan-lines');
      const matches =
        'lines' in file
          ? scan.scanLines(catalogue(), file.path, file.lines, options, localValues)
          : scan.scanSource(catalogue(), file, options, localValues);
      for (const match of matches) {
        if (match.lineText.includes(ALLOW_MARKER)) continue;
        if (policy.isSecretAllowed(match.secret)) continue;
        const print = fingerprint(match.rule.id, match.secret);
        if (baseline.has(print)) {
          baselineHits.add(print);
          continue;
        }
        const lowConfidence = match.rule.confidence === 'low' || match.rule.generic === true;
        findings.push({
          rule: match.rule,
          secret: match.secret,
          path: file.path,
          line: match.line,
          column: match.column,
          fingerprint: print,
          blocks: !lowConfidence || config.rules.blockLowConfidence,
          ...(file.commit ? { commit: file.commit } : {}),
        });
      }
    },
  };
}

/** Runs detection over the files and applies config, inline markers and baseline. */
export function evaluate(
  files: ReadonlyArray<SourceFile | TextFile>,
  config: Config,
  baseline: ReadonlySet<string>,
  localValues: readonly LocalValue[] = [],
): Evaluation {
  const evaluator = createEvaluator(config, baseline, localValues);
  for (const file of files) evaluator.add(file);
  return { findings: evaluator.findings, baselineHits: evaluator.baselineHits };
}

/** Reports list findings by path and position, whatever order the files were read in. */
export function byPlace(a: Finding, b: Finding): number {
  return (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.line - b.line || a.column - b.column;
}

/** A file judged by its name alone; `contentId` (blob or content hash) stands in for the secret. */
export interface NamedFile {
  readonly path: string;
  readonly contentId: string;
}

/** Private-key files by name (id_rsa, *.p12, keystores), even when binary. */
export function evaluatePaths(files: readonly NamedFile[], config: Config, baseline: ReadonlySet<string>): Evaluation {
  const policy = buildAllowPolicy(config, baseline);
  const findings: Finding[] = [];
  const baselineHits = new Set<string>();
  for (const file of files) {
    const rule = pathRuleFor(file.path);
    if (!rule || policy.disabledRules.has(rule.id) || policy.isPathAllowed(file.path)) continue;
    const print = fingerprint(rule.id, file.contentId);
    if (baseline.has(print)) {
      baselineHits.add(print);
      continue;
    }
    findings.push({ rule, secret: file.contentId, path: file.path, line: 1, column: 1, fingerprint: print, blocks: true });
  }
  return { findings, baselineHits };
}
