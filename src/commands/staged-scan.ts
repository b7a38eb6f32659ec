import { analyzeEnvFiles } from '../env/analyze';
import { ignoredPaths, listEnvFiles, listIgnoredEnvFiles } from '../git/env-status';
import { readLocalValues } from '../git/local-env';
import { startStagedRead } from '../git/staged';
import { byPlace, catalogue, createEvaluator, evaluatePaths, type Evaluator } from '../policy/evaluate';
import type { ScanResult } from '../policy/types';
import { isEnvFile, isEnvTemplate } from '../env/paths';
import type { LocalValue } from '../detect/local-values';
import { judgeContent, type ContentTally } from './judge-content';
import { parallelScan } from './parallel-read';
import type { RepoContext } from './context';

/**
 * Everything the pre-commit check judges: staged additions and the env files around them.
 * `only` (repo paths, as lint-staged passes them) narrows every judgement to those paths.
 * Content is judged file by file as it is read, so memory does not grow with the change.
 */
export async function scanStaged(ctx: RepoContext, only?: (path: string) => boolean): Promise<ScanResult> {
  const started = Date.now();
  // Every git process starts now; content is judged once the developer's own values are known.
  const reading = startStagedRead(ctx.git, ctx.top);
  const fullEnvListing = listEnvFiles(ctx.git);
  fullEnvListing.catch(() => undefined); // awaited below
  // lint-staged's paths narrow the scan with a function a worker thread cannot be handed.
  const parallel = only ? null : parallelScan(ctx.top, ctx.config, ctx.baseline);
  // The changes are usually listed before the env files (a walk of the work tree): worker
  // threads for a large change start then, and the rules compile, while that walk runs.
  // A change with no content (only deletions, submodules) never loads them. Any failure
  // here shows again, and is reported, where the content is judged.
  Promise.all([reading.listed, reading.workTreeFiles])
    .then(([files, newFiles]) => {
      parallel?.prepare(newFiles);
      if (files.some((f) => f.status !== 'D' && !f.submodule)) catalogue();
    })
    .catch(() => undefined);
  const templates = ctx.config.env.templates;
  const localEnvFiles = await listIgnoredEnvFiles(ctx.git).catch(async (error: unknown) => {
    parallel?.abandon();
    await reading.discard();
    throw error;
  });
  // The developer's env files are read only when there is content to compare with.
  let localValues: readonly LocalValue[] | undefined;
  const ownValues = (): readonly LocalValue[] =>
    (localValues ??= readLocalValues(ctx.top, localEnvFiles.filter((p) => !isEnvTemplate(p, templates))));
  let evaluator: Evaluator | undefined;
  const tally: ContentTally = { lines: 0, bytes: 0 };
  const allStaged = await reading.read(
    (content) => {
      if (only && !only(content.path)) return;
      evaluator ??= createEvaluator(ctx.config, ctx.baseline, ownValues());
      judgeContent(evaluator, content, tally);
    },
    parallel ? (files) => parallel.helperFor(files, ownValues) : undefined,
  );
  const helped = parallel?.result() ?? { findings: [], baselineHits: [], lines: 0, bytes: 0 };

  const listing = await fullEnvListing;
  const staged = only ? allStaged.filter((f) => only(f.path)) : allStaged;
  const envListing = only
    ? { tracked: listing.tracked.filter(only), untrackedUnignored: listing.untrackedUnignored.filter(only) }
    : listing;
  const changed = staged.filter((f) => f.status !== 'D');
  const named = changed.filter((f) => !f.submodule && !f.symlink).map((f) => ({ path: f.path, contentId: f.blob }));
  const contentFindings = [...(evaluator?.findings ?? []), ...helped.findings].sort(byPlace);
  const findings = [...evaluatePaths(named, ctx.config, ctx.baseline).findings, ...contentFindings];

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
    stats: { files: changed.length, lines: tally.lines + helped.lines, bytes: tally.bytes + helped.bytes, ms: Date.now() - started },
  };
}
