import { analyzeEnvFiles } from '../env/analyze';
import { ignoredPaths, listEnvFiles, listIgnoredEnvFiles } from '../git/env-status';
import { readLocalValues } from '../git/local-env';
import { readStagedFiles } from '../git/staged';
import { evaluate, evaluatePaths } from '../policy/evaluate';
import type { ScanResult } from '../policy/types';
import { isEnvFile, isEnvTemplate } from '../env/paths';
import type { RepoContext } from './context';

/**
 * Everything the pre-commit check judges: staged additions and the env files around them.
 * `only` (repo paths, as lint-staged passes them) narrows every judgement to those paths.
 */
export async function scanStaged(ctx: RepoContext, only?: (path: string) => boolean): Promise<ScanResult> {
  const started = Date.now();
  const [allStaged, fullEnvListing, localEnvFiles] = await Promise.all([
    readStagedFiles(ctx.git),
    listEnvFiles(ctx.git),
    listIgnoredEnvFiles(ctx.git),
  ]);
  const staged = only ? allStaged.filter((f) => only(f.path)) : allStaged;
  const envListing = only
    ? { tracked: fullEnvListing.tracked.filter(only), untrackedUnignored: fullEnvListing.untrackedUnignored.filter(only) }
    : fullEnvListing;
  const changed = staged.filter((f) => f.status !== 'D');
  const sources = changed
    .filter((f) => !f.binary && !f.submodule)
    .map((f) => ({ path: f.path, lines: f.added }));
  const templates = ctx.config.env.templates;
  const localValues = sources.length ? readLocalValues(ctx.top, localEnvFiles.filter((p) => !isEnvTemplate(p, templates))) : [];
  const named = changed.filter((f) => !f.submodule && !f.symlink).map((f) => ({ path: f.path, contentId: f.blob }));
  const findings = [
    ...evaluatePaths(named, ctx.config, ctx.baseline).findings,
    ...evaluate(sources, ctx.config, ctx.baseline, localValues).findings,
  ];

  const stagedChanged = changed.map((f) => f.path);
  const envCandidates = [...new Set([...stagedChanged.filter(isEnvFile), ...envListing.tracked])];
  const ignored = await ignoredPaths(ctx.git, envCandidates);
  const envFiles = analyzeEnvFiles({
    stagedChanged,
    stagedDeleted: staged.filter((f) => f.status === 'D').map((f) => f.path),
    tracked: envListing.tracked,
    untrackedUnignored: envListing.untrackedUnignored,
    ignored,
    ...(ctx.config.env.templates ? { templates: ctx.config.env.templates } : {}),
  });

  let lines = 0;
  let bytes = 0;
  for (const source of sources) {
    lines += source.lines.length;
    for (const l of source.lines) bytes += Buffer.byteLength(l.text) + 1;
  }
  return {
    findings,
    envFiles,
    stats: { files: changed.length, lines, bytes, ms: Date.now() - started },
  };
}
