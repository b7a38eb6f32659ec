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

export interface ScanWorkerInput {
  readonly kind: 'keyfence-scan-worker';
  readonly top: string;
  readonly files: ReadonlyArray<{ readonly path: string; readonly blob: string }>;
  /** Int32Array: NEXT_FILE, then each worker's state from FIRST_STATE on. */
  readonly shared: SharedArrayBuffer;
  /** This worker's state slot. */
  readonly stateSlot: number;
  readonly config: Config;
  readonly baseline: readonly string[];
  readonly localValues: readonly LocalValue[];
}

export interface ScanWorkerOutput extends ContentTally {
  readonly findings: Finding[];
  /** Paths whose work-tree copy is not the staged blob: git must supply them. */
  readonly misses: string[];
}
