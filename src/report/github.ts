import type { EnvFileStatus, Finding, ScanResult } from '../policy/types';
import { isBlocked } from '../policy/types';
import { redact } from './redact';
import { envReason } from './text';

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`):
 * each finding becomes an annotation on the file and line in the run and the pull
 * request, then one plain summary line. Never a secret in full.
 */

/** Message text: a newline or '%' would end or corrupt the command. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values additionally must not contain the ':' and ',' that separate properties. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(level: 'error' | 'warning', props: Record<string, string | number>, message: string): string {
  const list = Object.entries(props)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${level} ${list}::${escapeData(message)}`;
}

function commitWords(commit: string | undefined, authorDate: string | undefined): string {
  if (!commit) return '';
  return `\nAdded in commit ${commit}${authorDate ? ` (authored ${authorDate})` : ''}: deleting it in a new commit is not enough.`;
}

function findingCommand(f: Finding): string {
  const rotate = /^https?:\/\//.test(f.rule.rotateUrl) ? `Rotate it at ${f.rule.rotateUrl}` : `Rotate it: ${f.rule.rotateUrl}`;
  return command(
    f.blocks ? 'error' : 'warning',
    { file: f.path, line: f.line, col: f.column, title: `keyfence: ${f.rule.provider} credential (${f.rule.id})` },
    `${redact(f.rule, f.secret)} — ${f.rule.description}\n${rotate}, then read it from an environment variable.` +
      commitWords(f.commit, f.authorDate),
  );
}

function envCommand(e: EnvFileStatus): string {
  return command(
    e.blocks ? 'error' : 'warning',
    { file: e.path, line: 1, title: `keyfence: ${envReason(e)}` },
    `${e.path}: ${envReason(e)}. \`npx keyfence --fix\` keeps it out of git; rotate any value that was committed.` +
      commitWords(e.commit, e.authorDate),
  );
}

/**
 * The annotations, then `summary`: the line that says what was scanned (so a
 * clean run shows it read something), or what was found and what to do.
 */
export function renderGithub(result: ScanResult, summary: string): string {
  const lines = [...result.findings.map(findingCommand), ...result.envFiles.map(envCommand)];
  if (result.findings.length || result.envFiles.length) {
    const n = result.findings.length + result.envFiles.length;
    lines.push(
      `keyfence: ${n} ${n === 1 ? 'finding' : 'findings'}${isBlocked(result) ? ' (blocking)' : ''}, annotated above. ` +
        "A key that reached a commit must be rotated at its provider's link: deleting it in a new commit is not enough.",
    );
  } else {
    lines.push(summary);
  }
  return lines.join('\n') + '\n';
}
