import { closeSync, fstatSync, mkdtempSync, openSync, readdirSync, readSync, rmdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { expectHashes } from '../detect/hash';
import { BINARY_PROBE_BYTES } from '../detect/line-shape';
import type { TextSource } from '../detect/scan-lines';
import type { GitClient } from './client';
import { PatchReader, parseRaw, rawSectionEnd, unreverse } from './diff-parse';
import { GIT_BIG_FILE_BYTES, readWorkTreeText, surveyWorkTreeFile, TOO_LARGE } from './work-tree-read';
import { nameable, onDisk } from './work-tree-path';

/** One path changed in the index, as it is about to be committed. */
export interface StagedFile {
  readonly path: string;
  /** A added, M modified, D deleted, T type changed, U unmerged. */
  readonly status: string;
  readonly mode: string;
  /** Object id of the staged content. */
  readonly blob: string;
  readonly submodule: boolean;
  readonly symlink: boolean;
}

/** What a staged change adds to one path: new lines only, since removing content never blocks. */
export type StagedContent = TextSource;

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

/**
 * Config that must not come from the user either, given before the command: a
 * low core.bigFileThreshold would make git print changed text files as binary,
 * their lines unread. git's default (512 MiB) it is.
 */
export const STABLE_CONFIG = ['-c', `core.bigFileThreshold=${GIT_BIG_FILE_BYTES}`];

const PATCH = [...STABLE_CONFIG, 'diff', '--cached', ...STABLE_DIFF, '-U0', '--src-prefix=a/', '--dst-prefix=b/'];

/**
 * Up to this index size (about 10,000 paths) one git process lists and diffs the
 * change (see startStagedRead). Past it a commit may add thousands of files, and
 * git's header for each (~4 µs) costs more than the process saved, while the
 * listing, wanted early to share the new files with worker threads, would wait
 * for the whole diff.
 */
const ONE_PROCESS_INDEX_BYTES = 1024 * 1024;

/** Beyond this many bytes of path arguments, the fallback diff reads every added file instead. */
const MAX_PATHSPEC_BYTES = 64 * 1024;
const PATCH_CHUNK_BYTES = 1024 * 1024;

/**
 * Another reader (a worker thread) sharing the new files that may come from the
 * work tree: both claim them one at a time, so neither waits on the other's share.
 */
export interface WorkTreeHelper {
  /** Index of the next unclaimed file, or -1 when every one is claimed. */
  claim(): number;
  /** Waits for the helper's claims (and takes any file left unclaimed); resolves to the paths it could not take from the work tree. */
  finish(): Promise<string[]>;
  /** Stops the helper when this side failed (its results are no longer wanted). */
  cancel(): void;
}

/** A staged read whose git processes are already running; `read` hands over the content. */
export interface StagedRead {
  /** Every changed path, as soon as git has listed them (before any content is read). */
  readonly listed: Promise<StagedFile[]>;
  /** The new regular files that read() takes from the work tree (the same array it hands `helperFor`). */
  readonly workTreeFiles: Promise<readonly StagedFile[]>;
  /**
   * `helperFor`, given the new regular files to be read from the work tree, may
   * return a helper that takes a share of them (their content then never reaches
   * `onContent`: the helper judges it).
   */
  read(onContent: (content: StagedContent) => void, helperFor?: (files: readonly StagedFile[]) => WorkTreeHelper | null): Promise<StagedFile[]>;
  /** When read() will not be called: waits for git and removes the temporary files. */
  discard(): Promise<void>;
}

/**
 * Starts reading the staged changes from the index git is committing; `read`
 * then hands over each path's added content as soon as it is read, so a change
 * of any size is held one file at a time. Resolves to every changed path.
 *
 * git runs through simple-git, which buffers a command's whole output; so
 * patches go to a private temporary file (`git diff --output`) that is read in
 * chunks. A new file's content is all added lines: it is read from the work
 * tree when its bytes hash to the staged blob id (so it is exactly what will be
 * committed), which spares git inflating and diffing it; any other file comes
 * from git. At most three git processes, whatever the size of the change, and
 * one more (per 64 KB of their paths) when git calls text files binary (see
 * textCalledBinary).
 *
 * The listing and the patch of everything but additions are one git process
 * when the index is small (`oneProcess`, see ONE_PROCESS_INDEX_BYTES): every
 * git process costs a commit ~3 ms. That diff runs reversed (`-R`, from the
 * index to HEAD) with `--irreversible-delete`, so that a new file, which the
 * reversed diff calls deleted, lists without its content; that content comes
 * from the work tree as before. Where a line occurs on both sides of a change
 * (moved, repeated), the reversed diff may pair it differently and call another
 * copy added; a line whose text the old side lacks is added either way, so no
 * new text goes unread.
 */
export function startStagedRead(git: GitClient, top: string, oneProcess = isSmallIndex(top)): StagedRead {
  const dir = mkdtempSync(join(tmpdir(), 'keyfence-'));
  // Staged content may hold a key: never leave it behind, even when the process exits early.
  const removeNow = (): void => removeTempDir(dir);
  process.once('exit', removeNow);
  const changesPatch = join(dir, 'changes.patch');
  let changes: Promise<unknown>;
  let listed: Promise<StagedFile[]>;
  // Where the patch starts in its file: past the listing when both are one output.
  let patchStart: Promise<number> = Promise.resolve(0);
  if (oneProcess) {
    const section = git
      .run([...PATCH, '-R', '--irreversible-delete', '--raw', '-z', '--no-abbrev', `--output=${changesPatch}`])
      .then(() => readRawSection(changesPatch));
    changes = section;
    patchStart = section.then((s) => s.patchFrom);
    listed = section.then(({ raw }) => parseRaw(raw).map((entry) => toStagedFile(unreverse(entry))));
  } else {
    // Everything but additions, and the listing, both under way before content is wanted.
    changes = git.run([...PATCH, '--diff-filter=a', `--output=${changesPatch}`]);
    listed = git.run(['diff', '--cached', ...STABLE_DIFF, '--raw', '-z', '--no-abbrev']).then((raw) => parseRaw(raw).map(toStagedFile));
  }
  const sources = listed.then((files) => splitNewFiles(files, oneProcess));
  const workTreeFiles = sources.then((s) => s.fromWorkTree);
  // Awaited in read(); until then a failure must not count as unhandled.
  for (const pending of [changes, patchStart, sources, workTreeFiles]) pending.catch(() => undefined);
  const cleanUp = async (): Promise<void> => {
    // git may still be writing (if something else failed first): wait, then remove what it wrote.
    await changes.catch(() => undefined);
    removeNow();
    process.removeListener('exit', removeNow);
  };
  return {
    listed,
    workTreeFiles,
    discard: cleanUp,
    async read(onContent, helperFor) {
      try {
        const files = await listed;
        const { fromWorkTree, fromGit: onlyInGit } = await sources;
        const fromGit = [...onlyInGit];
        const helper = fromWorkTree.length > 0 ? (helperFor?.(fromWorkTree) ?? null) : null;
        let next = 0;
        const claim = helper ? () => helper.claim() : () => next++;
        try {
          for (const path of readClaimedFiles(top, fromWorkTree, claim, onContent)) fromGit.push(path);
        } catch (error) {
          helper?.cancel();
          throw error;
        }
        if (helper) for (const path of await helper.finish()) fromGit.push(path);
        await changes;
        const binary: string[] = [];
        // A gitlink has no lines of its own: git's "Subproject commit <id>" names the other repository's commit.
        const submodules = new Set(files.filter((f) => f.submodule).map((f) => f.path));
        const ownContent = (content: StagedContent): void => {
          if (!submodules.has(content.path)) onContent(content);
        };
        readPatchFile(changesPatch, ownContent, (path) => binary.push(path), { from: await patchStart, reversed: oneProcess });

        if (fromGit.length > 0) {
          const addedPatch = join(dir, 'added.patch');
          // A path no argument can name (see nameable) is found in a diff of every added file.
          const narrow = fromGit.every(nameable) && fromGit.reduce((n, p) => n + Buffer.byteLength(p) + 1, 0) <= MAX_PATHSPEC_BYTES;
          await git.run(['--literal-pathspecs', ...PATCH, '--diff-filter=AT', `--output=${addedPatch}`, ...(narrow ? ['--', ...fromGit] : [])]);
          const wanted = new Set(fromGit);
          readPatchFile(
            addedPatch,
            (content) => {
              if (wanted.has(content.path)) onContent(content);
            },
            (path) => {
              if (wanted.has(path)) binary.push(path);
            },
          );
        }
        await readAsText(git, join(dir, 'text.patch'), textCalledBinary(top, files, binary), onContent);
        return files;
      } finally {
        await cleanUp();
      }
    },
  };
}

/**
 * The folder holds only the patch files git wrote: unlinking them took ~0.5 ms, where
 * the first recursive rmSync of a run loads node's rimraf and took ~1 ms of every
 * commit. Anything unexpected (a folder, a file already gone) falls back to it.
 */
function removeTempDir(dir: string): void {
  try {
    for (const name of readdirSync(dir)) unlinkSync(join(dir, name));
    rmdirSync(dir);
  } catch {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * git's diff calls a file binary by its content (a NUL among the first 8000
 * bytes), but also by .gitattributes (`-diff`, `binary`, often given to
 * lockfiles): the added lines of such text files must still be judged. Of the
 * paths git called binary, those whose work-tree copy is the staged blob and is
 * binary by content, or is larger than git's big-file threshold, are settled
 * without git; the rest are asked for as text (readAsText).
 */
function textCalledBinary(top: string, files: readonly StagedFile[], binary: readonly string[]): string[] {
  if (binary.length === 0) return [];
  const blobs = new Map(files.map((f) => [f.path, f.blob]));
  return binary.filter((path) => {
    const blob = blobs.get(path);
    if (blob === undefined) return true;
    const survey = surveyWorkTreeFile(onDisk(top, path), GIT_BIG_FILE_BYTES, blob);
    if (survey === TOO_LARGE) return false;
    return typeof survey === 'number' || !survey.binary || !survey.isBlob;
  });
}

/**
 * The added lines of `paths` from a diff forced to text, in pieces so no
 * command line grows past what a system allows; the paths no argument can name
 * (see nameable) come from one diff of everything, whose output names them as
 * the listing does. A file that really is binary then shows as
 * lines of bytes: git's test (a NUL among the first 8000) applies to what was added.
 */
async function readAsText(git: GitClient, patch: string, paths: readonly string[], onContent: (content: StagedContent) => void): Promise<void> {
  const named = paths.filter(nameable);
  const unnamed = new Set(paths.filter((path) => !nameable(path)));
  const readText = async (pathspec: readonly string[], wanted: (path: string) => boolean): Promise<void> => {
    await git.run(['--literal-pathspecs', ...PATCH, '--text', `--output=${patch}`, ...(pathspec.length > 0 ? ['--', ...pathspec] : [])]);
    readPatchFile(patch, (content) => {
      if (wanted(content.path) && !content.text.slice(0, BINARY_PROBE_BYTES).includes('\0')) onContent(content);
    });
  };
  for (let from = 0; from < named.length; ) {
    let to = from + 1;
    for (let bytes = Buffer.byteLength(named[from]!); to < named.length && bytes + Buffer.byteLength(named[to]!) < MAX_PATHSPEC_BYTES; to++) {
      bytes += Buffer.byteLength(named[to]!) + 1;
    }
    await readText(named.slice(from, to), () => true);
    from = to;
  }
  if (unnamed.size > 0) await readText([], (path) => unnamed.has(path));
}

/**
 * New files: regular ones may come from the work tree; others (symlinks) only
 * from git. With `typeChanges`, so do paths whose type changed (a symlink that
 * became a file): the reversed diff calls their new side deleted, and
 * --irreversible-delete leaves its content out.
 */
function splitNewFiles(files: readonly StagedFile[], typeChanges: boolean): { fromWorkTree: StagedFile[]; fromGit: string[] } {
  const fromGit: string[] = [];
  const fromWorkTree: StagedFile[] = [];
  for (const file of files) {
    const whole = file.status === 'A' || (typeChanges && file.status === 'T');
    if (!whole || file.submodule) continue;
    if (file.mode.startsWith('100')) fromWorkTree.push(file);
    else fromGit.push(file.path);
  }
  return { fromWorkTree, fromGit };
}

function toStagedFile(entry: ReturnType<typeof parseRaw>[number]): StagedFile {
  return {
    path: entry.path,
    status: entry.status,
    mode: entry.newMode,
    blob: entry.newBlob,
    submodule: entry.newMode === '160000',
    symlink: entry.newMode === '120000',
  };
}

/**
 * Reads the new files `claim` hands out (an index into `files`; -1 or past the
 * end when none is left) from the work tree, one at a time; the main thread and
 * the scan workers share this loop. Returns the paths whose work-tree copy is
 * not the staged blob: git must supply them.
 */
export function readClaimedFiles(
  top: string,
  files: ReadonlyArray<Pick<StagedFile, 'path' | 'blob'>>,
  claim: () => number,
  onContent: (content: StagedContent) => void,
): string[] {
  const misses: string[] = [];
  expectHashes(files.length);
  for (let i = claim(); i >= 0 && i < files.length; i = claim()) {
    const file = files[i]!;
    if (!readWorkTreeCopy(top, file, onContent)) misses.push(file.path);
  }
  return misses;
}

/**
 * The work-tree copy of a newly added regular file, when it is byte for byte
 * the staged blob (its git object id matches): hands it to `onContent`. False
 * when it is not (edited since `git add`, autocrlf or a clean filter, gone):
 * git must supply it.
 */
function readWorkTreeCopy(top: string, file: Pick<StagedFile, 'path' | 'blob'>, onContent: (content: StagedContent) => void): boolean {
  // Past git's default big-file threshold (and near the longest string V8 makes), git decides.
  return readWorkTreeText(onDisk(top, file.path), file.path, GIT_BIG_FILE_BYTES, file.blob, onContent) >= 0;
}

/** Where the patch starts in a file (past git's raw listing), and which way it runs. */
interface PatchPlace {
  readonly from: number;
  readonly reversed: boolean;
}

/** Parses a patch file in chunks, so its size never matters. */
function readPatchFile(
  path: string,
  onContent: (content: StagedContent) => void,
  onBinary?: (path: string) => void,
  { from, reversed }: PatchPlace = { from: 0, reversed: false },
): void {
  const reader = new PatchReader(onContent, onBinary, reversed);
  const decoder = new StringDecoder('utf8');
  const fd = openSync(path, 'r');
  try {
    // Most commits' patch is empty or small: no 1 MB buffer (nor zeroing one) for those.
    const size = fstatSync(fd).size - from;
    const chunk = Buffer.allocUnsafe(Math.max(1, Math.min(size, PATCH_CHUNK_BYTES)));
    let position = from;
    for (let n = readSync(fd, chunk, 0, chunk.length, position); n > 0; n = readSync(fd, chunk, 0, chunk.length, position)) {
      position += n;
      reader.push(decoder.write(chunk.subarray(0, n)));
    }
  } finally {
    closeSync(fd);
  }
  reader.push(decoder.end());
  reader.end();
}

/** Whether the index git is committing is small enough for one diff process (see ONE_PROCESS_INDEX_BYTES). */
function isSmallIndex(top: string): boolean {
  // A worktree's or submodule's `.git` is a file naming the git dir: no stat answers, and the two processes run.
  const gitDir = process.env.GIT_DIR || join(top, '.git');
  try {
    return statSync(process.env.GIT_INDEX_FILE || join(gitDir, 'index')).size <= ONE_PROCESS_INDEX_BYTES;
  } catch {
    return false;
  }
}

/**
 * The raw listing at the start of a `--raw -z -p` output file, and the byte
 * offset where the patch after it starts. Reads more of the file only while
 * the listing goes on (each read four times the last).
 */
function readRawSection(path: string): { raw: string; patchFrom: number } {
  const fd = openSync(path, 'r');
  try {
    for (let size = 64 * 1024; ; size *= 4) {
      const bytes = Buffer.allocUnsafe(size);
      const n = readSync(fd, bytes, 0, size, 0);
      const end = rawSectionEnd(bytes.subarray(0, n));
      if (end >= 0 && (end < n || n < size)) {
        return { raw: bytes.toString('utf8', 0, end), patchFrom: end < n && bytes[end] === 0 ? end + 1 : end };
      }
      if (n < size) throw new Error('git diff --raw output ended inside a record');
    }
  } finally {
    closeSync(fd);
  }
}
