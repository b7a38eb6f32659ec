import { writeFileSync } from 'node:fs';
import { PathError } from './repo-paths';
import { isBlocked, type ScanResult } from '../policy/types';
import { renderGithub } from '../report/github';
import { renderJson } from '../report/json';
import { renderSarif } from '../report/sarif';
import { makeStyle, type Style } from '../report/style';
import { historySummaryLine, renderHistoryText, renderText, summaryLine, type HistoryScope } from '../report/text';
import type { RepoContext } from './context';
import { scanHistory, type ProgressSink } from './history-scan';
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

function toolVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../package.json') as { version: string }).version;
}

/** What was scanned: a tree or staged change (`what`), or a range of commits (`scope`). */
type Subject = { readonly what: string } | { readonly scope: HistoryScope };

function cleanSummary(result: ScanResult, subject: Subject): string {
  return 'scope' in subject ? historySummaryLine(result, subject.scope) : summaryLine(result, subject.what);
}

function renderAs(result: ScanResult, format: ScanFormat, style: Style, blocking: boolean, subject: Subject): string {
  switch (format) {
    case 'json':
      return renderJson(result);
    case 'sarif':
      return renderSarif(result, { toolVersion: toolVersion() });
    case 'github':
      return renderGithub(result, cleanSummary(result, subject));
    case 'text':
      return 'scope' in subject
        ? renderHistoryText(result, { style, blocking, scope: subject.scope })
        : renderText(result, { style, blocking, what: subject.what });
  }
}

export function render(result: ScanResult, format: ScanFormat, style: Style, blocking: boolean, what: string): string {
  return renderAs(result, format, style, blocking, { what });
}

/** One line for the log when the report went to a file: what was scanned and what was found. */
function fileSummary(result: ScanResult, subject: Subject, file: string): string {
  const { findings, envFiles } = result;
  if (findings.length === 0 && envFiles.length === 0) return `${cleanSummary(result, subject)} (report: ${file})`;
  const parts = [];
  if (findings.length) parts.push(`${findings.length} secret${findings.length === 1 ? '' : 's'}`);
  if (envFiles.length) parts.push(`${envFiles.length} env file${envFiles.length === 1 ? '' : 's'}`);
  return `keyfence: ${parts.join(' and ')}${isBlocked(result) ? ' (blocking)' : ''}; report: ${file}`;
}

/** Where progress goes: stderr, or a stand-in in tests. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Commits scanned, on stderr, only when it is a terminal and the run is long
 * enough to wonder about (redrawn at most ten times a second, wiped at the end).
 */
export function terminalProgress(
  stream: ProgressStream = process.stderr,
  clock: () => number = Date.now,
): { tick: ProgressSink; done: () => void } | null {
  if (!stream.isTTY) return null;
  const started = clock();
  let last = 0;
  let shown = false;
  return {
    tick(scanned, total) {
      const now = clock();
      if (now - started < 500 || now - last < 100) return;
      last = now;
      shown = true;
      stream.write(`\r\u001b[2Kkeyfence: scanning history: ${scanned}${total ? `/${total}` : ''} commits`);
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
    },
  };
}

/** `keyfence scan`: the same engine over staged changes, the tracked tree, given paths, or commits. */
export async function runScan(
  ctx: RepoContext,
  request: ScanRequest,
  io: { out: (s: string) => void; style: Style; err?: (s: string) => void },
): Promise<number> {
  const err = io.err ?? ((s: string) => void process.stderr.write(s));
  let result: ScanResult;
  let subject: Subject;
  if (request.mode === 'since' || request.mode === 'history') {
    const scope: HistoryScope =
      request.mode === 'since' ? { mode: 'since', since: request.since ?? '' } : { mode: 'history', allRefs: request.allRefs === true };
    const progress = terminalProgress();
    try {
      const scan = await scanHistory(ctx, scope, progress?.tick);
      for (const note of scan.notes) err(`keyfence: note: ${note}\n`);
      result = scan;
    } finally {
      progress?.done();
    }
    subject = { scope };
  } else {
    result = request.mode === 'staged' ? await scanStaged(ctx) : await scanTree(ctx, request.paths);
    subject = { what: request.mode === 'staged' ? 'staged' : 'tracked' };
  }
  // A report written to a file carries no terminal colours.
  const style = request.output ? makeStyle(false) : io.style;
  const text = renderAs(result, request.format, style, request.blocking, subject);
  if (request.output) {
    try {
      writeFileSync(request.output, text);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new PathError(`cannot write --output ${request.output} (${reason}); create its folder or choose another path`);
    }
    err(fileSummary(result, subject, request.output) + '\n');
  } else {
    io.out(text);
  }
  if (request.mode !== 'staged' && result.staleBaseline?.length && request.format === 'text') {
    io.out(`keyfence: ${result.staleBaseline.length} baseline entries no longer match anything; refresh with \`npx keyfence baseline\`\n`);
  }
  return request.blocking && isBlocked(result) ? 1 : 0;
}
