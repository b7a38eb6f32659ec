import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { Config } from '../config/defaults';
import type { LocalValue } from '../detect/local-values';
import type { StagedFile, WorkTreeHelper } from '../git/staged';
import type { Finding } from '../policy/types';
import type { ContentTally } from './judge-content';
import { CLOSED, FIRST_STATE, IDLE, NEXT_FILE, type ScanWorkerInput, type ScanWorkerOutput } from './scan-worker-protocol';

/**
 * A worker thread spends tens of milliseconds before it scans at full speed (a
 * heap of its own, the rules compiled and the code optimised again): it pays
 * only when this many bytes or more are still to be read, about 0.25 s of
 * scanning on one thread. On 5 MB (691 files) one worker made the hook slower.
 */
export const BYTES_PER_WORKER = 16 * 1024 * 1024;
/**
 * Files read on the main thread before their average size is trusted to estimate
 * the rest; or fewer, once they add up to BYTES_PER_WORKER (big files first).
 */
export const SAMPLE_FILES = 32;
/** More threads would each add a heap of their own for little gain on one commit. */
const MAX_WORKERS = 4;
/**
 * A worker's young generation (V8's default is 16 MB per semispace): it scans
 * one file at a time, so a small one costs no speed, and on 117 MB of additions
 * it kept the hook's peak memory ~15 MB lower.
 */
const WORKER_YOUNG_GENERATION_MB = 4;

/** Built next to this module: dist/scan-worker.js beside the bundle, dist/commands/ unbundled. */
const WORKER_SCRIPT = join(__dirname, 'scan-worker.js');

export interface ScanWorkerResult extends ContentTally {
  readonly findings: readonly Finding[];
}

export interface ParallelScan {
  /** A helper that brings in worker threads once the new files left to read are large enough to share. */
  helperFor(files: readonly StagedFile[]): WorkTreeHelper | null;
  /** What the workers found and counted (nothing when none ran); call after the read is over. */
  result(): ScanWorkerResult;
}

export interface ParallelOptions {
  /** The worker's script; tests point it elsewhere. */
  readonly workerScript?: string;
  /** Threads besides the main one; by default one less than the cores, at most MAX_WORKERS. */
  readonly maxWorkers?: number;
}

interface RunningWorker {
  readonly thread: Worker;
  readonly slot: number;
  readonly reported: Promise<ScanWorkerOutput>;
}

/**
 * Worker threads for large changes. They and the main thread claim new files
 * from one shared counter, so the work splits by the time each file takes and
 * a worker still starting up delays nothing. The main thread reads the first
 * files alone (SAMPLE_FILES, or fewer when they are big); from their average
 * size it estimates what is left and starts one worker per BYTES_PER_WORKER of
 * it. Only when the worker script exists: it does in every build; running from
 * TypeScript sources, reading stays on one thread.
 */
export function parallelScan(
  top: string,
  config: Config,
  baseline: ReadonlySet<string>,
  localValues: () => readonly LocalValue[],
  options: ParallelOptions = {},
): ParallelScan {
  const script = options.workerScript ?? WORKER_SCRIPT;
  const outputs: ScanWorkerOutput[] = [];
  return {
    helperFor(files) {
      // A typical commit's handful of files stops here, before any system call.
      if (files.length <= SAMPLE_FILES) return null;
      const most = options.maxWorkers ?? Math.min(MAX_WORKERS, availableParallelism() - 1);
      if (most < 1 || !existsSync(script)) return null;
      const shared = new Int32Array(new SharedArrayBuffer((FIRST_STATE + most) * Int32Array.BYTES_PER_ELEMENT));
      const workers: RunningWorker[] = [];
      let decided = false;
      const start = (count: number): void => {
        const base = {
          kind: 'keyfence-scan-worker',
          top,
          files: files.map((f) => ({ path: f.path, blob: f.blob })),
          shared: shared.buffer as SharedArrayBuffer,
          config,
          baseline: [...baseline],
          localValues: localValues(),
        } as const;
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { Worker: WorkerThread } = require('node:worker_threads') as typeof import('node:worker_threads');
        for (let k = 0; k < count; k++) {
          const workerData: ScanWorkerInput = { ...base, stateSlot: FIRST_STATE + k };
          const thread = new WorkerThread(script, { workerData, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
          const reported = new Promise<ScanWorkerOutput>((resolve, reject) => {
            thread.once('message', resolve);
            thread.once('error', (error) => reject(new Error(`a scan worker thread failed: ${error.message}`)));
            thread.once('exit', (code) => reject(new Error(`a scan worker thread stopped (exit code ${code}) before it reported`)));
          });
          reported.catch(() => undefined); // awaited in finish()
          workers.push({ thread, slot: FIRST_STATE + k, reported });
        }
      };
      const stopAll = (): void => workers.forEach((w) => void w.thread.terminate());
      return {
        claim(readBytes) {
          const next = Atomics.add(shared, NEXT_FILE, 1);
          if (!decided && next > 0 && (next >= SAMPLE_FILES || readBytes >= BYTES_PER_WORKER)) {
            decided = true;
            const left = files.length - next;
            const count = Math.min(most, Math.floor(((readBytes / next) * left) / BYTES_PER_WORKER));
            if (count > 0) start(count);
          }
          return next < files.length ? next : -1;
        },
        async finish() {
          const misses: string[] = [];
          // Files still unclaimed (the main thread stopped early) are the workers' to read: wait for them.
          const allClaimed = Atomics.load(shared, NEXT_FILE) >= files.length;
          try {
            if (!allClaimed && workers.length === 0) throw new Error('new files were left unread: no scan worker thread was started for them');
            for (const worker of workers) {
              // Still starting up after the main thread read everything: it is not needed.
              if (allClaimed && Atomics.compareExchange(shared, worker.slot, IDLE, CLOSED) === IDLE) {
                void worker.thread.terminate();
                continue;
              }
              const output = await worker.reported;
              outputs.push(output);
              for (const path of output.misses) misses.push(path);
            }
          } catch (error) {
            stopAll();
            throw error;
          }
          return misses;
        },
        cancel: stopAll,
      };
    },
    result() {
      const findings = outputs.flatMap((o) => o.findings);
      return {
        findings,
        lines: outputs.reduce((n, o) => n + o.lines, 0),
        bytes: outputs.reduce((n, o) => n + o.bytes, 0),
      };
    },
  };
}
