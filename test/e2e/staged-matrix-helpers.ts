/**
 * Verdicts for the staged-semantics matrix. A commit goes through git and
 * husky, so keyfence's own exit code is read from husky's report
 * ("husky - pre-commit script failed (code N)"): a block must be code 1, never
 * an internal error (code 2) that happens to block too.
 */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult, TempRepo } from './repo';

/** keyfence's exit code inside the hook: 0 when git committed, else husky's reported code. */
export function hookCode(result: RunResult): number | null {
  if (result.status === 0) return 0;
  const m = /husky - pre-commit script failed \(code (\d+)\)/.exec(result.output);
  return m ? Number(m[1]) : null;
}

/** Signs that keyfence failed instead of judging. */
export function crashed(result: RunResult): boolean {
  return /keyfence: error|internal error|\(code 2\)|\n\s+at .*\.js:\d+/.test(result.output);
}

/** Fails with the captured output (already checked free of planted secrets by the guard in repo.ts). */
function verdict(result: RunResult, ok: boolean, expected: string): void {
  if (!ok) throw new Error(`expected ${expected}; git/keyfence exited ${result.status}, output:\n${result.output.slice(-3000)}`);
}

/** The commit went through and keyfence said what it scanned. */
export function expectCommitted(result: RunResult, summary: RegExp = /keyfence: \d+ files?, \d+ added lines?, no secrets/): void {
  verdict(result, result.status === 0 && !crashed(result) && summary.test(result.output), `a commit with ${summary}`);
}

/** The commit was blocked by a verdict (exit 1, not an error), naming every `where`. */
export function expectBlocked(result: RunResult, ...where: string[]): void {
  const named = where.every((w) => result.output.includes(w));
  const ok = result.status !== 0 && hookCode(result) === 1 && !crashed(result) && result.output.includes('keyfence: commit blocked') && named;
  verdict(result, ok, `a block (keyfence exit 1) naming ${where.join(', ') || 'the cause'}`);
}

/** A direct keyfence run that reached a verdict (0 or 1), never an error. */
export function expectVerdict(result: RunResult, code: 0 | 1): void {
  verdict(result, result.status === code && !crashed(result), `keyfence to exit ${code}`);
}

export function head(repo: TempRepo, cwd?: string): string {
  return repo.git(['rev-parse', 'HEAD'], cwd ? { cwd } : {}).stdout.trim();
}

/** A second checkout sharing the template's node_modules, with husky's hooks installed (what `npm install` does). */
export function installLikeNpm(repo: TempRepo, dir: string): void {
  symlinkSync(join(repo.dir, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const husky = repo.run(join(dir, 'node_modules', '.bin', 'husky'), [], { cwd: dir });
  if (husky.status !== 0) throw new Error(`husky install failed: ${husky.output}`);
}

/** One commit of everything in the work tree, hooks skipped (a base state, not a test step). */
export function baseCommit(repo: TempRepo, message = 'base', cwd?: string): void {
  repo.git(['add', '-A'], cwd ? { cwd } : {});
  const r = repo.git(['commit', '-q', '--no-verify', '-m', message], cwd ? { cwd } : {});
  if (r.status !== 0) throw new Error(`base commit failed: ${r.output}`);
}
