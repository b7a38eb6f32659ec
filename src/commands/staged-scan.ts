import { analyzeEnvFiles } from '../env/analyze';
import { ignoredPaths, listEnvFiles, listIgnoredEnvFiles } from '../git/env-status';
import { readLocalValues } from '../git/local-env';
import { startStagedRead } from '../git/staged';
import { catalogue, createEvaluator, evaluatePaths, type Evaluator } from '../policy/evaluate';
import type { Finding, ScanResult } from '../policy/types';
import { isEnvFile, isEnvTemplate } from '../env/paths';
import { lineShape } from '../detect/line-shape';
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
  // The listing usually comes first: the rules then compile while the env listings run.
  // A change with no content (only deletions, submodules) never loads them. Any failure
  // here shows again, and is reported, where the content is judged.
  reading.listed
    .then((files) => files.some((f) => f.status !== 'D' && !f.submodule) && catalogue())
    .catch(() => undefined);
  const templates = ctx.config.env.templates;
  const localEnvFiles = await listIgnoredEnvFiles(ctx.git).catch(async (error: unknown) => {
    await reading.discard();
    throw error;
  });
  let evaluator: Evaluator | undefined;
  let lines = 0;
  let bytes = 0;
  const allStaged = await reading.read((content) => {
    if (only && !only(content.path)) return;
    const shape = lineShape(content.text);
    lines += shape.lines;
    bytes += Buffer.byteLength(content.text);
    // The developer's env files are read only when there is content to compare with.
    evaluator ??= createEvaluator(ctx.config, ctx.baseline, readLocalValues(ctx.top, localEnvFiles.filter((p) => !isEnvTemplate(p, templates))));
    evaluator.add({ ...content, longestLine: shape.longest });
  });

  const listing = await fullEnvListing;
  const staged = only ? allStaged.filter((f) => only(f.path)) : allStaged;
  const envListing = only
    ? { tracked: listing.tracked.filter(only), untrackedUnignored: listing.untrackedUnignored.filter(only) }
    : listing;
  const changed = staged.filter((f) => f.status !== 'D');
  const named = changed.filter((f) => !f.submodule && !f.symlink).map((f) => ({ path: f.path, contentId: f.blob }));
  const findings = [...evaluatePaths(named, ctx.config, ctx.baseline).findings, ...(evaluator?.findings.sort(byPlace) ?? [])];

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
