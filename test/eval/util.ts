/**
 * Shared helpers of the detection evaluation (`npm run eval`): a seeded random
 * source, process helpers and the one way a synthetic key may be shown.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

/** The repository root (this file compiles to <root>/node_modules/.cache/keyfence-eval/build/test/eval/). */
export const REPO_ROOT: string = (() => {
  const here = __dirname.split(/[\\/]/);
  const at = here.lastIndexOf('node_modules');
  return at > 0 ? here.slice(0, at).join('/') || '/' : resolve(__dirname, '..', '..');
})();

/** npm installs and build output of the eval live here (gitignored with node_modules/). */
export const CACHE_DIR = process.env.KEYFENCE_EVAL_CACHE ?? join(REPO_ROOT, 'node_modules', '.cache', 'keyfence-eval');

/** A failure of the harness itself (not a detection miss): the eval exits non-zero. */
export class HarnessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HarnessError';
  }
}

/**
 * sfc32, seeded from a string: the corpus is the same on every run with the same
 * seed, so recall numbers are reproducible (PEM bodies from node:crypto excepted).
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    let h = 1779033703 ^ seed.length;
    const mix = (): number => {
      h = Math.imul(h ^ (h >>> 16), 2246822507);
      h = Math.imul(h ^ (h >>> 13), 3266489909);
      return (h ^= h >>> 16) >>> 0;
    };
    for (let i = 0; i < seed.length; i++) {
      h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
      h = (h << 13) | (h >>> 19);
    }
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 16; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new HarnessError('pick from an empty list');
    return items[this.int(items.length)]!;
  }

  /** `n` characters drawn from the expanded alphabet. */
  string(alphabet: string, n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  bytes(n: number): Buffer {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }

  /** A derived generator, so that one part of the corpus does not shift another. */
  fork(label: string): Rng {
    return new Rng(`${label}:${this.int(2 ** 32)}`);
  }
}

/**
 * The only form in which a synthetic key (or a negative-corpus match) is shown:
 * its first characters and its length. Never the whole value.
 */
export function preview(value: string, shown = 12): string {
  const flat = value.replace(/\r?\n/g, '⏎');
  const head = flat.slice(0, Math.min(shown, Math.floor(flat.length / 2)));
  return `${head}…(${value.length} chars)`;
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment for child processes: no GIT_* variables from a surrounding hook. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^GIT_/i.test(k)) env[k] = v;
  return { ...env, NO_COLOR: '1', ...extra };
}

/** Runs a command to completion, collecting output (stdout capped to keep memory bounded). */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string; maxStdout?: number } = { cwd: process.cwd() },
): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, [...args], { cwd: options.cwd, env: options.env ?? childEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    const cap = options.maxStdout ?? 64 * 1024 * 1024;
    child.stdout.on('data', (b: Buffer) => {
      if (outBytes < cap) out.push(b);
      outBytes += b.length;
    });
    child.stderr.on('data', (b: Buffer) => {
      if (err.length < 2000) err.push(b);
    });
    child.on('error', (e) => reject(new HarnessError(`cannot run ${command}: ${e.message}`)));
    child.on('close', (code) =>
      resolvePromise({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}

/** Runs and throws a HarnessError unless the exit code is in `ok`. */
export async function mustRun(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; ok?: readonly number[]; what?: string },
): Promise<RunResult> {
  const result = await run(command, args, options);
  if (!(options.ok ?? [0]).includes(result.code)) {
    throw new HarnessError(
      `${options.what ?? `${command} ${args.slice(0, 3).join(' ')}`} failed (exit ${result.code}): ${result.stderr.slice(-1500)}`,
    );
  }
  return result;
}

/** Runs `tasks` with at most `limit` in flight; results in input order. */
export async function pool<T>(limit: number, tasks: ReadonlyArray<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

export function pct(n: number, d: number): string {
  return d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`;
}

export function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** A plain-text table with aligned columns. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The same table in Markdown. */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}
