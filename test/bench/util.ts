/**
 * Shared helpers of the benchmark (`npm run bench`): where things live, a clean
 * environment for every measured process, and a checked way to run set-up commands.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (this file compiles to <root>/node_modules/.cache/keyfence-bench/build/test/bench/). */
export const REPO_ROOT: string = (() => {
  const here = __dirname.split(/[\\/]/);
  const at = here.lastIndexOf('node_modules');
  return at > 0 ? here.slice(0, at).join('/') || '/' : resolve(__dirname, '..', '..');
})();

/** npm installs (corpus, secretlint, keyfence template) persist here between runs (gitignored with node_modules/). */
export const CACHE_DIR = process.env.KEYFENCE_BENCH_CACHE ?? join(REPO_ROOT, 'node_modules', '.cache', 'keyfence-bench');

/** A failure of the benchmark itself: it exits non-zero with this message. */
export class BenchError extends Error {
  override name = 'BenchError';
}

const started = Date.now();

/** Progress goes to stderr so stdout carries only the final table. */
export function log(message: string): void {
  const s = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[bench ${s}s] ${message}\n`);
}

/**
 * The environment of every measured process: no user or system git config (so
 * nobody's aliases, pagers or diff drivers change the numbers), no inherited git,
 * husky or keyfence variables, and no CI flag (the developer's path is measured).
 * Nor NODE_EXTRA_CA_CERTS: a proxy setting of some machines (this bench's among
 * them) that makes every node start load a certificate file, about 70 ms here,
 * which would inflate the floor and flatter every ratio to it.
 */
export function benchEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(GIT_|KEYFENCE_|npm_)/i.test(k) || /^(HUSKY|NO_COLOR|FORCE_COLOR|CI|NODE_OPTIONS|NODE_EXTRA_CA_CERTS)$/.test(k)) continue;
    env[k] = v;
  }
  mkdirSync(join(home, '.config'), { recursive: true });
  Object.assign(env, { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), GIT_CONFIG_NOSYSTEM: '1' });
  return env;
}

/** Runs a set-up command; a failure names the step and shows the start of its stderr. */
export function mustRun(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; what: string; ok?: readonly number[] },
): string {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw new BenchError(`${options.what} could not start: ${result.error.message}`);
  const ok = options.ok ?? [0];
  if (result.status === null || !ok.includes(result.status)) {
    const detail = (result.stderr || result.stdout || '').slice(0, 2000).trim();
    throw new BenchError(`${options.what} failed (exit ${result.status ?? result.signal}): ${detail}`);
  }
  return result.stdout;
}

/** mulberry32: the 5 MB subset is the same on every run with the same corpus. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const MB = 1_000_000;

export function formatMB(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}
