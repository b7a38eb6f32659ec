import type { ScanResult } from '../policy/types';
import { isBlocked } from '../policy/types';
import { renderText } from '../report/text';
import type { Style } from '../report/style';
import type { RepoContext } from './context';
import { applyEnvFix, describeFix } from './fix';
import { askYesNo } from './prompt';
import { makePathFilter, toRepoPaths } from './repo-paths';
import { scanStaged } from './staged-scan';

export interface CheckIO {
  readonly out: (s: string) => void;
  readonly style: Style;
  readonly quiet: boolean;
}

function question(paths: readonly string[]): string {
  const names = paths.join(', ');
  return paths.length === 1
    ? `Add ${names} to .gitignore and unstage it (the file stays on disk)? [Y/n] `
    : `Add ${names} to .gitignore and unstage them (the files stay on disk)? [Y/n] `;
}

/**
 * The pre-commit mode: judge the staged changes; offer the .env fix on a terminal.
 * With paths (lint-staged passes the staged files it matched), judge only those
 * paths and never prompt: such runners capture output, so a question would hang unseen.
 */
export async function runCheck(ctx: RepoContext, io: CheckIO, paths: readonly string[] = [], cwd: string = ctx.top): Promise<number> {
  const only = paths.length ? makePathFilter(toRepoPaths(ctx.top, cwd, paths)) : undefined;
  let result: ScanResult = await scanStaged(ctx, only);
  if (result.envFiles.length > 0 && !only) {
    const answer = askYesNo(question(result.envFiles.map((e) => e.path)));
    if (answer === true) {
      const outcome = await applyEnvFix(ctx, result.envFiles);
      io.out(describeFix(outcome));
      const removed = new Set(outcome.unstaged);
      // What is still not ignored, or could not be taken out of the index, still blocks.
      const still = new Set([...outcome.stillUnignored, ...outcome.notUnstaged]);
      result = {
        ...result,
        findings: result.findings.filter((f) => !removed.has(f.path)),
        envFiles: result.envFiles.filter((e) => still.has(e.path)),
      };
    }
  }
  const blocked = isBlocked(result);
  const clean = result.findings.length === 0 && result.envFiles.length === 0;
  if (!(io.quiet && clean)) io.out(renderText(result, { style: io.style, blocking: true }));
  return blocked ? 1 : 0;
}
