import { readFileSync } from 'node:fs';
import { createHash } from '../detect/hash';
import type { TextSource } from '../detect/scan-lines';
import type { GitClient } from './client';
import { GIT_BIG_FILE_BYTES, readWorkTreeText } from './work-tree-read';
import { onDisk } from './work-tree-path';

/** Tracked paths (optionally under the given pathspecs, taken literally): one git process. */
export async function listTrackedFiles(git: GitClient, paths: readonly string[] = []): Promise<string[]> {
  const out = await git.run(['--literal-pathspecs', 'ls-files', '-z', '--cached', '--', ...paths]);
  return [...new Set(out.split('\0').filter((p) => p.length > 0))];
}

/**
 * Reads the tracked files `claim` hands out (an index into `paths`; -1 or past
 * the end when none is left) from the work tree, one at a time, and hands each
 * one's text to `onContent` (in pieces past 4 MiB). Skipped without a word, as `scan --all` always
 * has: paths that are gone or not regular files (symbolic links are not
 * followed), binary files (as git decides) and files over `maxBytes` (by
 * default the hook's limit for new files: git's diff calls larger ones binary,
 * and no longer text fits in one string). The main thread and the scan workers
 * share this loop.
 */
export function readClaimedTreeFiles(
  top: string,
  paths: readonly string[],
  claim: () => number,
  onContent: (content: TextSource) => void,
  maxBytes = GIT_BIG_FILE_BYTES,
): void {
  for (let i = claim(); i >= 0 && i < paths.length; i = claim()) {
    const path = paths[i]!;
    readWorkTreeText(onDisk(top, path), path, maxBytes, null, onContent);
  }
}

/** A content id for a file judged by name (stable across renames); '' when unreadable. */
export function contentHash(full: string | Buffer): string {
  try {
    return createHash('sha256').update(readFileSync(full)).digest('hex');
  } catch {
    return '';
  }
}
