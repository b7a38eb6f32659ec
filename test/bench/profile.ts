/**
 * Where keyfence's time goes: one extra run under `node --cpu-prof`, summarised
 * as self time per source file and per function. "(idle)" is time the process
 * waited (mostly for git), "(program)" is native work such as module compilation.
 */
import { mkdirSync, readFileSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Subject } from './measure';
import { timeOnce } from './measure';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileRow {
  readonly name: string;
  readonly ms: number;
  readonly share: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly byFile: readonly ProfileRow[];
  readonly byFunction: readonly ProfileRow[];
  /** Every sample counted once, by what its stack shows the thread was doing (PHASES). */
  readonly byPhase: readonly ProfileRow[];
}

const isOurs = (frame: CallFrame): boolean => /\/keyfence\/dist\//.test(frame.url);
const named = (...names: string[]) => (frame: CallFrame): boolean => isOurs(frame) && names.includes(frame.functionName);

/**
 * What a thread was doing, for the reader who asks why the hook costs what it
 * does: a sample goes to the first phase whose test matches its innermost
 * frame (the first two) or any frame of its stack (the others).
 */
const PHASES: ReadonlyArray<{ readonly name: string; readonly leaf?: boolean; readonly test: (frame: CallFrame) => boolean }> = [
  { name: 'garbage collection', leaf: true, test: (f) => f.functionName === '(garbage collector)' },
  { name: 'idle (waiting, mostly for git)', leaf: true, test: (f) => f.functionName === '(idle)' },
  { name: "starting git's processes (node's child_process: fork, exec, pipes)", test: (f) => f.url === 'node:child_process' || f.url === 'node:internal/child_process' },
  { name: 'building the rule catalogue', test: named('catalogue') },
  { name: 'reading and judging the staged content', test: named('judgeContent', 'readClaimedFiles', 'readPatchFile', 'readWorkTreeText') },
  {
    name: "loading keyfence's code (code cache, module set-up)",
    test: (f) => (f.url === 'node:vm' && f.functionName === 'Script') || named('__require', 'readSource', 'readCache', 'cacheFileFor', 'writeCache')(f),
  },
  { name: 'other keyfence work (arguments, simple-git, temporary files, report)', test: isOurs },
];
const NODE_ITSELF = "node's own start-up and exit (no keyfence frame)";

/** Shortens a file URL to what a reader needs: keyfence's own dist path, or the package name. */
function place(url: string): string {
  if (!url) return '';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + '/node_modules/'.length);
    return rest.startsWith('keyfence/') ? rest.slice('keyfence/'.length) : rest.split('/').slice(0, rest.startsWith('@') ? 2 : 1).join('/');
  }
  return path.startsWith('node:') ? path : path.split('/').slice(-2).join('/');
}

function top(map: Map<string, number>, total: number, n: number): ProfileRow[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => ({ name, ms: us / 1000, share: total > 0 ? us / total : 0 }));
}

/** The phase of a sample whose stack is `frames`, innermost first. */
function phaseOf(frames: readonly CallFrame[]): string {
  for (const phase of PHASES) {
    if (phase.leaf ? frames.length > 0 && phase.test(frames[0]!) : frames.some(phase.test)) return phase.name;
  }
  return NODE_ITSELF;
}

export function summarise(profile: CpuProfile, n = 8): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stack = (id: number): CallFrame[] => {
    const frames: CallFrame[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) frames.push(byId.get(at)!);
    return frames;
  };
  const files = new Map<string, number>();
  const fns = new Map<string, number>();
  const phases = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = Math.max(0, profile.timeDeltas[i] ?? 0);
    const frame = byId.get(id);
    if (!frame) return;
    total += us;
    const phase = phaseOf(stack(id));
    phases.set(phase, (phases.get(phase) ?? 0) + us);
    // V8 names a regular expression's compiled code by its whole source: keep the start.
    const native = frame.functionName.length > 70 ? `${frame.functionName.slice(0, 70)}…` : frame.functionName;
    const file = frame.url ? place(frame.url) : native || '(native)';
    const fn = frame.url ? `${frame.functionName || '(anonymous)'} (${file}:${frame.lineNumber + 1})` : file;
    files.set(file, (files.get(file) ?? 0) + us);
    fns.set(fn, (fns.get(fn) ?? 0) + us);
  });
  return { totalMs: total / 1000, byFile: top(files, total, n), byFunction: top(fns, total, n), byPhase: top(phases, total, phases.size) };
}

/** A thread's profile: node names them CPU.<date>.<time>.<pid>.<thread id>.<sequence>.cpuprofile, the main thread 0. */
function threadOf(file: string): number {
  const parts = file.split('.');
  return Number(parts[parts.length - 3] ?? 0);
}

/**
 * Runs the node script of `subject`'s single step once under `node --cpu-prof`
 * (node refuses that flag in NODE_OPTIONS) and summarises the profile each
 * thread leaves: the main thread first, then any worker threads.
 */
export async function profileOnce(subject: Subject, env: NodeJS.ProcessEnv, scratch: string): Promise<Array<{ thread: number; summary: ProfileSummary }>> {
  const dir = join(scratch, `profile-${subject.id}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const [step] = subject.steps;
  if (!step || subject.steps.length !== 1) return [];
  const script = realpathSync(step.command);
  await timeOnce({ ...subject, steps: [{ command: process.execPath, args: ['--cpu-prof', `--cpu-prof-dir=${dir}`, script, ...step.args] }] }, env);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => ({ thread: threadOf(f), summary: summarise(JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile) }))
    .sort((x, y) => x.thread - y.thread);
}
