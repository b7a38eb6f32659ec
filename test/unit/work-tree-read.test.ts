/**
 * Work-tree files are read into one reused buffer: each file's text must be
 * its own, whatever size came before it; a new file that no longer matches its
 * staged blob must go back to git; a tree scan skips what it cannot scan.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readClaimedFiles, type StagedContent } from '../../src/git/staged';
import { readClaimedTreeFiles } from '../../src/git/tree';

const blobOf = (data: Buffer) => createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keyfence-read-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('reading new files from the work tree', () => {
  // First in this file, while the buffer still has its first size (64 KiB, one byte kept free).
  test('files around the first buffer size each read whole', () => {
    const sizes = [65_534, 65_535, 65_536, 65_537, 200_000];
    const files = sizes.map((size, i) => {
      const data = Buffer.alloc(size, 0x61 + i);
      writeFileSync(join(dir, `s${i}`), data);
      return { path: `s${i}`, blob: blobOf(data) };
    });
    const seen = new Map<string, string>();
    let next = 0;
    expect(readClaimedFiles(dir, files, () => next++, (content) => seen.set(content.path, content.text))).toEqual([]);
    sizes.forEach((size, i) => expect(seen.get(`s${i}`)).toBe(String.fromCharCode(0x61 + i).repeat(size) + '\n'));
  });

  test('big, small, empty and unterminated files in turn each read as their own text', () => {
    const contents = [
      'x'.repeat(3 * 1024 * 1024) + '\nlast line',
      'short\n',
      '',
      'y'.repeat(1024 * 1024) + '\n',
      'no newline at the end',
      'é'.repeat(700_000),
      'z',
    ];
    const files = contents.map((text, i) => {
      const data = Buffer.from(text);
      writeFileSync(join(dir, `f${i}`), data);
      return { path: `f${i}`, blob: blobOf(data) };
    });
    const seen = new Map<string, string>();
    let next = 0;
    const misses = readClaimedFiles(dir, files, () => next++, (content: StagedContent) => seen.set(content.path, content.text));
    expect(misses).toEqual([]);
    contents.forEach((text, i) => {
      expect(seen.get(`f${i}`)).toBe(text === '' || text.endsWith('\n') ? text : `${text}\n`);
    });
  });

  test('a file changed since it was staged, a missing one and a folder go back to git', () => {
    writeFileSync(join(dir, 'changed'), 'edited after git add\n');
    writeFileSync(join(dir, 'same'), 'as staged\n');
    const files = [
      { path: 'changed', blob: blobOf(Buffer.from('as staged\n')) },
      { path: 'gone', blob: blobOf(Buffer.from('x')) },
      { path: '.', blob: blobOf(Buffer.from('x')) },
      { path: 'same', blob: blobOf(Buffer.from('as staged\n')) },
    ];
    const seen: string[] = [];
    let next = 0;
    expect(readClaimedFiles(dir, files, () => next++, (content) => seen.push(content.path))).toEqual(['changed', 'gone', '.']);
    expect(seen).toEqual(['same']);
  });
});

describe('reading tracked files for a tree scan', () => {
  test('reads text files as they are; skips binary, missing, non-regular, linked and over-large ones', () => {
    writeFileSync(join(dir, 'a.js'), 'const a = 1;');
    writeFileSync(join(dir, 'b.bin'), Buffer.from([0x61, 0x00, 0x62]));
    mkdirSync(join(dir, 'folder'));
    symlinkSync('a.js', join(dir, 'link.js'));
    // One byte past the limit is skipped unread; at the limit it is read (a small limit: the real one is 512 MiB).
    const limit = 100_000;
    writeFileSync(join(dir, 'huge.txt'), Buffer.alloc(limit + 1, 0x61));
    writeFileSync(join(dir, 'limit.txt'), Buffer.alloc(limit, 0x62));
    writeFileSync(join(dir, 'z.txt'), 'é\n');
    const paths = ['a.js', 'b.bin', 'folder', 'gone.js', 'huge.txt', 'limit.txt', 'link.js', 'z.txt'];
    const seen: StagedContent[] = [];
    let next = 0;
    readClaimedTreeFiles(dir, paths, () => next++, (content) => seen.push(content), limit);
    expect(seen.map((c) => c.path)).toEqual(['a.js', 'limit.txt', 'z.txt']);
    expect(seen[0]!.text).toBe('const a = 1;\n');
    expect(seen[1]!.text.length).toBe(limit + 1);
    expect(seen[2]!.text).toBe('é\n');
    // Sizes as stored, not of the scanned text (which ends every line in '\n').
    expect(seen.map((c) => c.bytes)).toEqual([12, limit, 3]);
  });

  test('stops when claim says no file is left', () => {
    writeFileSync(join(dir, 'a.js'), 'a\n');
    writeFileSync(join(dir, 'b.js'), 'b\n');
    const seen: string[] = [];
    const order = [1, -1, 0];
    readClaimedTreeFiles(dir, ['a.js', 'b.js'], () => order.shift()!, (content) => seen.push(content.path));
    expect(seen).toEqual(['b.js']);
  });
});
