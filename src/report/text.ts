import type { EnvFileStatus, Finding, ScanResult } from '../policy/types';
import { isBlocked } from '../policy/types';
import { redact } from './redact';
import type { Style } from './style';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function location(f: Finding): string {
  return `${f.commit ? `${f.commit.slice(0, 12)}:` : ''}${f.path}:${f.line}:${f.column}`;
}

function findingLines(f: Finding, s: Style): string[] {
  const label = f.blocks ? s.red('secret') : s.yellow('possible secret (low confidence)');
  return [
    `  ${s.bold(location(f))}  ${label}: ${f.rule.provider} — ${f.rule.id}`,
    `    ${redact(f.rule, f.secret)}`,
    `    rotate: ${f.rule.rotateUrl}`,
  ];
}

function envLine(e: EnvFileStatus, s: Style): string {
  const why =
    e.state === 'staged'
      ? e.ignored
        ? 'env file staged (force-added past .gitignore)'
        : 'env file staged and not ignored by git'
      : e.state === 'tracked'
        ? 'env file tracked by git'
        : 'env file not ignored by git (not staged)';
  return `  ${s.bold(e.path)}  ${e.blocks ? s.red(why) : s.yellow(why)}`;
}

/** The one line a clean run prints: what was scanned, so an empty scan never looks like a clean one. */
export function summaryLine(result: ScanResult, what = 'staged'): string {
  const { files, lines } = result.stats;
  if (files === 0) return `keyfence: nothing ${what} to scan`;
  const unit = what === 'staged' ? 'added line' : 'line';
  return `keyfence: ${plural(files, 'file')}, ${plural(lines, unit)}, no secrets`;
}

export interface TextReportOptions {
  readonly style: Style;
  /** Whether findings make this run fail (false for init's report-only scan). */
  readonly blocking: boolean;
  readonly what?: string;
}

/** The human report: what, where, which provider, how to rotate, what to do next. */
export function renderText(result: ScanResult, options: TextReportOptions): string {
  const s = options.style;
  const blocked = options.blocking && isBlocked(result);
  const out: string[] = [];
  const reported = result.findings;
  const envIssues = result.envFiles;
  if (reported.length === 0 && envIssues.length === 0) return summaryLine(result, options.what) + '\n';

  const head = blocked
    ? s.red(s.bold('keyfence: commit blocked'))
    : s.yellow(s.bold(options.blocking ? 'keyfence: warning' : 'keyfence: report'));
  const parts: string[] = [];
  if (reported.length) parts.push(plural(reported.length, 'secret'));
  if (envIssues.length) parts.push(plural(envIssues.length, 'env file'));
  out.push(`${head} — ${parts.join(' and ')} in ${plural(result.stats.files, 'scanned file')}`, '');
  for (const f of reported) out.push(...findingLines(f, s), '');
  for (const e of envIssues) out.push(envLine(e, s));
  if (envIssues.length) out.push('');

  out.push('What to do:');
  if (reported.length) {
    out.push(
      '  - Move the key out of the code: read it from an environment variable (process.env.NAME)',
      '    set in an ignored .env file or your secret manager.',
      '  - If the key has left your machine (pushed, shared, pasted), rotate it at the link above.',
      '  - A false positive? Put "keyfence:allow" in a comment on that line, or allow it in',
      '    .keyfencerc.json (allow.paths, allow.patterns, rules.disable) or `npx keyfence baseline`.',
    );
  }
  if (envIssues.length) {
    out.push('  - Env files: `npx keyfence --fix` adds them to .gitignore and unstages them (files stay on disk).');
  }
  if (blocked) out.push('  - Last resort, for this one commit only: git commit --no-verify');
  return out.join('\n') + '\n';
}
