import type { Finding } from '../policy/types';
import { redact } from './redact';
import type { Style } from './style';

/** An env file added or changed by a pushed commit. */
export interface PushedEnvFile {
  readonly commit: string;
  readonly path: string;
}

export interface PushReport {
  /** The remote's name as git passes it (or its URL when pushing to a URL). */
  readonly remote: string;
  readonly findings: readonly Finding[];
  readonly envFiles: readonly PushedEnvFile[];
  /** Commit id to subject, for the commits scanned. */
  readonly subjects: ReadonlyMap<string, string>;
  readonly stats: { readonly commits: number; readonly lines: number };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function commitLabel(sha: string, subjects: ReadonlyMap<string, string>): string {
  const subject = subjects.get(sha);
  return `commit ${sha.slice(0, 12)}${subject ? ` "${subject.length > 60 ? subject.slice(0, 57) + '...' : subject}"` : ''}`;
}

/**
 * The pre-push report: which commit, where (path:line:column), which provider,
 * where to rotate, and why rotating comes first: the key is already in a commit.
 */
export function renderPushText(report: PushReport, s: Style): string {
  const { findings, envFiles, subjects, stats } = report;
  const blocking = findings.filter((f) => f.blocks);
  const blocked = blocking.length > 0 || envFiles.length > 0;
  if (findings.length === 0 && envFiles.length === 0) {
    if (stats.commits === 0) return `keyfence: push to ${report.remote}: no new commits to scan\n`;
    return `keyfence: push to ${report.remote}: ${plural(stats.commits, 'commit')}, ${plural(stats.lines, 'added line')}, no secrets\n`;
  }
  const parts: string[] = [];
  if (findings.length) parts.push(plural(findings.length, 'secret'));
  if (envFiles.length) parts.push(plural(envFiles.length, 'env file'));
  const head = blocked ? s.red(s.bold(`keyfence: push to ${report.remote} blocked`)) : s.yellow(s.bold('keyfence: warning'));
  const out = [`${head} — ${parts.join(' and ')} in ${plural(stats.commits, 'commit')} being pushed`, ''];
  for (const f of findings) {
    const label = f.blocks ? s.red('secret') : s.yellow('possible secret (low confidence)');
    out.push(
      `  ${s.bold(`${f.path}:${f.line}:${f.column}`)}  ${label}: ${f.rule.provider} — ${f.rule.id}`,
      `    in ${commitLabel(f.commit ?? '', subjects)}`,
      `    ${redact(f.rule, f.secret)}`,
      `    rotate: ${f.rule.rotateUrl}`,
      '',
    );
  }
  for (const e of envFiles) {
    out.push(`  ${s.bold(e.path)}  ${s.red('env file committed')}`, `    in ${commitLabel(e.commit, subjects)}`, '');
  }
  if (!blocked) return out.join('\n') + '\n';
  out.push('What to do:');
  if (blocking.length) {
    out.push(
      '  - The key is already in a commit: rotate it now at the link above. Commits get copied,',
      '    shared and pushed elsewhere, so treat a committed key as leaked.',
    );
  }
  out.push(
    '  - Take it out of the commits before pushing: a new commit that deletes it is not enough,',
    '    the push would still carry the old one. `git commit --amend` for the last commit, or',
    '    `git rebase -i` on the commits above, editing each one named; read the value from an',
    '    environment variable (process.env.NAME) or an ignored .env file instead.',
  );
  if (blocking.length) {
    out.push(
      '  - A false positive? Put "keyfence:allow" in a comment on that line, or allow it in',
      '    .keyfencerc.json (allow.paths, allow.patterns, rules.disable) or `npx keyfence baseline`.',
    );
  }
  if (envFiles.length) out.push('  - Env files: after removing them from the commits, `npx keyfence --fix` keeps them out for good.');
  out.push('  - Last resort, for this one push only: git push --no-verify');
  return out.join('\n') + '\n';
}
