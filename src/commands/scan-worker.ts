/**
 * The worker-thread side of a parallel staged scan (see parallel-read.ts): it
 * claims new files from the shared list one at a time, reads each from the work
 * tree (only when it is byte for byte the staged blob) and judges it with the
 * same policy as the main thread. Built as its own file, dist/scan-worker.js.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readClaimedFiles } from '../git/staged';
import { createEvaluator } from '../policy/evaluate';
import { judgeContent, type ContentTally } from './judge-content';
import { IDLE, NEXT_FILE, RUNNING, type ScanWorkerInput, type ScanWorkerOutput } from './scan-worker-protocol';

function run(input: ScanWorkerInput): ScanWorkerOutput {
  const shared = new Int32Array(input.shared);
  const tally: ContentTally = { lines: 0, bytes: 0 };
  // Started too late: the main thread has read every file already.
  if (Atomics.compareExchange(shared, input.stateSlot, IDLE, RUNNING) !== IDLE) return { findings: [], misses: [], ...tally };
  const evaluator = createEvaluator(input.config, new Set(input.baseline), input.localValues);
  const claim = (): number => Atomics.add(shared, NEXT_FILE, 1);
  const misses = readClaimedFiles(input.top, input.files, claim, (content) => judgeContent(evaluator, content, tally));
  return { findings: evaluator.findings, misses, ...tally };
}

const input = workerData as ScanWorkerInput | null;
if (parentPort && input?.kind === 'keyfence-scan-worker') parentPort.postMessage(run(input));
