/**
 * Timing and peak memory of a measured command. Wall time is taken around bare
 * spawns (no wrapper in the timed runs); peak memory comes from separate runs
 * under GNU time, whose %M is the largest resident set of the process and of any
 * descendant it waited for.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BenchError } from './util';

export interface Step {
  readonly command: string;
  readonly args: readonly string[];
}

/** One measured thing: its steps run one after the other and are timed together. */
export interface Subject {
  readonly id: string;
  readonly tool: string;
  readonly change: string;
  readonly cwd: string;
  readonly steps: readonly Step[];
  /** Exit codes that mean "ran to completion" (1 = found something, for scanners). */
  readonly ok: readonly number[];
}

export interface StepResult {
  readonly ms: number;
  readonly codes: readonly number[];
  /** The start of the last step's stdout+stderr (redacted by the tool itself), for sanity checks. */
  readonly head: string;
}

const HEAD_BYTES = 4096;

/** A run stopped at its time limit. */
export class TimeLimitError extends BenchError {
  constructor(
    readonly subject: string,
    readonly limitMs: number,
  ) {
    super(`${subject} was stopped after its time limit of ${Math.round(limitMs / 1000)} s`);
  }
}

function runStep(step: Step, cwd: string, env: NodeJS.ProcessEnv, wrap?: string[], deadline?: number): Promise<{ code: number; head: string }> {
  return new Promise((resolve, reject) => {
    const [command, args] = wrap ? [wrap[0]!, [...wrap.slice(1), step.command, ...step.args]] : [step.command, [...step.args]];
    // detached: its own session with no controlling terminal, as under a GUI git client,
    // so nothing can stop to prompt on /dev/tty in the middle of a timed run.
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const head: Buffer[] = [];
    let kept = 0;
    const keep = (chunk: Buffer): void => {
      if (kept < HEAD_BYTES) {
        head.push(chunk.subarray(0, HEAD_BYTES - kept));
        kept += Math.min(chunk.length, HEAD_BYTES - kept);
      }
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer =
      deadline === undefined
        ? undefined
        : setTimeout(
            () => {
              timedOut = true;
              // The whole session (GNU time and what it runs): detached made the child its leader.
              if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
            },
            Math.max(0, deadline - Date.now()),
          );
    child.on('error', (error) => reject(new BenchError(`${step.command} could not start: ${error.message}`)));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) reject(new TimeLimitError(step.command, 0));
      else if (code === null) reject(new BenchError(`${step.command} was killed by ${signal}`));
      else resolve({ code, head: Buffer.concat(head).toString('utf8') });
    });
  });
}

function fail(subject: Subject, codes: readonly number[], head: string): never {
  throw new BenchError(`${subject.tool} on ${subject.change} exited ${codes.join('/')}: ${head.slice(0, 1500).trim()}`);
}

/** One timed run of every step of `subject`, without any wrapper. */
export async function timeOnce(subject: Subject, env: NodeJS.ProcessEnv, limitMs?: number): Promise<StepResult> {
  const codes: number[] = [];
  let head = '';
  const start = process.hrtime.bigint();
  const deadline = limitMs === undefined ? undefined : Date.now() + limitMs;
  for (const step of subject.steps) {
    const r = await runStep(step, subject.cwd, env, undefined, deadline).catch((error: unknown) => {
      throw error instanceof TimeLimitError ? new TimeLimitError(`${subject.tool} on ${subject.change}`, limitMs!) : error;
    });
    codes.push(r.code);
    head = r.head;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (codes.some((c) => !subject.ok.includes(c))) fail(subject, codes, head);
  return { ms, codes, head };
}

export const GNU_TIME = '/usr/bin/time';

export function haveGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

/**
 * Peak resident memory in bytes: each step under GNU time, the largest step counts
 * (steps run one after the other). Also returns the wall time of the run, used
 * as a timed run for slow subjects where GNU time's own cost is negligible.
 */
export async function peakOnce(
  subject: Subject,
  env: NodeJS.ProcessEnv,
  scratch: string,
  limitMs?: number,
): Promise<{ bytes: number; ms: number; codes: number[]; head: string }> {
  let peak = 0;
  let head = '';
  const codes: number[] = [];
  const start = process.hrtime.bigint();
  const deadline = limitMs === undefined ? undefined : Date.now() + limitMs;
  for (const [i, step] of subject.steps.entries()) {
    const out = join(scratch, `time-${subject.id}-${i}.txt`);
    const r = await runStep(step, subject.cwd, env, [GNU_TIME, '-f', '%M', '-o', out], deadline).catch((error: unknown) => {
      throw error instanceof TimeLimitError ? new TimeLimitError(`${subject.tool} on ${subject.change}`, limitMs!) : error;
    });
    codes.push(r.code);
    head = r.head;
    if (!subject.ok.includes(r.code)) fail(subject, [r.code], r.head);
    const kb = Number(readFileSync(out, 'utf8').trim().split('\n').pop());
    rmSync(out, { force: true });
    if (!Number.isFinite(kb)) throw new BenchError(`GNU time wrote no peak memory for ${subject.tool} on ${subject.change}`);
    peak = Math.max(peak, kb * 1024);
  }
  return { bytes: peak, ms: Number(process.hrtime.bigint() - start) / 1e6, codes, head };
}

export interface Spread {
  readonly n: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly q1: number;
  readonly q3: number;
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new BenchError('no samples to summarise');
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, median: quantile(s, 0.5), min: s[0]!, max: s[s.length - 1]!, q1: quantile(s, 0.25), q3: quantile(s, 0.75) };
}
