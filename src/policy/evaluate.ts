import type { Config } from '../config/defaults';
import type { CompiledCatalogue } from '../detect/engine';
import { fingerprint } from '../detect/fingerprint';
import { pathRuleFor } from '../detect/path-rules';
import type { LocalValue } from '../detect/local-values';
import type { NumberedLine } from '../detect/scan-lines';
import { ALLOW_MARKER, buildAllowPolicy } from './allow';
import type { Finding } from './types';

/** Content from any source (staged diff, work tree, history), as numbered lines of one path. */
export interface SourceFile {
  readonly path: string;
  readonly lines: readonly NumberedLine[];
  readonly commit?: string;
}

let compiled: CompiledCatalogue | null = null;

/** The catalogue is compiled on first use only: a commit with nothing to scan never loads it. */
function catalogue(): CompiledCatalogue {
  if (!compiled) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { compileCatalogue } = require('../detect/engine') as typeof import('../detect/engine');
    const { catalogue: rules } = require('../detect/rules') as typeof import('../detect/rules');
    /* eslint-enable @typescript-eslint/no-require-imports */
    compiled = compileCatalogue(rules);
  }
  return compiled;
}

export interface Evaluation {
  readonly findings: Finding[];
  /** Baseline fingerprints that were seen (to report stale entries). */
  readonly baselineHits: Set<string>;
}

/** Runs detection over the files and applies config, inline markers and baseline. */
export function evaluate(
  files: readonly SourceFile[],
  config: Config,
  baseline: ReadonlySet<string>,
  localValues: readonly LocalValue[] = [],
): Evaluation {
  const policy = buildAllowPolicy(config, baseline);
  const findings: Finding[] = [];
  const baselineHits = new Set<string>();
  const withContent = files.filter((f) => f.lines.length > 0 && !policy.isPathAllowed(f.path));
  if (withContent.length === 0) return { findings, baselineHits };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { scanLines } = require('../detect/scan-lines') as typeof import('../detect/scan-lines');
  const compiledCatalogue = catalogue();
  for (const file of withContent) {
    for (const match of scanLines(compiledCatalogue, file.path, file.lines, { disabled: policy.disabledRules }, localValues)) {
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
  }
  return { findings, baselineHits };
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
