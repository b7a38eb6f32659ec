import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config/load';
import { parseJsonText } from '../config/json-text';

/** The baseline file: accepted fingerprints only, sorted, no secrets, no timestamps. */
export interface BaselineFile {
  readonly version: 1;
  readonly fingerprints: readonly string[];
}

export function readBaseline(root: string, relativePath: string): Set<string> {
  const path = join(root, relativePath);
  if (!existsSync(path)) return new Set();
  let data: unknown;
  try {
    data = parseJsonText(readFileSync(path, 'utf8'));
  } catch {
    throw new ConfigError(`${relativePath} is not valid JSON; regenerate it with \`npx keyfence baseline\``);
  }
  const list = (data as Partial<BaselineFile> | null)?.fingerprints;
  if (!Array.isArray(list) || !list.every((f) => typeof f === 'string' && /^[0-9a-f]{32}$/.test(f))) {
    throw new ConfigError(`${relativePath}: fingerprints must be a list of 32-hex-digit strings; regenerate it with \`npx keyfence baseline\``);
  }
  return new Set(list);
}

export function serializeBaseline(fingerprints: Iterable<string>): string {
  const file: BaselineFile = { version: 1, fingerprints: [...new Set(fingerprints)].sort() };
  return JSON.stringify(file, null, 2) + '\n';
}
