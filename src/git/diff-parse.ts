import { unquoteGitPath } from './quoted-path';

/** One line added by a change, with its 1-based number in the new content. */
export interface AddedLine {
  readonly line: number;
  readonly text: string;
}

/** A path's entry in `git diff --raw -z` output. */
export interface RawEntry {
  readonly status: string; // A, M, D, T, U, ...
  readonly oldMode: string;
  readonly newMode: string;
  readonly newBlob: string;
  readonly path: string;
}

/**
 * Parses `git diff --raw --numstat -z --no-renames` output: raw records
 * (`:mode mode sha sha status\0path\0`) then numstat records (`a\td\tpath\0`),
 * where a binary file counts `-\t-`. Returns raw entries and the binary paths.
 */
export function parseRawAndNumstat(out: string): { entries: RawEntry[]; binary: Set<string> } {
  const fields = out.split('\0');
  const entries: RawEntry[] = [];
  const binary = new Set<string>();
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    if (field.startsWith(':')) {
      const [oldMode = '', newMode = '', , newBlob = '', status = ''] = field.slice(1).split(' ');
      const path = fields[++i] ?? '';
      entries.push({ status: status.charAt(0), oldMode, newMode, newBlob, path });
    } else if (field.startsWith('-\t-\t')) {
      binary.add(field.slice(4));
    }
  }
  return { entries, binary };
}

const HUNK_HEADER = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Parses a `git diff -U0 --src-prefix=a/ --dst-prefix=b/` patch into the added
 * lines of each new-side path. Hunk line counts are honoured exactly, so added
 * content that itself looks like a diff header cannot confuse the parser.
 */
export function parseAddedLines(patch: string): Map<string, AddedLine[]> {
  const byPath = new Map<string, AddedLine[]>();
  const lines = patch.split('\n');
  let current: AddedLine[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('+++ ')) {
      const target = line.slice(4).replace(/\t$/, '');
      if (target === '/dev/null') {
        current = null;
        continue;
      }
      const path = unquoteGitPath(target).replace(/^b\//, '');
      current = byPath.get(path) ?? [];
      byPath.set(path, current);
      continue;
    }
    const hunk = HUNK_HEADER.exec(line);
    if (!hunk) continue;
    let removed = hunk[1] === undefined ? 1 : Number(hunk[1]);
    let added = hunk[3] === undefined ? 1 : Number(hunk[3]);
    let lineNo = Number(hunk[2]);
    while ((removed > 0 || added > 0) && i + 1 < lines.length) {
      const body = lines[++i]!;
      if (body.startsWith('\\')) continue; // "\ No newline at end of file"
      if (body.startsWith('-')) removed--;
      else if (body.startsWith('+')) {
        added--;
        current?.push({ line: lineNo++, text: body.slice(1) });
      } else {
        // Context line (should not occur with -U0): counts on both sides.
        removed--;
        added--;
        lineNo++;
      }
    }
  }
  return byPath;
}
