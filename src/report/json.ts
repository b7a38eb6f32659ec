import type { ScanResult } from '../policy/types';
import { isBlocked } from '../policy/types';
import { redact } from './redact';

/** The JSON report, version 1 (docs/json-report.md). Never holds a secret in full. */
export function toJsonReport(result: ScanResult) {
  return {
    version: 1 as const,
    blocked: isBlocked(result),
    findings: result.findings.map((f) => ({
      ruleId: f.rule.id,
      provider: f.rule.provider,
      description: f.rule.description,
      path: f.path,
      line: f.line,
      column: f.column,
      redacted: redact(f.rule, f.secret),
      fingerprint: f.fingerprint,
      rotateUrl: f.rule.rotateUrl,
      ...(f.commit ? { commit: f.commit } : {}),
      ...(f.authorDate ? { authorDate: f.authorDate } : {}),
    })),
    envFiles: result.envFiles.map((e) => ({
      path: e.path,
      state: e.state,
      ignored: e.ignored,
      blocks: e.blocks,
      ...(e.commit ? { commit: e.commit } : {}),
      ...(e.authorDate ? { authorDate: e.authorDate } : {}),
    })),
    stats: {
      files: result.stats.files,
      bytes: result.stats.bytes,
      ms: result.stats.ms,
      // History scans only: how many commits were read.
      ...(result.stats.commits !== undefined ? { commits: result.stats.commits } : {}),
    },
    ...(result.staleBaseline ? { staleBaseline: result.staleBaseline } : {}),
  };
}

export function renderJson(result: ScanResult): string {
  return JSON.stringify(toJsonReport(result), null, 2) + '\n';
}
