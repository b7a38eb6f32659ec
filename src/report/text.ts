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

/** Why an env file is reported, in a few words (also the SARIF and GitHub annotation text). */
export function envReason(e: EnvFileStatus): string {
  return e.state === 'staged'
    ? e.ignored
      ? 'env file staged (force-added past .gitignore)'
      : 'env file staged and not ignored by git'
    : e.state === 'tracked'
      ? 'env file tracked by git'
      : e.state === 'committed'
        ? 'env file committed to git'
        : 'env file not ignored by git (not staged)';
}

function envLine(e: EnvFileStatus, s: Style): string {
  const why = envReason(e);
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

  // Only a staged change is a commit to block; a scan of tracked files (CI, `scan --all`) fails its run.
  const staged = (options.what ?? 'staged') === 'staged';
  const head = blocked
    ? s.red(s.bold(staged ? 'keyfence: commit blocked' : 'keyfence: found'))
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
  if (blocked && staged) out.push('  - Last resort, for this one commit only: git commit --no-verify');
  return out.join('\n') + '\n';
}

/** What a history scan read: the commits added since a base, or all of history. */
export type HistoryScope = { readonly mode: 'since'; readonly since: string } | { readonly mode: 'history'; readonly allRefs: boolean };

function scopeWords(scope: HistoryScope): string {
  if (scope.mode === 'since') return `since ${scope.since}`;
  return scope.allRefs ? 'in the history of every ref' : 'in the history of HEAD';
}

/** The one line a clean history scan prints: how much was read, so an empty range never looks clean. */
export function historySummaryLine(result: ScanResult, scope: HistoryScope): string {
  const commits = result.stats.commits ?? 0;
  if (commits === 0) return `keyfence: no commits ${scopeWords(scope)} to scan`;
  const { files, lines } = result.stats;
  return `keyfence: ${plural(commits, 'commit')} ${scopeWords(scope)}, ${plural(files, 'changed file')}, ${plural(lines, 'added line')}, no secrets`;
}

/**
 * The report of `scan --since` / `scan --history`: each finding with its commit
 * and author date, and the plain truth that a committed key must be rotated.
 */
export function renderHistoryText(result: ScanResult, options: { readonly style: Style; readonly blocking: boolean; readonly scope: HistoryScope }): string {
  const s = options.style;
  const { findings, envFiles } = result;
  if (findings.length === 0 && envFiles.length === 0) return historySummaryLine(result, options.scope) + '\n';
  const blocked = options.blocking && isBlocked(result);
  const parts: string[] = [];
  if (findings.length) parts.push(plural(findings.length, 'secret'));
  if (envFiles.length) parts.push(plural(envFiles.length, 'env file'));
  const where = options.scope.mode === 'since' ? `added by commits ${scopeWords(options.scope)}` : `found ${scopeWords(options.scope)}`;
  const head = `keyfence: ${parts.join(' and ')} ${where}`;
  const out = [
    `${blocked ? s.red(s.bold(head)) : s.yellow(s.bold(head))} (${plural(result.stats.commits ?? 0, 'commit')} scanned)`,
    '',
  ];
  for (const f of findings) {
    const [first = '', ...rest] = findingLines(f, s);
    out.push(first, `    commit ${f.commit ?? '?'}, authored ${f.authorDate ?? '?'}`, ...rest, '');
  }
  for (const e of envFiles) {
    out.push(envLine(e, s), `    commit ${e.commit ?? '?'}, authored ${e.authorDate ?? '?'}`, '');
  }
  out.push('What to do:');
  if (findings.length) {
    out.push(
      '  - These keys are in git history: anyone with a clone, a fork or a CI cache of this repository',
      '    has them. Deleting a key in a new commit is NOT enough. Rotate each one now at its',
      "    provider's link above (revoke it, issue a new one), then read the new key from an",
      '    environment variable (process.env.NAME) set in an ignored .env file or your secret manager.',
    );
  }
  if (envFiles.length) {
    out.push(
      '  - Committed env files: treat every value in them as leaked and rotate it; remove the file',
      '    (`git rm --cached`) and `npx keyfence --fix` keeps it out of git from now on.',
    );
  }
  if (options.scope.mode === 'since') {
    out.push('  - After rotating, take the key out of this branch before it is merged (`git rebase -i`), so it does not spread further.');
  } else {
    out.push('  - Rewriting history (git filter-repo, then force-push) removes only this copy, and only helps after rotation.');
  }
  if (findings.length) {
    out.push(
      '  - Already rotated, or a false positive? Add its fingerprint (see `--format json`) to the baseline',
      '    file, or allow it in .keyfencerc.json (allow.paths, allow.patterns, rules.disable).',
    );
  }
  return out.join('\n') + '\n';
}
