import { closeSync, lstatSync, openSync, readSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { BINARY_PROBE_BYTES, decodeScannedText, looksBinary } from '../detect/line-shape';
import type { GitClient } from './client';

/** Tracked paths (optionally under the given pathspecs, taken literally): one git process. */
export async function listTrackedFiles(git: GitClient, paths: readonly string[] = []): Promise<string[]> {
  const out = await git.run(['--literal-pathspecs', 'ls-files', '-z', '--cached', '--', ...paths]);
  return [...new Set(out.split('\0').filter((p) => p.length > 0))];
}

/** Files above this size are scanned in the hook's diff but skipped in whole-tree scans. */
export const MAX_TREE_FILE_BYTES = 20 * 1024 * 1024;

export type TreeFile =
  | { readonly kind: 'text'; readonly text: string; readonly bytes: number }
  | { readonly kind: 'skipped'; readonly reason: 'binary' | 'missing' | 'not a regular file' | 'too large' };

/** Reads a work-tree file as scanned text, or says why it was skipped (binary as git decides). */
export function readTreeFile(top: string, path: string): TreeFile {
  const full = join(top, path);
  let size: number;
  try {
    const stat = lstatSync(full);
    if (!stat.isFile()) return { kind: 'skipped', reason: 'not a regular file' };
    size = stat.size;
  } catch {
    return { kind: 'skipped', reason: 'missing' };
  }
  if (size > MAX_TREE_FILE_BYTES) return { kind: 'skipped', reason: 'too large' };
  const head = Buffer.alloc(Math.min(size, BINARY_PROBE_BYTES));
  const fd = openSync(full, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (looksBinary(head)) return { kind: 'skipped', reason: 'binary' };
  const data = readFileSync(full);
  return { kind: 'text', text: decodeScannedText(data), bytes: data.length };
}

/** A content id for a file judged by name (stable across renames); '' when unreadable. */
export function contentHash(full: string): string {
  try {
    return createHash('sha256').update(readFileSync(full)).digest('hex');
  } catch {
    return '';
  }
}
