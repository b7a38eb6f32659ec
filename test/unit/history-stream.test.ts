import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createGitClient } from '../../src/git/client';
import { LogPatchParser, streamHistory, type HistoryCommit, type MergeMode } from '../../src/git/history';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const Z = '0'.repeat(40);

/** What `git log -p --raw -U0` prints for two commits, one with a quoted path, a binary file and a delete. */
const LOG =
  `\0${A} 2024-01-02T03:04:05+01:00\n\n` +
  `:000000 100644 ${Z} ${'1'.repeat(40)} A\t"sp ace\\303\\251\\tx.txt"\n` +
  `:000000 100644 ${Z} ${'2'.repeat(40)} A\tbin.dat\n` +
  `:100644 000000 ${'3'.repeat(40)} ${Z} D\tgone.js\n\n` +
  'diff --git "a/sp ace\\303\\251\\tx.txt" "b/sp ace\\303\\251\\tx.txt"\nnew file mode 100644\nindex 0000000..1111111\n' +
  '--- /dev/null\n+++ "b/sp ace\\303\\251\\tx.txt"\t\n@@ -0,0 +1,2 @@\n+héllo wörld\n+\0not a commit\n' +
  'diff --git a/bin.dat b/bin.dat\nnew file mode 100644\nindex 0000000..2222222\nBinary files /dev/null and b/bin.dat differ\n' +
  'diff --git a/gone.js b/gone.js\ndeleted file mode 100644\nindex 3333333..0000000\n--- a/gone.js\n+++ /dev/null\n@@ -1 +0,0 @@\n-old\n' +
  `\0${B} 2023-12-31T23:59:59Z\n`;

function parseAll(chunks: Buffer[]): HistoryCommit[] {
  const commits: HistoryCommit[] = [];
  const parser = new LogPatchParser((c) => commits.push(c));
  for (const c of chunks) parser.push(c);
  parser.end();
  return commits;
}

describe('LogPatchParser', () => {
  test('splits commits and reads raw records and added lines', () => {
    const commits = parseAll([Buffer.from(LOG)]);
    expect(commits.map((c) => [c.sha, c.authorDate])).toEqual([
      [A, '2024-01-02T03:04:05+01:00'],
      [B, '2023-12-31T23:59:59Z'],
    ]);
    const files = commits[0]!.files;
    expect(files.map((f) => [f.path, f.status, f.mode])).toEqual([
      ['sp aceé\tx.txt', 'A', '100644'],
      ['bin.dat', 'A', '100644'],
      ['gone.js', 'D', '000000'],
    ]);
    // A NUL inside added content is content, not a commit boundary.
    expect(files[0]!.added).toEqual([
      { line: 1, text: 'héllo wörld' },
      { line: 2, text: '\0not a commit' },
    ]);
    expect(files[1]!.added).toEqual([]);
    expect(files[2]!.added).toEqual([]);
    expect(commits[1]!.files).toEqual([]);
  });

  test('gives the same commits whatever the chunk boundaries, even inside a UTF-8 character', () => {
    const bytes = Buffer.from(LOG);
    const whole = parseAll([bytes]);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(parseAll([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(whole);
    }
    expect(parseAll([...bytes].map((b) => Buffer.from([b])))).toEqual(whole);
  });
});

function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function write(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** A repo whose user config tries every setting that changes `git log -p` output. */
function hostileRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kf-hist-'));
  git(dir, ['init', '-q', '-b', 'main']);
  for (const [k, v] of [
    ['user.name', 'T'],
    ['user.email', 't@example.com'],
    ['commit.gpgsign', 'false'],
    ['log.showRoot', 'false'],
    ['log.showSignature', 'false'],
    ['color.ui', 'always'],
    ['diff.noprefix', 'true'],
    ['diff.mnemonicPrefix', 'true'],
    ['diff.renames', 'copies'],
    ['diff.external', 'false'],
    ['diff.relative', 'true'],
    ['core.quotePath', 'false'],
    ['format.pretty', 'oneline'],
    ['log.diffMerges', 'first-parent'],
  ]) {
    git(dir, ['config', k!, v!]);
  }
  return dir;
}

async function readAll(dir: string, revs: string[], mode: MergeMode): Promise<HistoryCommit[]> {
  const commits: HistoryCommit[] = [];
  const count = await streamHistory(createGitClient(dir), revs, mode, (c) => commits.push(c));
  expect(count).toBe(commits.length);
  return commits;
}

const addedBy = (commits: HistoryCommit[]) =>
  commits.map((c) => c.files.filter((f) => f.added.length).map((f) => `${f.path}:${f.added.map((l) => `${l.line}=${l.text}`).join('|')}`));

describe('streamHistory on a real repository', () => {
  test('reads every commit, the first one included, whatever the user config', async () => {
    const dir = hostileRepo();
    write(dir, 'a.txt', 'one\ntwo\n');
    git(dir, ['add', '.']);
    git(dir, ['commit', '-q', '-m', 'root']);
    write(dir, 'a.txt', 'one\nTWO\nthree\n');
    write(dir, 'dir/ünï code.txt', 'x\n');
    git(dir, ['add', '.']);
    git(dir, ['commit', '-q', '-m', 'second']);
    git(dir, ['mv', 'a.txt', 'b.txt']);
    git(dir, ['commit', '-q', '-m', 'rename']);
    const commits = await readAll(dir, ['HEAD'], 'remerge');
    expect(commits).toHaveLength(3);
    expect(commits.every((c) => /^[0-9a-f]{40}$/.test(c.sha) && /^\d{4}-\d\d-\d\dT/.test(c.authorDate))).toBe(true);
    // Newest first; no rename pairing, so a rename adds the whole file again.
    expect(addedBy(commits)).toEqual([
      ['b.txt:1=one|2=TWO|3=three'],
      ['a.txt:2=TWO|3=three', 'dir/ünï code.txt:1=x'],
      ['a.txt:1=one|2=two'],
    ]);
    expect(commits[0]!.files.map((f) => [f.path, f.status]).sort()).toEqual([
      ['a.txt', 'D'],
      ['b.txt', 'A'],
    ]);
  });

  test('a merge shows only what the merge itself added (the conflict resolution)', async () => {
    const dir = hostileRepo();
    write(dir, 'f.txt', 'a\nb\n');
    git(dir, ['add', '.']);
    git(dir, ['commit', '-q', '-m', 'base']);
    git(dir, ['checkout', '-q', '-b', 'feat']);
    write(dir, 'f.txt', 'a\nFEAT\n');
    write(dir, 'feat-only.txt', 'feature\n');
    git(dir, ['add', '.']);
    git(dir, ['commit', '-q', '-m', 'feat']);
    git(dir, ['checkout', '-q', 'main']);
    write(dir, 'f.txt', 'a\nMAIN\n');
    git(dir, ['commit', '-q', '-am', 'main']);
    spawnSync('git', ['merge', '-q', 'feat'], { cwd: dir });
    write(dir, 'f.txt', 'a\nRESOLVED\n');
    git(dir, ['add', 'f.txt']);
    git(dir, ['commit', '-q', '-m', 'merge']);
    const remerge = await readAll(dir, ['HEAD'], 'remerge');
    expect(remerge).toHaveLength(4);
    expect(addedBy(remerge)[0]).toEqual(['f.txt:2=RESOLVED']);
    expect(addedBy(remerge).flat()).toContain('feat-only.txt:1=feature');
    expect(addedBy(remerge).flat().filter((s) => s.startsWith('feat-only'))).toHaveLength(1);
    const skip = await readAll(dir, ['HEAD'], 'skip');
    expect(skip).toHaveLength(3);
  });

  test('no git on PATH is a clear error, not a crash', async () => {
    const dir = hostileRepo();
    const path = process.env.PATH;
    process.env.PATH = join(dir, 'no-bin-here');
    try {
      await expect(streamHistory(createGitClient(dir), ['HEAD'], 'remerge', () => undefined)).rejects.toThrow(/git was not found on PATH/);
    } finally {
      process.env.PATH = path;
    }
  });

  test('a failing git log is an error, never an empty history', async () => {
    const dir = hostileRepo();
    await expect(streamHistory(createGitClient(dir), ['no-such-rev'], 'remerge', () => undefined)).rejects.toThrow(/git log exited with code 128/);
  });
});
