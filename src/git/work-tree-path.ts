import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** What the UTF-8 decoder puts in place of bytes that are not UTF-8. */
const REPLACEMENT = '\uFFFD';

/**
 * Whether `path`, as git listed it, can be handed back to git as an argument or
 * opened as a string: a name that is not UTF-8 (bytes of another encoding)
 * decodes with U+FFFD in place of its odd bytes, and no string names it.
 */
export function nameable(path: string): boolean {
  return !path.includes(REPLACEMENT);
}

/**
 * A folder's entries by their decoded names, read once per folder: a commit of
 * many such files in one large folder must not read it once per file.
 */
const folders = new Map<string, Map<string, Buffer[]> | null>();

function entriesOf(dir: Buffer): Map<string, Buffer[]> | null {
  const key = dir.toString('latin1');
  let entries = folders.get(key);
  if (entries === undefined) {
    try {
      entries = new Map();
      for (const entry of readdirSync(dir, { encoding: 'buffer' })) {
        const name = entry.toString('utf8');
        entries.set(name, [...(entries.get(name) ?? []), entry]);
      }
    } catch {
      entries = null;
    }
    folders.set(key, entries);
  }
  return entries;
}

/**
 * Where a path git listed is on disk. git prints names as bytes and keyfence
 * decodes them as UTF-8, so a name in another encoding (Latin-1 bytes, say)
 * comes out with U+FFFD and no longer opens as a string. Such a path is found
 * again by reading its folders as bytes (each folder once, only for such
 * names). When no entry decodes to the component, or more than one does, the
 * decoded path is returned as is (and does not open: the caller's unreadable case).
 */
export function onDisk(top: string, path: string): string | Buffer {
  const decoded = join(top, path);
  if (nameable(path)) return decoded;
  let dir: Buffer = Buffer.from(top);
  for (const part of path.split('/')) {
    let name: Buffer = Buffer.from(part);
    if (!nameable(part)) {
      const matches = entriesOf(dir)?.get(part) ?? [];
      if (matches.length !== 1) return decoded;
      name = matches[0]!;
    }
    dir = Buffer.concat([dir, Buffer.from('/'), name]);
  }
  return dir;
}
