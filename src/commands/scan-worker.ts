/**
 * The worker-thread side of a parallel scan (see parallel-read.ts): it claims
 * files from the shared list one at a time, reads each from the work tree (a
 * staged new file only when it is byte for byte the staged blob) and judges it
 * with the same policy as the main thread. Built as its own file, dist/scan-worker.js.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readClaimedFiles } from '../git/staged';
import { readClaimedTreeFiles } from '../git/tree';
import type { TextSource } from '../detect/scan-lines';
import { catalogue, createEvaluator } from '../policy/evaluate';
import { judgeContent, type ContentTally } from './judge-content';
import { filesOf, IDLE, NEXT_FILE, RUNNING, type ScanWorkerInput, type ScanWorkerJob, type ScanWorkerOutput } from './scan-worker-protocol';

function run(input: ScanWorkerInput, job: ScanWorkerJob): ScanWorkerOutput {
  const shared = new Int32Array(input.shared);
  const tally: ContentTally = { lines: 0, bytes: 0 };
  // Started too late: the main thread has read every file already.
  if (Atomics.compareExchange(shared, input.stateSlot, IDLE, RUNNING) !== IDLE) return { findings: [], baselineHits: [], misses: [], ...tally };
  const evaluator = createEvaluator(input.config, new Set(input.baseline), job.localValues);
  const claim = (): number => Atomics.add(shared, NEXT_FILE, 1);
  const judge = (content: TextSource): void => judgeContent(evaluator, content, tally);
  let misses: string[] = [];
  if (input.mode === 'tree') readClaimedTreeFiles(input.top, input.paths.split('\0'), claim, judge);
  else misses = readClaimedFiles(input.top, filesOf(input), claim, judge);
  return { findings: evaluator.findings, baselineHits: [...evaluator.baselineHits], misses, ...tally };
}

const input = workerData as ScanWorkerInput | null;
const port = parentPort;
if (port && input?.kind === 'keyfence-scan-worker') {
  // Compile the rules while the main thread still waits for git; files come with the job.
  catalogue();
  port.once('message', (job: ScanWorkerJob) => port.postMessage(run(input, job)));
}
