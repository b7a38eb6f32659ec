import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pathRuleFor } from '../detect/path-rules';
import { contentHash, listTrackedFiles, readClaimedTreeFiles } from '../git/tree';
import { onDisk } from '../git/work-tree-path';
import { byPlace, createEvaluator, evaluatePaths } from '../policy/evaluate';
import type { ScanResult } from '../policy/types';
import type { RepoContext } from './context';
import { judgeContent, type ContentTally } from './judge-content';
import { parallelScan } from './parallel-read';

/**
 * Scans whole files of the work tree: every tracked file (`--all`), or the
 * given paths (folders expand to their tracked files). Reports stale baseline
 * entries. Files are judged one at a time as they are read, so memory does not
 * grow with the tree; a large tree is shared with worker threads, as a large
 * staged change is.
 */
export async function scanTree(ctx: RepoContext, paths: readonly string[]): Promise<ScanResult> {
  const started = Date.now();
  const explicitFiles = paths.filter((p) => {
    try {
      return statSync(join(ctx.top, p)).isFile();
    } catch {
      return false;
    }
  });
  const folders = paths.filter((p) => !explicitFiles.includes(p));
  const listed = paths.length === 0 || folders.length > 0 ? await listTrackedFiles(ctx.git, folders) : [];
  const files = [...new Set([...explicitFiles, ...listed])].sort();

  const parallel = parallelScan(ctx.top, ctx.config, ctx.baseline, { mode: 'tree' });
  const helper = parallel.helperFor(
    files.map((path) => ({ path, blob: '' })),
    () => [],
  );
  const evaluator = createEvaluator(ctx.config, ctx.baseline);
  const tally: ContentTally = { lines: 0, bytes: 0 };
  let next = 0;
  try {
    readClaimedTreeFiles(ctx.top, files, helper ? () => helper.claim() : () => next++, (content) => judgeContent(evaluator, content, tally));
  } catch (error) {
    helper?.cancel();
    throw error;
  }
  await helper?.finish();
  const helped = parallel.result();

  const named = files.filter((p) => pathRuleFor(p)).map((path) => ({ path, contentId: contentHash(onDisk(ctx.top, path)) }));
  const byName = evaluatePaths(named, ctx.config, ctx.baseline);
  // Threads finish files in any order; reports list them by path and position, as one thread did.
  const byContent = [...evaluator.findings, ...helped.findings].sort(byPlace);
  const findings = [...byName.findings, ...byContent];
  const baselineHits = new Set([...byName.baselineHits, ...evaluator.baselineHits, ...helped.baselineHits]);
  const staleBaseline = [...ctx.baseline].filter((f) => !baselineHits.has(f)).sort();
  return {
    findings,
    envFiles: [],
    stats: { files: files.length, lines: tally.lines + helped.lines, bytes: tally.bytes + helped.bytes, ms: Date.now() - started },
    staleBaseline,
  };
}
