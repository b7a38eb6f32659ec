import { readFileSync, statSync } from 'node:fs';
import { secretValuesFromDotenv, type LocalValue } from '../detect/local-values';
import { onDisk } from './work-tree-path';

/** Larger files are not dotenv files a person keeps by hand. */
const MAX_ENV_FILE_BYTES = 1024 * 1024;

/** Reads the developer's ignored env files; values stay in memory only. Unreadable files are skipped. */
export function readLocalValues(top: string, paths: readonly string[]): LocalValue[] {
  const values: LocalValue[] = [];
  for (const path of paths) {
    const full = onDisk(top, path);
    try {
      const stat = statSync(full);
      if (!stat.isFile() || stat.size > MAX_ENV_FILE_BYTES) continue;
      values.push(...secretValuesFromDotenv(readFileSync(full, 'utf8'), path));
    } catch {
      // A file that vanished or cannot be read holds nothing we can compare.
    }
  }
  return values;
}
