/**
 * The worker-thread side of a parallel staged scan (see parallel-read.ts): it
 * claims new files from the shared list one at a time, reads each from the work
 * tree (only when it is byte for byte the staged blob) and judges it with the
 * same policy as the main thread. Built as its own file, dist/scan-worker.js.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readClaimedFiles } from '../git/staged';
import { catalogue, createEvaluator } from '../policy/evaluate';
import { judgeContent, type ContentTally } from './judge-content';
import { filesOf, IDLE, NEXT_FILE, RUNNING, type ScanWorkerInput, type ScanWorkerJob, type ScanWorkerOutput } from './scan-worker-protocol';

function run(input: ScanWorkerInput, job: ScanWorkerJob): ScanWorkerOutput {
  const shared = new Int32Array(input.shared);
  const tally: ContentTally = { lines: 0, bytes: 0 };
  // Started too late: the main thread has read every file already.
  if (Atomics.compareExchange(shared, input.stateSlot, IDLE, RUNNING) !== IDLE) return { findings: [], misses: [], ...tally };
  const evaluator = createEvaluator(input.config, new Set(input.baseline), job.localValues);
  const claim = (): number => Atomics.add(shared, NEXT_FILE, 1);
  const misses = readClaimedFiles(input.top, filesOf(input), claim, (content) => judgeContent(evaluator, content, tally));
  return { findings: evaluator.findings, misses, ...tally };
}

const input = workerData as ScanWorkerInput | null;
const port = parentPort;
if (port && input?.kind === 'keyfence-scan-worker') {
  // Compile the rules while the main thread still waits for git; files come with the job.
  catalogue();
  port.once('message', (job: ScanWorkerJob) => port.postMessage(run(input, job)));
}
