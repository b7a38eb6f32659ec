import { isEnvFile, isEnvTemplate } from '../env/paths';
import { GitUnavailableError } from '../git/client';
import { ignoredPaths, listIgnoredEnvFiles } from '../git/env-status';
import {
  countCommits,
  headCommit,
  mergeBase,
  mergeModeFor,
  resolveCommit,
  shallowBoundary,
  streamHistory,
  type HistoryCommit,
} from '../git/history';
import { readLocalValues } from '../git/local-env';
import { evaluate, evaluatePaths, type SourceFile } from '../policy/evaluate';
import type { EnvFileStatus, Finding, ScanResult } from '../policy/types';
import type { HistoryScope } from '../report/text';
import type { RepoContext } from './context';

export type { HistoryScope };

export interface HistoryScan extends ScanResult {
  /** Things the reader must know about what was not or could not be read. */
  readonly notes: readonly string[];
}

/** Called after each commit; `total` is 0 when it was not counted. */
export type ProgressSink = (scanned: number, total: number) => void;

/** The rev-list arguments for the scope; [] when there is nothing to read (no commit yet). */
async function revisionsFor(ctx: RepoContext, scope: HistoryScope): Promise<string[]> {
  const head = await headCommit(ctx.git);
  if (scope.mode === 'history') return scope.allRefs ? ['--all'] : head ? [head] : [];
  const base = await resolveCommit(ctx.git, scope.since, '--since');
  if (!head) throw new GitUnavailableError('--since needs a commit to compare with, and this branch has none yet');
  if (!(await mergeBase(ctx.git, base, head))) {
    throw new GitUnavailableError(
      `--since ${scope.since} shares no history with HEAD, so "added since" has no meaning here. ` +
        'In CI this usually means a shallow clone: fetch the full history (actions/checkout with fetch-depth: 0; GitLab GIT_DEPTH: 0)',
    );
  }
  return [head, `^${base}`];
}

/**
 * `scan --since REV` and `scan --history`: the hook's rules, config, allowlist and
 * baseline over the lines each commit added, read from one streamed `git log -p`.
 */
export async function scanHistory(ctx: RepoContext, scope: HistoryScope, progress?: ProgressSink): Promise<HistoryScan> {
  const started = Date.now();
  const notes: string[] = [];
  const [revs, mergeMode, boundary, localEnvFiles] = await Promise.all([
    revisionsFor(ctx, scope),
    mergeModeFor(ctx.git),
    shallowBoundary(ctx.git),
    listIgnoredEnvFiles(ctx.git),
  ]);
  const templates = ctx.config.env.templates;
  const localValues = readLocalValues(ctx.top, localEnvFiles.filter((p) => !isEnvTemplate(p, templates)));
  const total = progress && revs.length ? await countCommits(ctx.git, revs, mergeMode) : 0;

  const findings: Finding[] = [];
  const envByPath = new Map<string, { commit: string; authorDate: string }>();
  let files = 0;
  let lines = 0;
  let bytes = 0;
  let scanned = 0;
  const cutOff: string[] = [];

  const onCommit = (commit: HistoryCommit): void => {
    scanned++;
    if (boundary.has(commit.sha)) {
      cutOff.push(commit.sha);
      // Past the shallow cut git shows the whole tree as added: in a range that is
      // not what the commit changed, so it is not judged (an error follows).
      if (scope.mode === 'since') return progress?.(scanned, total);
    }
    const changed = commit.files.filter((f) => f.status !== 'D' && f.mode !== '160000');
    const sources: SourceFile[] = [];
    for (const f of changed) {
      if (f.added.length === 0) continue;
      sources.push({ path: f.path, lines: f.added, commit: commit.sha });
      lines += f.added.length;
      for (const l of f.added) bytes += Buffer.byteLength(l.text) + 1;
    }
    files += changed.length;
    const named = changed.filter((f) => f.mode !== '120000' && f.blob).map((f) => ({ path: f.path, contentId: f.blob }));
    const dated = (f: Finding): Finding => ({ ...f, commit: commit.sha, authorDate: commit.authorDate });
    findings.push(
      ...evaluatePaths(named, ctx.config, ctx.baseline).findings.map(dated),
      ...evaluate(sources, ctx.config, ctx.baseline, localValues).findings.map(dated),
    );
    for (const f of changed) {
      // Newest first: the last one seen is the oldest commit that brought it in.
      if (isEnvFile(f.path) && !isEnvTemplate(f.path, templates)) envByPath.set(f.path, { commit: commit.sha, authorDate: commit.authorDate });
    }
    progress?.(scanned, total);
  };

  const commits = revs.length ? await streamHistory(ctx.git, revs, mergeMode, onCommit) : 0;

  if (cutOff.length && scope.mode === 'since') {
    throw new GitUnavailableError(
      `this clone is shallow and its history is cut inside ${scope.since}..HEAD (at ${cutOff[0]!.slice(0, 12)}), ` +
        'so what those commits added cannot be told apart from what was already there; ' +
        'fetch the full history (actions/checkout with fetch-depth: 0; GitLab GIT_DEPTH: 0)',
    );
  }
  if (cutOff.length) {
    notes.push(
      `this clone is shallow: commits before ${cutOff.map((s) => s.slice(0, 12)).join(', ')} were not read, ` +
        'and the cut commit was read as a whole; run `git fetch --unshallow` for a complete scan',
    );
  }
  if (mergeMode === 'skip') notes.push('git older than 2.36: merge commits were skipped (content added only while resolving a conflict is not seen)');

  const ignored = await ignoredPaths(ctx.git, [...envByPath.keys()]);
  const envFiles: EnvFileStatus[] = [...envByPath].map(([path, at]) => ({
    path,
    state: 'committed',
    ignored: ignored.has(path),
    blocks: true,
    commit: at.commit,
    authorDate: at.authorDate,
  }));
  return { findings, envFiles, stats: { files, lines, bytes, ms: Date.now() - started, commits }, notes };
}
