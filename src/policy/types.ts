import type { Rule } from '../detect/types';

/** A secret found at a place in the scanned content. `secret` never leaves the process. */
export interface Finding {
  readonly rule: Rule;
  readonly secret: string;
  readonly path: string;
  /** 1-based line and column in the new (staged) content of the file. */
  readonly line: number;
  readonly column: number;
  readonly fingerprint: string;
  /** Whether this finding blocks (low confidence blocks only when configured). */
  readonly blocks: boolean;
  /** Set when the finding comes from a commit in history rather than the index. */
  readonly commit?: string;
  /** The commit's author date (ISO 8601), with `commit`. */
  readonly authorDate?: string;
}

/** `committed`: added or changed by a commit in a scanned range (`scan --since`, `--history`). */
export type EnvState = 'staged' | 'tracked' | 'untracked' | 'committed';

export interface EnvFileStatus {
  readonly path: string;
  readonly state: EnvState;
  readonly ignored: boolean;
  readonly blocks: boolean;
  /** For `committed`: the oldest scanned commit that added or changed it, and its author date. */
  readonly commit?: string;
  readonly authorDate?: string;
}

export interface ScanStats {
  readonly files: number;
  readonly lines: number;
  readonly bytes: number;
  readonly ms: number;
  /** Commits read, for scans of history (`--since`, `--history`). */
  readonly commits?: number;
}

export interface ScanResult {
  readonly findings: readonly Finding[];
  readonly envFiles: readonly EnvFileStatus[];
  readonly stats: ScanStats;
  /** Baseline fingerprints that matched nothing (only for whole-tree scans). */
  readonly staleBaseline?: readonly string[];
}

export function isBlocked(result: ScanResult): boolean {
  return result.findings.some((f) => f.blocks) || result.envFiles.some((e) => e.blocks);
}
