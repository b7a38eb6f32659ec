/**
 * The staged read has two ways to ask git for a change: one process (a reversed
 * diff with its listing, for small indexes) or two (listing and forward diff).
 * Both must list the same paths, and hand over every line whose text is new to
 * its file, with its line number, for every kind of change. Where a line occurs
 * on both sides (moved or repeated), the two diffs may pair it differently and
 * call another copy added: for such changes only that may differ. Against real git.
 */
import fc from 'fast-check';
import { chmodSync, lstatSync, mkdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createGitClient } from '../../src/git/client';
import { startStagedRead, type StagedFile } from '../../src/git/staged';
import { HOSTILE_DIFF_CONFIG, TempRepo } from './repo';

jest.setTimeout(120_000);

interface Read {
  readonly listed: string[];
  readonly content: Map<string, { text: string; lines: number[] }>;
}

/** A file's lines, without the empty string a final newline would leave. */
function linesOf(text: string): string[] {
  return text === '' ? [] : (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

async function readBothWays(repo: TempRepo): Promise<[Read, Read]> {
  const git = createGitClient(repo.dir);
  const reads: Read[] = [];
  for (const oneProcess of [true, false]) {
    const reading = startStagedRead(git, repo.dir, oneProcess);
    const content = new Map<string, { text: string; lines: number[] }>();
    const files: StagedFile[] = await reading.read((c) => {
      expect(content.has(c.path)).toBe(false);
      const lines = c.lineNumbers ? [...c.lineNumbers] : c.text.split('\n').slice(0, -1).map((_, i) => i + 1);
      content.set(c.path, { text: c.text, lines });
    });
    const listed = files.map((f) => `${f.status} ${f.mode} ${f.blob} ${f.submodule ? 'sub' : ''}${f.symlink ? 'link' : ''} ${f.path}`).sort();
    reads.push({ listed, content });
  }
  return [reads[0]!, reads[1]!];
}

describe('the staged read: one git process or two, the same answer', () => {
  test('modified, added, deleted, binary, symlinks, mode changes, odd names and header-like content', async () => {
    const repo = TempRepo.create({ init: false });
    const odd = 'we ird\tnä\nme.txt';
    repo.write('modified.txt', 'one\ntwo\nthree\nfour\nfive\n');
    repo.write('shrinks.txt', 'a\nb\nc\n');
    repo.write('gone.txt', 'leaving\nthe repo\n');
    repo.write('no-newline.txt', 'first\nlast');
    repo.write('mode.sh', 'echo hi\n');
    repo.write('lock.json', '{\n  "a": 1\n}\n');
    repo.write('.gitattributes', 'lock.json -diff\n');
    repo.write('img.bin', Buffer.from([0, 1, 2, 3, 0, 5]).toString('latin1'));
    repo.write(odd, 'odd\n');
    symlinkSync('modified.txt', join(repo.dir, 'link'));
    symlinkSync('modified.txt', join(repo.dir, 'becomes-file'));
    repo.write('becomes-link', 'plain\n');
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '-m', 'base']);

    repo.write('modified.txt', 'zero\none\nTWO\nthree\nfour\nfive\nsix\n');
    repo.write('shrinks.txt', 'a\n');
    unlinkSync(join(repo.dir, 'gone.txt'));
    repo.write('no-newline.txt', 'first\nlast line now ends\n');
    chmodSync(join(repo.dir, 'mode.sh'), 0o755);
    repo.write('lock.json', '{\n  "a": 2\n}\n');
    writeFileSync(join(repo.dir, 'img.bin'), Buffer.from([0, 1, 2, 3, 0, 6, 7]));
    repo.write(odd, 'odd\nand more\n');
    unlinkSync(join(repo.dir, 'link'));
    symlinkSync('shrinks.txt', join(repo.dir, 'link'));
    // Added lines that look like patch headers must stay content.
    repo.write('headers.txt', '--- b/x\n+++ a/y\n@@ -1 +1 @@\n-minus\n+plus\n');
    repo.write('new.txt', 'brand\nnew\n');
    repo.write('edited-after-add.txt', 'staged version\n');
    repo.write('empty.txt', '');
    writeFileSync(join(repo.dir, 'new.bin'), Buffer.from([0, 0, 1]));
    symlinkSync('new.txt', join(repo.dir, 'new-link'));
    // Type changes: a symlink replaced by a file (whose lines are all new) and the other way.
    unlinkSync(join(repo.dir, 'becomes-file'));
    repo.write('becomes-file', 'a file now\nwith two lines\n');
    unlinkSync(join(repo.dir, 'becomes-link'));
    symlinkSync('new.txt', join(repo.dir, 'becomes-link'));
    repo.git(['add', '-A']);
    repo.write('edited-after-add.txt', 'work tree only\n');

    const [one, two] = await readBothWays(repo);
    expect(one.listed).toEqual(two.listed);
    expect(one.listed.length).toBe(17);
    expect(new Map([...one.content].sort())).toEqual(new Map([...two.content].sort()));
    // What both must say, so they cannot agree on a wrong answer.
    expect(one.content.get('modified.txt')).toEqual({ text: 'zero\nTWO\nsix\n', lines: [1, 3, 7] });
    expect(one.content.get('headers.txt')?.text).toBe('--- b/x\n+++ a/y\n@@ -1 +1 @@\n-minus\n+plus\n');
    expect(one.content.get('edited-after-add.txt')?.text).toBe('staged version\n');
    expect(one.content.get('no-newline.txt')).toEqual({ text: 'last line now ends\n', lines: [2] });
    expect(one.content.get(odd)).toEqual({ text: 'and more\n', lines: [2] });
    expect(one.content.get('lock.json')).toEqual({ text: '  "a": 2\n', lines: [2] });
    expect(one.content.get('becomes-file')).toEqual({ text: 'a file now\nwith two lines\n', lines: [1, 2] });
    expect(one.content.get('becomes-link')?.text).toBe('new.txt\n');
    expect(one.listed.find((l) => l.endsWith(' becomes-file'))).toMatch(/^T 100644 /);
    expect(one.content.has('shrinks.txt')).toBe(false);
    expect(one.content.has('gone.txt')).toBe(false);
    expect(one.listed.filter((l) => l.startsWith('D '))).toEqual([expect.stringMatching(/ gone\.txt$/)]);
    expect(one.listed.find((l) => l.endsWith(' new-link'))).toMatch(/^A 120000 [0-9a-f]{40} link /);
  });

  test('the first commit (no HEAD) and a change of nothing but deletions', async () => {
    const repo = TempRepo.create({ init: false });
    repo.write('a.txt', 'first\nfile\n');
    repo.write('b.txt', 'second\n');
    repo.git(['add', '-A']);
    const [one, two] = await readBothWays(repo);
    expect(one).toEqual(two);
    expect(one.content.get('a.txt')?.text).toBe('first\nfile\n');

    repo.git(['commit', '-q', '-m', 'first']);
    repo.git(['rm', '-q', 'a.txt']);
    const [oneD, twoD] = await readBothWays(repo);
    expect(oneD).toEqual(twoD);
    expect(oneD.listed).toEqual([expect.stringMatching(/^D 000000 0{40} {2}a\.txt$/)]);
    expect(oneD.content.size).toBe(0);
  });

  test('submodule entries (added, moved on, removed, replacing a file), intent-to-add and rm --cached', async () => {
    const repo = TempRepo.create({ init: false });
    // Commits for the gitlinks to point at: gitlinks live only in the index, so no checkout is needed.
    repo.write('seed.txt', 'seed\n');
    repo.git(['add', 'seed.txt']);
    repo.git(['commit', '-q', '-m', 'seed']);
    const first = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    repo.git(['commit', '-q', '--allow-empty', '-m', 'second']);
    const second = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    const gitlink = (path: string, commit: string) => repo.git(['update-index', '--add', '--cacheinfo', `160000,${commit},${path}`]);
    gitlink('moves-on', first);
    gitlink('goes-away', first);
    repo.write('becomes-submodule', 'a file\n');
    repo.write('untracked-later.txt', 'kept on disk\n');
    repo.git(['add', 'becomes-submodule', 'untracked-later.txt']);
    repo.git(['commit', '-q', '-m', 'base']);

    gitlink('moves-on', second);
    gitlink('new-submodule', second);
    repo.git(['update-index', '--force-remove', 'goes-away']);
    repo.git(['rm', '-q', '--cached', 'becomes-submodule']);
    gitlink('becomes-submodule', second);
    repo.git(['rm', '-q', '--cached', 'untracked-later.txt']);
    repo.write('intent.txt', 'only intended\n');
    repo.git(['add', '-N', 'intent.txt']);
    repo.write('real.txt', 'really staged\n');
    repo.git(['add', 'real.txt']);

    const [one, two] = await readBothWays(repo);
    expect(one).toEqual(two);
    const entry = (path: string) => one.listed.find((l) => l.endsWith(` ${path}`));
    expect(entry('moves-on')).toMatch(new RegExp(`^M 160000 ${second} sub `));
    expect(entry('new-submodule')).toMatch(new RegExp(`^A 160000 ${second} sub `));
    expect(entry('goes-away')).toMatch(/^D /);
    expect(entry('becomes-submodule')).toMatch(new RegExp(`^T 160000 ${second} sub `));
    expect(entry('untracked-later.txt')).toMatch(/^D /);
    // Intent-to-add stages nothing yet: the commit would not carry its content.
    expect(one.content.has('intent.txt')).toBe(false);
    expect(one.content.get('real.txt')?.text).toBe('really staged\n');
    // A gitlink has no lines to judge.
    expect([...one.content.keys()].sort()).toEqual(['real.txt']);
  });

  test('user config cannot change what either mode parses', async () => {
    const repo = TempRepo.create({ init: false });
    const base = Array.from({ length: 30 }, (_, i) => ((i + 1) % 5 ? `line ${i + 1}` : '')).join('\n') + '\n';
    repo.write('a.js', base);
    repo.write('up.txt', 'lower\n');
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '-m', 'base']);
    // A textconv would show other text than the blob holds.
    for (const [key, value] of [...HOSTILE_DIFF_CONFIG, ['diff.upper.textconv', 'tr a-z A-Z <'] as const]) {
      repo.git(['config', key, value]);
    }
    repo.write('.gitattributes', '*.txt diff=upper\n');
    const lines = base.split('\n');
    lines[2] = 'changed 3';
    lines[20] = 'changed 21';
    repo.write('a.js', lines.join('\n'));
    repo.write('up.txt', 'lower\nstill lower\n');
    repo.write('src/ünï code.js', 'new file\n');
    repo.write('copied.js', base);
    repo.git(['add', '-A']);

    const [one, two] = await readBothWays(repo);
    expect(one).toEqual(two);
    expect(one.content.get('a.js')).toEqual({ text: 'changed 3\nchanged 21\n', lines: [3, 21] });
    expect(one.content.get('up.txt')).toEqual({ text: 'still lower\n', lines: [2] });
    expect(one.content.get('src/ünï code.js')?.text).toBe('new file\n');
    expect(one.content.get('copied.js')?.text).toBe(base);
  });

  test('random changes read both ways: the same files, and every line new to its file either way (fast-check, real git)', async () => {
    // Lines that look like patch syntax, blank and unterminated lines, odd names: what a parser could trip on.
    const line = fc.oneof(
      fc.constantFrom('', ' ', '-', '+', '--- b/x', '+++ a/x', '@@ -1 +1 @@', '\\ No newline at end of file', 'diff --git a/x b/x', 'Binary files a/x and b/x differ'),
      fc.string({ unit: fc.constantFrom(...'ab -+@\\/é\t'), maxLength: 12 }),
    );
    const content = fc.tuple(fc.array(line, { maxLength: 8 }), fc.boolean()).map(([lines, end]) => lines.join('\n') + (end && lines.length ? '\n' : ''));
    const name = fc.constantFrom('a.txt', 'b c.txt', 'dir/d.js', 'dir/sub/é.md', 'x\ty', 'new.txt', 'n-é w.js');
    const op = fc.oneof(
      fc.record({ kind: fc.constant('write' as const), path: name, text: content }),
      fc.record({ kind: fc.constant('delete' as const), path: name }),
      fc.record({ kind: fc.constant('link' as const), path: name, target: name }),
      fc.record({ kind: fc.constant('chmod' as const), path: name }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ path: name, text: content }), { maxLength: 5 }), fc.array(op, { minLength: 1, maxLength: 8 }), async (base, ops) => {
        const repo = TempRepo.create({ init: false });
        repo.write('.keep', '');
        for (const file of base) repo.write(file.path, file.text);
        repo.git(['add', '-A']);
        repo.git(['commit', '-q', '-m', 'base']);
        for (const change of ops) {
          const full = join(repo.dir, change.path);
          const present = lstatSync(full, { throwIfNoEntry: false });
          if (change.kind === 'chmod') {
            if (present?.isFile()) chmodSync(full, 0o755);
            continue;
          }
          if (present) unlinkSync(full);
          if (change.kind === 'write') repo.write(change.path, change.text);
          else if (change.kind === 'link') {
            mkdirSync(dirname(full), { recursive: true });
            symlinkSync(change.target, full);
          }
        }
        repo.git(['add', '-A']);
        const [one, two] = await readBothWays(repo);
        expect(one.listed).toEqual(two.listed);
        // Where a line occurs on both sides (moved, repeated), the reversed diff may pair it
        // differently and call another copy added. A line whose text the old side does not
        // have is added either way: each reported line is the staged file's, and no new text is missed.
        for (const read of [one, two]) {
          for (const [path, { text, lines }] of read.content) {
            const staged = linesOf(repo.git(['cat-file', '-p', `:${path}`]).stdout);
            const before = new Set(linesOf(repo.git(['cat-file', '-p', `HEAD:${path}`]).stdout));
            const reported = text.split('\n').slice(0, -1);
            expect(reported.map((t, i) => staged[lines[i]! - 1] === t)).not.toContain(false);
            const fresh = staged.map((t, i) => (before.has(t) ? 0 : i + 1)).filter((n) => n > 0);
            expect(lines).toEqual(expect.arrayContaining(fresh));
          }
        }
        const paths = (read: Read) => [...read.content.keys()].sort();
        expect(paths(one)).toEqual(paths(two));
      }),
      { numRuns: 25 },
    );
  });
});

