import { existsSync, lstatSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { Config } from '../config/defaults';
import type { LocalValue } from '../detect/local-values';
import type { StagedFile, WorkTreeHelper } from '../git/staged';
import { onDisk } from '../git/work-tree-path';
import type { Finding } from '../policy/types';
import type { ContentTally } from './judge-content';
import { CLOSED, FIRST_STATE, IDLE, NEXT_FILE, type ReadMode, type ScanWorkerInput, type ScanWorkerJob, type ScanWorkerOutput } from './scan-worker-protocol';

/**
 * A worker thread spends tens of milliseconds before it scans at full speed (a
 * heap of its own, the rules compiled and the code optimised again): one is
 * started per this many bytes of new files, about 0.25 s of scanning on one
 * thread. On 5 MB (691 files) one worker made the hook slower.
 */
export const BYTES_PER_WORKER = 16 * 1024 * 1024;
/**
 * Files whose average size is trusted to estimate the rest; or fewer, once they
 * add up to BYTES_PER_WORKER (big files first).
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
  readonly baselineHits: readonly string[];
}

/** A file the threads share: its path, and in a staged read the object id its bytes must hash to ('' in a tree scan). */
export type SharedFile = Pick<StagedFile, 'path' | 'blob'>;

export interface ParallelScan {
  /**
   * Called as soon as git has listed the new files: when they look large enough
   * to share, starts worker threads, which get ready (load, compile the rules)
   * while the main thread still waits for git; they take no file before `helperFor`.
   */
  prepare(files: readonly SharedFile[]): void;
  /** The helper for these files (the workers `prepare` started, if any), handing the workers the developer's own values. */
  helperFor(files: readonly SharedFile[], localValues: () => readonly LocalValue[]): WorkTreeHelper | null;
  /** Stops workers that were started but will never be handed their files (the read failed before it began). */
  abandon(): void;
  /** What the workers found and counted (nothing when none ran); call after the read is over. */
  result(): ScanWorkerResult;
}

export interface ParallelOptions {
  /** The new files of a staged change (the default), or the tracked files of a tree scan. */
  readonly mode?: ReadMode;
  /** The worker's script; tests point it elsewhere. */
  readonly workerScript?: string;
  /** Threads besides the main one; by default one less than the cores, at most MAX_WORKERS. */
  readonly maxWorkers?: number;
  /** Estimated bytes per worker started; BYTES_PER_WORKER by default (tests lower it). */
  readonly bytesPerWorker?: number;
}

interface RunningWorker {
  readonly thread: Worker;
  readonly slot: number;
  readonly reported: Promise<ScanWorkerOutput>;
}

interface Started {
  readonly shared: Int32Array;
  readonly workers: readonly RunningWorker[];
}

/**
 * The new files' total size, estimated from the first SAMPLE_FILES of them (or
 * fewer, once they add up to `enough`): one lstat each, no read.
 */
export function estimateBytes(top: string, files: readonly SharedFile[], enough: number = BYTES_PER_WORKER): number {
  let bytes = 0;
  let sampled = 0;
  for (; sampled < files.length && sampled < SAMPLE_FILES && bytes < enough; sampled++) {
    bytes += sizeOf(onDisk(top, files[sampled]!.path));
  }
  return sampled === 0 ? 0 : (bytes / sampled) * files.length;
}

/** A path that cannot be looked at (gone, replaced, unreadable) counts as empty: git supplies it later. */
function sizeOf(full: string | Buffer): number {
  try {
    return lstatSync(full, { throwIfNoEntry: false })?.size ?? 0;
  } catch {
    return 0;
  }
}

/**
 * Worker threads for large changes and large tree scans. They and the main
 * thread claim files from one shared counter, so the work splits by the time
 * each file takes and a worker still starting up delays nothing. Once git has
 * listed the files, their total size is estimated from the first few and one
 * worker is started per BYTES_PER_WORKER of it. Only when the worker script
 * exists: it does in every build; running from TypeScript sources, reading
 * stays on one thread.
 */
export function parallelScan(top: string, config: Config, baseline: ReadonlySet<string>, options: ParallelOptions = {}): ParallelScan {
  const script = options.workerScript ?? WORKER_SCRIPT;
  const outputs: ScanWorkerOutput[] = [];
  let prepared: Started | null = null;
  let preparedFor: readonly SharedFile[] | null = null;

  const startWorkers = (files: readonly SharedFile[], count: number): Started => {
    const shared = new Int32Array(new SharedArrayBuffer((FIRST_STATE + count) * Int32Array.BYTES_PER_ELEMENT));
    const base = {
      kind: 'keyfence-scan-worker',
      mode: options.mode ?? 'staged',
      top,
      paths: files.map((f) => f.path).join('\0'),
      blobs: files.map((f) => f.blob).join(''),
      shared: shared.buffer as SharedArrayBuffer,
      config,
      baseline: [...baseline],
    } as const;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Worker: WorkerThread } = require('node:worker_threads') as typeof import('node:worker_threads');
    const workers: RunningWorker[] = [];
    for (let k = 0; k < count; k++) {
      const workerData: ScanWorkerInput = { ...base, stateSlot: FIRST_STATE + k };
      const thread = new WorkerThread(script, { workerData, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
      const reported = new Promise<ScanWorkerOutput>((resolve, reject) => {
        thread.once('message', resolve);
        // A file that changed while it was read is for the user to settle, not an internal failure.
        thread.once('error', (error) => reject(error.name === 'FileChangedError' ? error : new Error(`a scan worker thread failed: ${error.message}`)));
        thread.once('exit', (code) => reject(new Error(`a scan worker thread stopped (exit code ${code}) before it reported`)));
      });
      reported.catch(() => undefined); // awaited in finish()
      // Until it is handed its files, a worker must not keep the process alive (after the
      // listeners: a 'message' listener holds the process again).
      thread.unref();
      workers.push({ thread, slot: FIRST_STATE + k, reported });
    }
    return { shared, workers };
  };
  const stop = (started: Started | null): void => started?.workers.forEach((w) => void w.thread.terminate());

  const scan: ParallelScan = {
    prepare(files) {
      if (preparedFor === files) return;
      stop(prepared);
      prepared = null;
      preparedFor = files;
      // A typical commit's handful of files stops here, before any system call.
      if (files.length <= SAMPLE_FILES) return;
      const most = options.maxWorkers ?? Math.min(MAX_WORKERS, availableParallelism() - 1);
      if (most < 1 || !existsSync(script)) return;
      const share = options.bytesPerWorker ?? BYTES_PER_WORKER;
      const count = Math.min(most, Math.floor(estimateBytes(top, files, share) / share));
      if (count > 0) prepared = startWorkers(files, count);
    },
    helperFor(files, localValues) {
      scan.prepare(files);
      const started = prepared;
      if (!started) return null;
      const { shared, workers } = started;
      const job: ScanWorkerJob = { localValues: localValues() };
      for (const worker of workers) {
        worker.thread.ref();
        worker.thread.postMessage(job);
      }
      return {
        claim() {
          const next = Atomics.add(shared, NEXT_FILE, 1);
          return next < files.length ? next : -1;
        },
        async finish() {
          const misses: string[] = [];
          // Files still unclaimed (the main thread stopped early) are the workers' to read: wait for them.
          const allClaimed = Atomics.load(shared, NEXT_FILE) >= files.length;
          try {
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
            stop(started);
            throw error;
          }
          return misses;
        },
        cancel: () => stop(started),
      };
    },
    abandon() {
      stop(prepared);
      prepared = null;
      preparedFor = null;
    },
    result() {
      const findings = outputs.flatMap((o) => o.findings);
      return {
        findings,
        baselineHits: outputs.flatMap((o) => o.baselineHits),
        lines: outputs.reduce((n, o) => n + o.lines, 0),
        bytes: outputs.reduce((n, o) => n + o.bytes, 0),
      };
    },
  };
  return scan;
}
