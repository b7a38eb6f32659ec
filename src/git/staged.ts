import { parseAddedLines, parseRawAndNumstat, type AddedLine } from './diff-parse';
import type { GitClient } from './client';

/** One path changed in the index, as it is about to be committed. */
export interface StagedFile {
  readonly path: string;
  /** A added, M modified, D deleted, T type changed, U unmerged. */
  readonly status: string;
  readonly mode: string;
  /** Object id of the staged content. */
  readonly blob: string;
  readonly binary: boolean;
  readonly submodule: boolean;
  readonly symlink: boolean;
  /** Added lines only: removing content never blocks. */
  readonly added: readonly AddedLine[];
}

/**
 * Options that make the output independent of user config: no colour, no
 * external diff or textconv, fixed prefixes, no rename pairing, whole repo
 * even with diff.relative, -U0 so only changed lines come back.
 */
export const STABLE_DIFF = [
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--no-renames',
  '--no-relative',
  '--ignore-submodules=none',
];

/** Reads the staged changes from the index git is committing: two git processes, whatever the size. */
export async function readStagedFiles(git: GitClient): Promise<StagedFile[]> {
  const [summary, patch] = await Promise.all([
    git.run(['diff', '--cached', ...STABLE_DIFF, '--raw', '--numstat', '-z', '--no-abbrev']),
    git.run(['diff', '--cached', ...STABLE_DIFF, '-U0', '--src-prefix=a/', '--dst-prefix=b/']),
  ]);
  const { entries, binary } = parseRawAndNumstat(summary);
  const added = parseAddedLines(patch);
  return entries.map((entry) => ({
    path: entry.path,
    status: entry.status,
    mode: entry.newMode,
    blob: entry.newBlob,
    binary: binary.has(entry.path),
    submodule: entry.newMode === '160000',
    symlink: entry.newMode === '120000',
    added: entry.status === 'D' || entry.newMode === '160000' ? [] : (added.get(entry.path) ?? []),
  }));
}
