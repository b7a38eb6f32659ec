import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENV_PATHSPECS } from '../env/paths';
import type { GitClient } from './client';
import { unquoteGitPath, unquoteGitPathBytes } from './quoted-path';
import { nameable } from './work-tree-path';

export interface EnvListing {
  /** Env files in the index (whatever their staged state). */
  readonly tracked: readonly string[];
  /** Untracked env files that git would not ignore. */
  readonly untrackedUnignored: readonly string[];
}

/** Env-like paths in the index and untracked-unignored ones in the work tree: one git process. */
export async function listEnvFiles(git: GitClient): Promise<EnvListing> {
  const out = await git.run(['ls-files', '-z', '-t', '--cached', '--others', '--exclude-standard', '--', ...ENV_PATHSPECS]);
  const tracked: string[] = [];
  const untracked: string[] = [];
  for (const record of out.split('\0')) {
    if (record.length < 3) continue;
    const tag = record.charAt(0);
    const path = record.slice(2);
    if (tag === '?') untracked.push(path);
    else tracked.push(path);
  }
  return { tracked, untrackedUnignored: untracked };
}

/**
 * Untracked env files that git ignores: the developer's own, whose values must
 * never be committed. A wholly ignored folder (node_modules, build output) is
 * not entered: git names it with a trailing '/' instead. That keeps the hook
 * from walking tens of thousands of dependency files on every commit (0.37 s
 * with 79,000 of them), and .env files shipped inside dependencies are not the
 * developer's values anyway.
 */
export async function listIgnoredEnvFiles(git: GitClient): Promise<string[]> {
  const out = await git.run(['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory', '--', ...ENV_PATHSPECS]);
  return out.split('\0').filter((p) => p.length > 0 && !p.endsWith('/'));
}

/**
 * Which of `paths` git's ignore rules match (nested .gitignore, negations,
 * info/exclude, core.excludesFile), tracked or not: one git process.
 */
export async function ignoredPaths(git: GitClient, paths: readonly string[]): Promise<Set<string>> {
  const ignored = new Set<string>();
  if (paths.length === 0) return ignored;
  // -z needs --stdin, which simple-git cannot feed; lines are `source:line:pattern<TAB>path`,
  // the path C-quoted when odd. An empty pattern is no match, a '!' pattern re-includes.
  // Exit 1 means "none of them is ignored": an answer, not a failure.
  // A leading ':' would be read as pathspec magic (check-ignore refuses --literal-pathspecs);
  // './' keeps such a path literal, and git echoes it back with that prefix.
  const args = paths.map((p) => (p.startsWith(':') ? `./${p}` : p));
  const out = await git.run(['check-ignore', '--no-index', '-v', '-n', '--', ...args], { okExitCodes: [1] });
  for (const record of out.split('\n')) {
    const tab = record.lastIndexOf('\t');
    if (tab < 0) continue;
    const meta = record.slice(0, tab);
    const pattern = meta.slice(meta.indexOf(':', meta.indexOf(':') + 1) + 1);
    const path = unquoteGitPath(record.slice(tab + 1));
    if (pattern !== '' && !pattern.startsWith('!')) ignored.add(path.startsWith('./:') ? path.slice(2) : path);
  }
  return ignored;
}

/**
 * Removes paths from the index only; the files stay on disk. Returns the paths
 * it could not find there to remove (none, unless the index changed meanwhile).
 */
export async function unstage(git: GitClient, paths: readonly string[]): Promise<string[]> {
  const named = paths.filter(nameable);
  const unnamed = new Set(paths.filter((path) => !nameable(path)));
  const rm = ['--literal-pathspecs', 'rm', '--cached', '-q', '-f', '--ignore-unmatch'];
  if (named.length > 0) await git.run([...rm, '--', ...named]);
  if (unnamed.size === 0) return [];
  // A name that is not UTF-8 (see nameable) fits no argument: its bytes come from the
  // index listing, C-quoted (ASCII), and reach git through a file of NUL-separated pathspecs.
  const listing = await git.run(['-c', 'core.quotePath=true', 'ls-files', '--cached']);
  const exact = listing
    .split('\n')
    .map(unquoteGitPathBytes)
    .filter((bytes) => unnamed.has(bytes.toString('utf8')));
  if (exact.length > 0) {
    const dir = mkdtempSync(join(tmpdir(), 'keyfence-rm-'));
    try {
      const list = join(dir, 'pathspecs');
      writeFileSync(list, Buffer.concat(exact.flatMap((bytes) => [bytes, Buffer.from([0])])));
      await git.run([...rm, `--pathspec-from-file=${list}`, '--pathspec-file-nul']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const found = new Set(exact.map((bytes) => bytes.toString('utf8')));
  return [...unnamed].filter((path) => !found.has(path));
}

/** Absolute path of the work tree's top level and of the git dir. */
export async function repoPaths(git: GitClient): Promise<{ top: string; gitDir: string }> {
  const out = await git.run(['rev-parse', '--show-toplevel', '--absolute-git-dir']);
  const [top = '', gitDir = ''] = out.split('\n');
  return { top, gitDir };
}
