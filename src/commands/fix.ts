import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathsNeedingIgnore, pathsToUnstage } from '../env/analyze';
import { gitignoreAppendix, ignoreEntryFor } from '../env/gitignore';
import { ignoredPaths, unstage } from '../git/env-status';
import type { EnvFileStatus } from '../policy/types';
import type { RepoContext } from './context';
import { scanStaged } from './staged-scan';

export interface FixOutcome {
  readonly added: readonly string[];
  readonly unstaged: readonly string[];
  /** Paths that were to leave the index and are not found there. */
  readonly notUnstaged: readonly string[];
  /** Env files git still does not ignore after the fix (a nested negation, say). */
  readonly stillUnignored: readonly string[];
}

/**
 * Appends the minimal entries to the root .gitignore (existing bytes kept
 * exactly; created if missing), takes env files out of the index (they stay on
 * disk) and asks git whether they are now ignored.
 */
export async function applyEnvFix(ctx: RepoContext, envFiles: readonly EnvFileStatus[]): Promise<FixOutcome> {
  const entries = pathsNeedingIgnore(envFiles).map(ignoreEntryFor);
  const gitignorePath = join(ctx.top, '.gitignore');
  const existing = existsSync(gitignorePath) ? readFileSync(gitignorePath, 'utf8') : '';
  const appendix = gitignoreAppendix(existing, entries);
  if (appendix) appendFileSync(gitignorePath, appendix);
  const toUnstage = pathsToUnstage(envFiles);
  const notUnstaged = await unstage(ctx.git, toUnstage);
  const all = envFiles.map((f) => f.path);
  const ignored = await ignoredPaths(ctx.git, all);
  return {
    added: appendix ? [...new Set(entries)].filter((e) => !existing.split(/\r?\n/).includes(e)) : [],
    unstaged: toUnstage.filter((p) => !notUnstaged.includes(p)),
    notUnstaged,
    stillUnignored: all.filter((p) => !ignored.has(p)),
  };
}

export function describeFix(outcome: FixOutcome): string {
  const lines: string[] = [];
  if (outcome.added.length) lines.push(`keyfence: added to .gitignore: ${outcome.added.join(', ')}`);
  if (outcome.unstaged.length) {
    lines.push(`keyfence: removed from the index (still on disk): ${outcome.unstaged.join(', ')}`);
    lines.push('keyfence: commit .gitignore so the rule holds for everyone.');
  }
  for (const path of outcome.notUnstaged) {
    lines.push(`keyfence: ${path} was not found in the index to remove; check \`git status\` and run \`git rm --cached\` on it`);
  }
  for (const path of outcome.stillUnignored) {
    lines.push(`keyfence: ${path} is still not ignored (a later "!" rule or a nested .gitignore re-includes it); edit that rule`);
  }
  if (lines.length === 0) lines.push('keyfence: nothing to fix: env files are ignored and not tracked');
  return lines.join('\n') + '\n';
}

/** `keyfence --fix`: no questions asked. Exit 0 when every env file ends up ignored and out of the index. */
export async function runFix(ctx: RepoContext, write: (s: string) => void): Promise<number> {
  const { envFiles } = await scanStaged(ctx);
  const outcome = await applyEnvFix(ctx, envFiles);
  write(describeFix(outcome));
  return outcome.stillUnignored.length || outcome.notUnstaged.length ? 1 : 0;
}
