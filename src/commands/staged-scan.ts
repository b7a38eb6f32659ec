import { analyzeEnvFiles } from '../env/analyze';
import { ignoredPaths, listEnvFiles, listIgnoredEnvFiles } from '../git/env-status';
import { readLocalValues } from '../git/local-env';
import { readStaged, type StagedContent } from '../git/staged';
import { createEvaluator, evaluatePaths, type Evaluator } from '../policy/evaluate';
import type { Finding, ScanResult } from '../policy/types';
import { isEnvFile, isEnvTemplate } from '../env/paths';
import type { RepoContext } from './context';

/**
 * Everything the pre-commit check judges: staged additions and the env files around them.
 * `only` (repo paths, as lint-staged passes them) narrows every judgement to those paths.
 * Content is judged file by file as it is read, so memory does not grow with the change.
 */
export async function scanStaged(ctx: RepoContext, only?: (path: string) => boolean): Promise<ScanResult> {
  const started = Date.now();
  const fullEnvListing = listEnvFiles(ctx.git);
  const localEnvFiles = listIgnoredEnvFiles(ctx.git);
  // Both are awaited below; until then a failure must not count as unhandled.
  fullEnvListing.catch(() => undefined);
  localEnvFiles.catch(() => undefined);
  // The developer's own values are needed only once there is content to judge.
  const templates = ctx.config.env.templates;
  const localValues = localEnvFiles.then((paths) => readLocalValues(ctx.top, paths.filter((p) => !isEnvTemplate(p, templates))));
  localValues.catch(() => undefined);

  let evaluator: Evaluator | null = null;
  const pending: StagedContent[] = [];
  let lines = 0;
  let bytes = 0;
  const onContent = (content: StagedContent): void => {
    if (only && !only(content.path)) return;
    lines += content.lineNumbers ? content.lineNumbers.length : countLines(content.text);
    bytes += Buffer.byteLength(content.text);
    if (evaluator) evaluator.add(content);
    else pending.push(content);
  };
  // Local values arrive long before a large change is read; a small one waits in `pending`.
  void localValues.then(
    (values) => {
      evaluator = createEvaluator(ctx.config, ctx.baseline, values);
      for (const content of pending.splice(0)) evaluator.add(content);
    },
    () => undefined,
  );
  const allStaged = await readStaged(ctx.git, ctx.top, onContent);
  const values = await localValues;
  if (!evaluator) evaluator = createEvaluator(ctx.config, ctx.baseline, values);
  const judged: Evaluator = evaluator;
  for (const content of pending.splice(0)) judged.add(content);

  const listing = await fullEnvListing;
  const staged = only ? allStaged.filter((f) => only(f.path)) : allStaged;
  const envListing = only
    ? { tracked: listing.tracked.filter(only), untrackedUnignored: listing.untrackedUnignored.filter(only) }
    : listing;
  const changed = staged.filter((f) => f.status !== 'D');
  const named = changed.filter((f) => !f.submodule && !f.symlink).map((f) => ({ path: f.path, contentId: f.blob }));
  const findings = [...evaluatePaths(named, ctx.config, ctx.baseline).findings, ...judged.findings.sort(byPlace)];

  const stagedChanged = changed.map((f) => f.path);
  const envCandidates = [...new Set([...stagedChanged.filter(isEnvFile), ...envListing.tracked])];
  const ignored = await ignoredPaths(ctx.git, envCandidates);
  const envFiles = analyzeEnvFiles({
    stagedChanged,
    stagedDeleted: staged.filter((f) => f.status === 'D').map((f) => f.path),
    tracked: envListing.tracked,
    untrackedUnignored: envListing.untrackedUnignored,
    ignored,
    ...(templates ? { templates } : {}),
  });

  return {
    findings,
    envFiles,
    stats: { files: changed.length, lines, bytes, ms: Date.now() - started },
  };
}

/** Files arrive in the order they are read; reports list them by path and position. */
function byPlace(a: Finding, b: Finding): number {
  return (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.line - b.line || a.column - b.column;
}

function countLines(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
  return n;
}
