/**
 * New files are read from the work tree into one reused buffer: each file's
 * text must be its own, whatever size came before it, and a file that no
 * longer matches its staged blob must go back to git.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readClaimedFiles, type StagedContent } from '../../src/git/staged';

const blobOf = (data: Buffer) => createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex');

describe('reading new files from the work tree', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyfence-read-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

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
