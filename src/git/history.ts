import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GitUnavailableError, type GitClient } from './client';
import { parseAddedLines, type AddedLine } from './diff-parse';
import { unquoteGitPath } from './quoted-path';
import { STABLE_CONFIG, STABLE_DIFF } from './staged';

/** One path a commit changed, with the lines it added (none for deletions and binary files). */
export interface CommitFile {
  readonly path: string;
  /** A, M, D, T, ... from the raw record; '' when git gave no raw record for the path. */
  readonly status: string;
  readonly mode: string;
  /** Object id of the new content ('' when unknown). */
  readonly blob: string;
  readonly added: readonly AddedLine[];
}

export interface HistoryCommit {
  readonly sha: string;
  /** Author date, strict ISO 8601 (`%aI`). */
  readonly authorDate: string;
  readonly files: readonly CommitFile[];
}

/**
 * How merge commits are read. `remerge` (git 2.36+) shows only what the merge
 * itself added on top of git's automatic merge (conflict resolutions, "evil"
 * merges), so lines that came in with the merged branch are not reported twice
 * and a PR branch that merges main in is not blamed for main's lines. Older git
 * skips merges, which misses content introduced only while resolving a conflict.
 */
export type MergeMode = 'remerge' | 'skip';

/** Each commit starts with a NUL byte: no line of a patch can (body lines start with + - space or \). */
const COMMIT_FORMAT = '--format=%x00%H %aI';

/** Options that pin what `git log -p` prints, whatever the user's config. */
export function logArgs(mergeMode: MergeMode): string[] {
  return [
    ...STABLE_CONFIG,
    'log',
    ...STABLE_DIFF,
    '-p',
    '--raw',
    '--no-abbrev',
    '-U0',
    '--src-prefix=a/',
    '--dst-prefix=b/',
    COMMIT_FORMAT,
    // log.showRoot=false would hide the first commit's content; signatures and
    // notes would add lines that are not the patch.
    '--root',
    '--no-show-signature',
    '--no-notes',
    ...(mergeMode === 'remerge' ? ['--diff-merges=remerge'] : ['--no-merges']),
  ];
}

/**
 * Turns `git log -p --raw` output, fed in chunks of any size, into commits,
 * one at a time: memory holds one commit's patch, never the whole history.
 */
export class LogPatchParser {
  private pending: Buffer[] = [];
  private header: { sha: string; authorDate: string } | null = null;
  private lines: string[] = [];

  constructor(private readonly onCommit: (commit: HistoryCommit) => void) {}

  push(chunk: Buffer): void {
    const newline = chunk.lastIndexOf(0x0a);
    if (newline < 0) {
      this.pending.push(chunk);
      return;
    }
    // Cutting at a newline byte never splits a UTF-8 sequence.
    const text = Buffer.concat([...this.pending, chunk.subarray(0, newline)]).toString('utf8');
    this.pending = newline + 1 < chunk.length ? [chunk.subarray(newline + 1)] : [];
    for (const line of text.split('\n')) this.line(line);
  }

  end(): void {
    if (this.pending.length) {
      const rest = Buffer.concat(this.pending).toString('utf8');
      this.pending = [];
      for (const line of rest.split('\n')) this.line(line);
    }
    this.flush();
  }

  private line(line: string): void {
    if (line.charCodeAt(0) === 0) {
      this.flush();
      const body = line.slice(1);
      const space = body.indexOf(' ');
      this.header = { sha: space < 0 ? body : body.slice(0, space), authorDate: space < 0 ? '' : body.slice(space + 1) };
      return;
    }
    if (this.header) this.lines.push(line);
  }

  private flush(): void {
    const header = this.header;
    if (!header) return;
    const lines = this.lines;
    this.header = null;
    this.lines = [];
    this.onCommit({ ...header, files: commitFiles(lines) });
  }
}

/** Raw records (`:mode mode sha sha status<TAB>path`) come first, then the patch. */
function commitFiles(output: readonly string[]): CommitFile[] {
  const raw = new Map<string, { status: string; mode: string; blob: string }>();
  let i = 0;
  for (; i < output.length; i++) {
    const line = output[i]!;
    if (line.startsWith('diff ')) break;
    if (!line.startsWith(':')) continue;
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const [, newMode = '', , newBlob = '', status = ''] = line.slice(1, tab).split(' ');
    raw.set(unquoteGitPath(line.slice(tab + 1)), { status: status.charAt(0), mode: newMode, blob: newBlob });
  }
  const added = i < output.length ? parseAddedLines(output.slice(i).join('\n')) : new Map<string, AddedLine[]>();
  const files: CommitFile[] = [];
  for (const [path, entry] of raw) files.push({ path, ...entry, added: added.get(path) ?? [] });
  // A path with added lines but no raw record is still content this commit added.
  for (const [path, lines] of added) if (!raw.has(path)) files.push({ path, status: '', mode: '', blob: '', added: lines });
  return files;
}

/** stderr kept for the error message: enough for git's complaint, bounded whatever git prints. */
const MAX_STDERR = 64 * 1024;

/**
 * Streams `git log -p` over `revs` (already-verified revisions, or `--all`):
 * one git process for the whole range, parsed and handed over commit by commit.
 * simple-git cannot do this: it keeps every stdout chunk of a process in memory
 * until the process exits (even with an outputHandler), so a whole history would
 * sit in memory at once. This is the one place keyfence spawns git itself; like
 * src/git/client.ts it passes the other GIT_* variables through unchanged.
 */
export async function streamHistory(
  git: GitClient,
  revs: readonly string[],
  mergeMode: MergeMode,
  onCommit: (commit: HistoryCommit) => void,
): Promise<number> {
  const gitDir = (await git.run(['rev-parse', '--absolute-git-dir'])).trim();
  const noAttributes = mkdtempSync(join(tmpdir(), 'keyfence-log-'));
  try {
    return await streamLog(gitDir, noAttributes, [...logArgs(mergeMode), ...revs, '--'], onCommit);
  } finally {
    rmSync(noAttributes, { recursive: true, force: true });
  }
}

/**
 * git log reads .gitattributes from the work tree (and the index), and a file
 * marked `-diff` or `binary` (lockfiles often are) would print as "Binary files
 * differ", its lines unread. So the log runs in an empty folder given as its
 * work tree, with an empty index, and without the user's and the system's
 * attributes files: binary is then git's content test alone (a NUL among the
 * first 8000 bytes), as in the pre-commit hook. The repository's own
 * $GIT_DIR/info/attributes still applies (git has no switch for it).
 */
async function streamLog(gitDir: string, emptyDir: string, args: readonly string[], onCommit: (commit: HistoryCommit) => void): Promise<number> {
  const env = { ...process.env, GIT_DIR: gitDir, GIT_WORK_TREE: emptyDir, GIT_INDEX_FILE: join(emptyDir, 'index'), GIT_ATTR_NOSYSTEM: '1' };
  // The user's attributes file (core.attributesFile, or ~/.config/git/attributes) becomes one that does not exist.
  const noUserAttributes = ['-c', `core.attributesFile=${join(emptyDir, 'attributes')}`];
  const child = spawn('git', [...noUserAttributes, ...args], { cwd: emptyDir, env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8');
  });
  // Settles, never rejects: a spawn error (no git on PATH) must not surface as an
  // unhandled rejection while stdout is still being read.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
    child.on('error', (error) => resolve({ code: null, signal: null, error }));
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  let commits = 0;
  const parser = new LogPatchParser((commit) => {
    commits++;
    onCommit(commit);
  });
  try {
    // Async iteration reads the next chunk only after this one is scanned: git
    // waits on a full pipe instead of memory filling up.
    for await (const chunk of child.stdout) parser.push(chunk as Buffer);
  } catch (error) {
    child.kill();
    throw error;
  }
  const status = await exited;
  if (status.error) {
    if (/ENOENT/.test(status.error.message)) throw new GitUnavailableError('git was not found on PATH; install git or fix PATH');
    throw new GitUnavailableError(`git log could not start: ${status.error.message}`);
  }
  if (status.code !== 0) {
    // A partial stream must not pass for a clean history.
    const why = status.code === null ? `was killed by ${status.signal ?? 'a signal'}` : `exited with code ${status.code}`;
    throw new GitUnavailableError(`git log ${why}${stderr.trim() ? `: ${stderr.trim()}` : ''}`);
  }
  parser.end();
  return commits;
}

/** Whether remerge diffs are available (git 2.36+); older git skips merges. */
export async function mergeModeFor(git: GitClient): Promise<MergeMode> {
  const m = /git version (\d+)\.(\d+)/.exec(await git.run(['version']));
  if (!m) return 'skip';
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 2 || (major === 2 && minor >= 36) ? 'remerge' : 'skip';
}

/** The commit a user-given revision names; an error that says how to get it when it is missing. */
export async function resolveCommit(git: GitClient, rev: string, flag: string): Promise<string> {
  // A revision starting with '-' would be read as an option by git.
  if (rev.startsWith('-')) throw new GitUnavailableError(`${flag} ${rev}: not a revision`);
  const sha = await git.run(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).then(
    (out) => out.trim(),
    () => '',
  );
  if (!sha) {
    throw new GitUnavailableError(
      `${flag} ${rev}: no such commit here. In CI, fetch the full history first ` +
        '(actions/checkout with fetch-depth: 0; GitLab GIT_DEPTH: 0), or `git fetch origin <branch>`',
    );
  }
  return sha;
}

/** HEAD's commit, or null on an unborn branch (no commit yet). */
export async function headCommit(git: GitClient): Promise<string | null> {
  try {
    const out = (await git.run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).trim();
    return out || null;
  } catch {
    return null;
  }
}

/** A common ancestor of two commits, or null when they share none (unrelated, or cut off by a shallow clone). */
export async function mergeBase(git: GitClient, a: string, b: string): Promise<string | null> {
  try {
    const out = (await git.run(['merge-base', a, b])).trim();
    return out || null;
  } catch {
    return null;
  }
}

/** How many commits `streamHistory` will read (for progress): one cheap rev-list. */
export async function countCommits(git: GitClient, revs: readonly string[], mergeMode: MergeMode): Promise<number> {
  const out = await git.run(['rev-list', '--count', ...(mergeMode === 'skip' ? ['--no-merges'] : []), ...revs, '--']);
  return Number(out.trim()) || 0;
}

/**
 * The commits where a shallow clone's history is cut: git shows each of them as
 * if it added its whole tree, so what they "add" is not what they changed.
 */
export async function shallowBoundary(git: GitClient): Promise<Set<string>> {
  const shallow = (await git.run(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
  if (!shallow) return new Set();
  const file = resolve(git.cwd, (await git.run(['rev-parse', '--git-path', 'shallow'])).trim());
  try {
    return new Set(readFileSync(file, 'utf8').split('\n').filter((l) => /^[0-9a-f]{40,64}$/.test(l)));
  } catch {
    return new Set();
  }
}
