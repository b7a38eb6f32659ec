import { writeFileSync } from 'node:fs';
import { isBlocked, type ScanResult } from '../policy/types';
import { renderJson } from '../report/json';
import type { Style } from '../report/style';
import { renderText } from '../report/text';
import type { RepoContext } from './context';
import { scanStaged } from './staged-scan';
import { scanTree } from './tree-scan';

export type ScanFormat = 'text' | 'json' | 'sarif' | 'github';

export interface ScanRequest {
  readonly mode: 'staged' | 'all' | 'paths' | 'since' | 'history';
  readonly paths: readonly string[];
  /** The base revision for `--since`. */
  readonly since?: string | null;
  /** `--history --all-refs`: every ref, not only HEAD. */
  readonly allRefs?: boolean;
  readonly format: ScanFormat;
  readonly output: string | null;
  /** false: report only, never fail (init's first look at the tree). */
  readonly blocking: boolean;
}

export function render(result: ScanResult, format: ScanFormat, style: Style, blocking: boolean, what: string): string {
  return format === 'json' ? renderJson(result) : renderText(result, { style, blocking, what });
}

/** `keyfence scan`: the same engine over staged changes, the tracked tree or given paths. */
export async function runScan(
  ctx: RepoContext,
  request: ScanRequest,
  io: { out: (s: string) => void; style: Style },
): Promise<number> {
  const result = request.mode === 'staged' ? await scanStaged(ctx) : await scanTree(ctx, request.paths);
  const what = request.mode === 'staged' ? 'staged' : 'tracked';
  const text = render(result, request.format, io.style, request.blocking, what);
  if (request.output) writeFileSync(request.output, text);
  else io.out(text);
  if (request.mode !== 'staged' && result.staleBaseline?.length && request.format === 'text') {
    io.out(`keyfence: ${result.staleBaseline.length} baseline entries no longer match anything; refresh with \`npx keyfence baseline\`\n`);
  }
  return request.blocking && isBlocked(result) ? 1 : 0;
}
