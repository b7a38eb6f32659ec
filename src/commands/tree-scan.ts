import { statSync } from 'node:fs';
import { join } from 'node:path';
import { lineShape } from '../detect/line-shape';
import { listTrackedFiles, readTreeFile } from '../git/tree';
import { pathRuleFor } from '../detect/path-rules';
import { evaluate, evaluatePaths, type TextFile } from '../policy/evaluate';
import { contentHash } from '../git/tree';
import type { ScanResult } from '../policy/types';
import type { RepoContext } from './context';

/**
 * Scans whole files of the work tree: every tracked file (`--all`), or the
 * given paths (folders expand to their tracked files). Reports stale baseline entries.
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
  const sources: TextFile[] = [];
  let bytes = 0;
  let lines = 0;
  for (const path of files) {
    const file = readTreeFile(ctx.top, path);
    if (file.kind !== 'text') continue;
    bytes += file.bytes;
    lines += lineShape(file.text).lines;
    sources.push({ path, text: file.text, lineNumbers: null });
  }
  const named = files.filter((p) => pathRuleFor(p)).map((path) => ({ path, contentId: contentHash(join(ctx.top, path)) }));
  const byName = evaluatePaths(named, ctx.config, ctx.baseline);
  const byContent = evaluate(sources, ctx.config, ctx.baseline);
  const findings = [...byName.findings, ...byContent.findings];
  const baselineHits = new Set([...byName.baselineHits, ...byContent.baselineHits]);
  const staleBaseline = [...ctx.baseline].filter((f) => !baselineHits.has(f)).sort();
  return {
    findings,
    envFiles: [],
    stats: { files: files.length, lines, bytes, ms: Date.now() - started },
    staleBaseline,
  };
}
