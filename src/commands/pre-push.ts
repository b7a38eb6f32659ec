import { isEnvFile, isEnvTemplate } from '../env/paths';
import { listIgnoredEnvFiles } from '../git/env-status';
import { readLocalValues } from '../git/local-env';
import { mergeModeFor, streamHistory, type HistoryCommit } from '../git/history';
import { evaluate, evaluatePaths, type SourceFile } from '../policy/evaluate';
import type { Finding } from '../policy/types';
import type { Style } from '../report/style';
import { renderPushText, type PushedEnvFile } from '../report/push-text';
import type { RepoContext } from './context';

/** One line git writes to a pre-push hook's stdin. */
export interface RefUpdate {
  readonly localRef: string;
  readonly localSha: string;
  readonly remoteRef: string;
  readonly remoteSha: string;
}

/** The refs on stdin are not what git sends: the push is blocked (exit 2). */
export class PrePushInputError extends Error {
  override name = 'PrePushInputError';
}

const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const ZERO = /^0+$/;

/** Parses `<local ref> SP <local sha> SP <remote ref> SP <remote sha>` lines; blank lines are skipped. */
export function parseRefUpdates(input: string): RefUpdate[] {
  const updates: RefUpdate[] = [];
  for (const raw of input.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const fields = line.split(' ');
    const [localRef = '', localSha = '', remoteRef = '', remoteSha = ''] = fields;
    if (fields.length !== 4 || !OBJECT_ID.test(localSha) || !OBJECT_ID.test(remoteSha)) {
      throw new PrePushInputError(`unexpected line on stdin: "${line.slice(0, 120)}" (git sends "<local ref> <local sha> <remote ref> <remote sha>")`);
    }
    updates.push({ localRef, localSha, remoteRef, remoteSha });
  }
  return updates;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Each commit's subject, for the report: one git process, run only when something was found. */
async function subjectsOf(ctx: RepoContext, shas: readonly string[]): Promise<Map<string, string>> {
  if (shas.length === 0) return new Map();
  const out = await ctx.git.run(['log', '--no-walk=unsorted', '--no-show-signature', '--format=%H%x00%s', ...shas, '--']);
  const subjects = new Map<string, string>();
  for (const line of out.split('\n')) {
    const nul = line.indexOf('\0');
    if (nul > 0) subjects.set(line.slice(0, nul), line.slice(nul + 1));
  }
  return subjects;
}

/**
 * Judges the lines added by the commits a push would send: those reachable from
 * the pushed tips but neither from the remote's old tips nor from any
 * remote-tracking ref. One streamed `git log -p` for the whole push (the history
 * scan's reader), the hook's rules, config, allowlist and baseline. Exit 1 blocks.
 */
export async function scanPush(
  ctx: RepoContext,
  updates: readonly RefUpdate[],
  remote: string,
  style: Style,
): Promise<{ code: number; text: string }> {
  // A deleted ref sends no commits; an unchanged one sends nothing new.
  const tips = [...new Set(updates.filter((u) => !ZERO.test(u.localSha) && u.localSha !== u.remoteSha).map((u) => u.localSha))];
  const known = [...new Set(updates.map((u) => u.remoteSha).filter((sha) => !ZERO.test(sha)))];
  const findings: Finding[] = [];
  const envFiles: PushedEnvFile[] = [];
  let commits = 0;
  let lines = 0;
  if (tips.length) {
    const [mergeMode, localEnvFiles] = await Promise.all([mergeModeFor(ctx.git), listIgnoredEnvFiles(ctx.git)]);
    const templates = ctx.config.env.templates;
    const localValues = readLocalValues(ctx.top, localEnvFiles.filter((p) => !isEnvTemplate(p, templates)));
    const onCommit = (commit: HistoryCommit): void => {
      const changed = commit.files.filter((f) => f.status !== 'D' && f.mode !== '160000');
      const sources: SourceFile[] = changed
        .filter((f) => f.added.length > 0)
        .map((f) => ({ path: f.path, lines: f.added, commit: commit.sha }));
      for (const source of sources) lines += source.lines.length;
      const named = changed.filter((f) => f.mode !== '120000' && f.blob).map((f) => ({ path: f.path, contentId: f.blob }));
      findings.push(
        ...evaluatePaths(named, ctx.config, ctx.baseline).findings.map((f) => ({ ...f, commit: commit.sha })),
        ...evaluate(sources, ctx.config, ctx.baseline, localValues).findings,
      );
      for (const f of changed) {
        if (isEnvFile(f.path) && !isEnvTemplate(f.path, templates)) envFiles.push({ commit: commit.sha, path: f.path });
      }
    };
    // Old remote tips this clone has never fetched are skipped (--ignore-missing), not fatal.
    const revs = ['--ignore-missing', ...tips, '--not', ...known, '--remotes'];
    commits = await streamHistory(ctx.git, revs, mergeMode, onCommit);
  }
  const named = [...new Set([...findings.map((f) => f.commit ?? ''), ...envFiles.map((e) => e.commit)])].filter(Boolean);
  const text = renderPushText(
    { remote, findings, envFiles, subjects: await subjectsOf(ctx, named), stats: { commits, lines } },
    style,
  );
  const blocked = findings.some((f) => f.blocks) || envFiles.length > 0;
  return { code: blocked ? 1 : 0, text };
}

/**
 * `keyfence pre-push <remote> <url>`: git's pre-push hook. Reads the ref updates
 * on stdin and scans the commits not yet on the remote, so a commit made with
 * `--no-verify` is still caught before it leaves the machine. Fails closed with
 * the push's own bypass named.
 */
export async function runPrePush(ctx: RepoContext, io: { out: (s: string) => void; style: Style }, args: readonly string[]): Promise<number> {
  const remote = args[0] ?? 'the remote';
  try {
    if (process.stdin.isTTY) {
      throw new PrePushInputError(
        'keyfence pre-push is the pre-push hook and reads the refs git sends on stdin; ' +
          'to check unpushed commits by hand run `npx keyfence scan --since @{upstream}`',
      );
    }
    const { code, text } = await scanPush(ctx, parseRefUpdates(await readStdin()), remote, io.style);
    io.out(text);
    return code;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `keyfence: error: ${message}\n` +
        'keyfence could not check this push, so it is blocked. Fix the cause above; to push anyway, once: git push --no-verify\n',
    );
    if (process.env.KEYFENCE_DEBUG && error instanceof Error && error.stack) process.stderr.write(error.stack + '\n');
    return 2;
  }
}
