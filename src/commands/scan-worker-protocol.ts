import type { Config } from '../config/defaults';
import type { LocalValue } from '../detect/local-values';
import type { Finding } from '../policy/types';
import type { ContentTally } from './judge-content';

/** Slots of the Int32Array the main thread and the scan workers share: the next file, then one state per worker. */
export const NEXT_FILE = 0;
export const FIRST_STATE = 1;
/** A worker's state: it takes files only if the main thread has not closed the list to it first. */
export const IDLE = 0;
export const RUNNING = 1;
export const CLOSED = 2;

/**
 * What the files are: the new files of a staged change (each read only when it
 * is byte for byte its staged blob), or the tracked files of a tree scan (read
 * as they are in the work tree; no object ids).
 */
export type ReadMode = 'staged' | 'tree';

export interface ScanWorkerInput {
  readonly kind: 'keyfence-scan-worker';
  readonly mode: ReadMode;
  readonly top: string;
  /**
   * The new files, in the main thread's order: paths joined by NUL, object ids
   * (all of one length; none in a tree scan) end to end. Two strings copy
   * into a thread in ~2 ms; 14,000 small objects took ~9 ms of the main thread.
   */
  readonly paths: string;
  readonly blobs: string;
  /** Int32Array: NEXT_FILE, then each worker's state from FIRST_STATE on. */
  readonly shared: SharedArrayBuffer;
  /** This worker's state slot. */
  readonly stateSlot: number;
  readonly config: Config;
  readonly baseline: readonly string[];
}

/** Posted to a started worker once the main thread knows the developer's own values; only then does it take files. */
export interface ScanWorkerJob {
  readonly localValues: readonly LocalValue[];
}

export interface ScanWorkerOutput extends ContentTally {
  readonly findings: Finding[];
  /** Baseline fingerprints seen (a tree scan reports the entries nobody saw). */
  readonly baselineHits: string[];
  /** Paths whose work-tree copy is not the staged blob: git must supply them. */
  readonly misses: string[];
}

/** The files `ScanWorkerInput` carries, as objects again. */
export function filesOf(input: Pick<ScanWorkerInput, 'paths' | 'blobs'>): Array<{ path: string; blob: string }> {
  const paths = input.paths.split('\0');
  const idLength = input.blobs.length / paths.length; // 0 in a tree scan: every blob is ''
  return paths.map((path, i) => ({ path, blob: input.blobs.slice(i * idLength, (i + 1) * idLength) }));
}
