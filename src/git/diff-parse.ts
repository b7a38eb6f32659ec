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
  readonly oldBlob: string;
  readonly newBlob: string;
  readonly path: string;
}

/**
 * Parses `git diff --raw -z --no-renames` output: records `:mode mode sha sha status\0path\0`.
 * By offsets rather than split(): a change of 14,000 new files lists 2 MB, and the
 * listing is on the hook's critical path. A record of another shape is an error:
 * skipping it would leave a staged file unread.
 */
export function parseRaw(out: string): RawEntry[] {
  const entries: RawEntry[] = [];
  for (let at = 0; at < out.length; ) {
    const fieldEnd = endOf(out, at);
    // Four spaces separate old mode, new mode, old id, new id and status.
    const oldModeEnd = out.indexOf(' ', at);
    const newModeEnd = out.indexOf(' ', oldModeEnd + 1);
    const oldBlobEnd = out.indexOf(' ', newModeEnd + 1);
    const newBlobEnd = out.indexOf(' ', oldBlobEnd + 1);
    const pathEnd = endOf(out, fieldEnd + 1);
    if (out.charCodeAt(at) !== 0x3a /* ':' */ || oldModeEnd < 0 || newBlobEnd < 0 || newBlobEnd >= fieldEnd - 1 || pathEnd <= fieldEnd + 1) {
      throw new Error(`unexpected record in git diff --raw output: ${JSON.stringify(out.slice(at, Math.min(fieldEnd, at + 120)))}`);
    }
    entries.push({
      status: out.charAt(newBlobEnd + 1),
      oldMode: out.slice(at + 1, oldModeEnd),
      newMode: out.slice(oldModeEnd + 1, newModeEnd),
      oldBlob: out.slice(newModeEnd + 1, oldBlobEnd),
      newBlob: out.slice(oldBlobEnd + 1, newBlobEnd),
      path: out.slice(fieldEnd + 1, pathEnd),
    });
    at = pathEnd + 1;
  }
  return entries;
}

const SWAPPED_STATUS: Readonly<Record<string, string>> = { A: 'D', D: 'A' };

/**
 * An entry of a reversed diff (`git diff -R`: from the index to HEAD) as the
 * forward diff lists it: sides swapped, an addition a deletion and back.
 */
export function unreverse(entry: RawEntry): RawEntry {
  return {
    status: SWAPPED_STATUS[entry.status] ?? entry.status,
    oldMode: entry.newMode,
    newMode: entry.oldMode,
    oldBlob: entry.newBlob,
    newBlob: entry.oldBlob,
    path: entry.path,
  };
}

/**
 * Where the records of `git diff --raw -z` end in output that goes on with a
 * patch (`--raw -p`): records are `:meta\0path\0`; after the last one git
 * writes one NUL before the patch. Returns the byte offset of that separator
 * (or `bytes.length` when the output ends there), or -1 when `bytes` ends
 * inside the records (more output is needed to tell).
 */
export function rawSectionEnd(bytes: Uint8Array): number {
  let at = 0;
  while (at < bytes.length) {
    if (bytes[at] !== 0x3a /* ':' */) return at;
    const metaEnd = bytes.indexOf(0, at);
    const pathEnd = metaEnd < 0 ? -1 : bytes.indexOf(0, metaEnd + 1);
    if (pathEnd < 0) return -1;
    at = pathEnd + 1;
  }
  return at;
}

/** Index of the NUL that ends the field starting at `at` (or the end of the output). */
function endOf(out: string, at: number): number {
  const end = out.indexOf('\0', at);
  return end < 0 ? out.length : end;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** The added lines of one new-side path in a patch, as one text (see TextSource). */
export interface AddedText {
  readonly path: string;
  /** The added lines, each followed by '\n'. */
  readonly text: string;
  /** 1-based number of each added line in the new content. */
  readonly lineNumbers: Int32Array;
}

/**
 * Reads a `git diff -U0 --src-prefix=a/ --dst-prefix=b/` patch piece by piece
 * and hands over each path's added lines when the path is complete, so a
 * patch of any size is parsed in the memory of its largest file. Hunk line
 * counts are honoured exactly: added content that itself looks like a diff
 * header cannot confuse it.
 *
 * A `reversed` patch (`git diff -R`, which also swaps the two prefixes) is read
 * the other way round: the new side is `--- b/path`, its lines are the '-'
 * lines, numbered from the first range of each hunk header.
 */
export class PatchReader {
  private partial = '';
  private path: string | null = null;
  private texts: string[] = [];
  private numbers: number[] = [];
  private removed = 0;
  private added = 0;
  private lineNo = 0;

  private readonly addedMark: string;
  private readonly newSideHeader: string;
  private readonly oldSideHeader: string;

  /** `onBinary` hears of each new-side path git calls binary ("Binary files ... differ"): its lines are not in the patch. */
  constructor(
    private readonly onFile: (file: AddedText) => void,
    private readonly onBinary: (path: string) => void = () => undefined,
    private readonly reversed = false,
  ) {
    this.addedMark = reversed ? '-' : '+';
    this.newSideHeader = reversed ? '--- ' : '+++ ';
    this.oldSideHeader = reversed ? '+++ ' : '--- ';
  }

  /** Feeds the next piece of the patch (any split, even inside a line). */
  push(chunk: string): void {
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop()!;
    for (const line of lines) this.line(line);
  }

  /** The patch is complete. */
  end(): void {
    if (this.partial !== '') this.line(this.partial);
    this.partial = '';
    this.flush();
  }

  private line(line: string): void {
    if (this.removed > 0 || this.added > 0) {
      if (line.startsWith('\\')) return; // "\ No newline at end of file"
      if (line.startsWith(this.addedMark)) {
        this.added--;
        if (this.path !== null) {
          this.texts.push(line.slice(1));
          this.numbers.push(this.lineNo);
        }
        this.lineNo++;
      } else if (line.startsWith('-') || line.startsWith('+')) {
        this.removed--;
      } else {
        // Context line (should not occur with -U0): counts on both sides.
        this.removed--;
        this.added--;
        this.lineNo++;
      }
      return;
    }
    if (line.startsWith(this.newSideHeader)) {
      this.flush();
      const target = line.slice(4).replace(/\t$/, '');
      this.path = target === '/dev/null' ? null : unquoteGitPath(target).replace(/^b\//, '');
      return;
    }
    if (line.startsWith(this.oldSideHeader)) return;
    const hunk = HUNK_HEADER.exec(line);
    if (!hunk) {
      const binary = binaryNewPath(line, this.reversed);
      if (binary !== null) this.onBinary(binary);
      return;
    }
    const [oldCount, newStart, newCount] = this.reversed ? [hunk[4], hunk[1], hunk[2]] : [hunk[2], hunk[3], hunk[4]];
    this.removed = oldCount === undefined ? 1 : Number(oldCount);
    this.added = newCount === undefined ? 1 : Number(newCount);
    this.lineNo = Number(newStart);
  }

  private flush(): void {
    if (this.path !== null && this.texts.length > 0) {
      // A last empty part gives the final '\n' inside the join: appending it would make a cons string.
      this.texts.push('');
      this.onFile({ path: this.path, text: this.texts.join('\n'), lineNumbers: Int32Array.from(this.numbers) });
    }
    this.texts = [];
    this.numbers = [];
  }
}

const BINARY = 'Binary files ';
const DIFFER = ' differ';
const AND = ' and ';
const NULL_FIRST = `/dev/null${AND}`;
const NULL_LAST = `${AND}/dev/null`;

/**
 * The new-side path of git's "Binary files <old> and <new> differ" line (null
 * for a deletion or another line). Without rename pairing both sides name the
 * same path (with prefixes a/ and b/, quoted alike), so the two halves are of
 * equal length however many " and " the path holds; an added file's old side
 * is /dev/null. In a `reversed` patch the new side comes first.
 */
export function binaryNewPath(line: string, reversed = false): string | null {
  if (!line.startsWith(BINARY) || !line.endsWith(DIFFER)) return null;
  const pair = line.slice(BINARY.length, line.length - DIFFER.length);
  let target: string;
  if (pair.startsWith(NULL_FIRST)) {
    if (reversed) return null;
    target = pair.slice(NULL_FIRST.length);
  } else if (pair.endsWith(NULL_LAST)) {
    if (!reversed) return null;
    target = pair.slice(0, pair.length - NULL_LAST.length);
  } else {
    const half = (pair.length - AND.length) / 2;
    if (!Number.isInteger(half) || pair.slice(half, half + AND.length) !== AND) return null;
    target = reversed ? pair.slice(0, half) : pair.slice(half + AND.length);
  }
  return unquoteGitPath(target).replace(/^b\//, '');
}

/** A whole patch at once: each new-side path's added lines. */
export function parseAddedLines(patch: string): Map<string, AddedLine[]> {
  const byPath = new Map<string, AddedLine[]>();
  const reader = new PatchReader((file) => {
    const lines = byPath.get(file.path) ?? [];
    byPath.set(file.path, lines);
    const texts = file.text.split('\n');
    file.lineNumbers.forEach((line, i) => lines.push({ line, text: texts[i]! }));
  });
  reader.push(patch);
  reader.end();
  return byPath;
}
