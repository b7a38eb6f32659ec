import { binaryNewPath, PatchReader, parseAddedLines, parseRaw, rawSectionEnd, unreverse } from '../../src/git/diff-parse';
import { unquoteGitPath, unquoteGitPathBytes } from '../../src/git/quoted-path';

describe('unquoteGitPath', () => {
  test('leaves plain paths alone', () => {
    expect(unquoteGitPath('b/src/a.ts')).toBe('b/src/a.ts');
  });
  test('decodes C escapes and octal UTF-8 bytes', () => {
    expect(unquoteGitPath('"b/line\\nbreak \\"q\\" back\\\\slash\\ttab"')).toBe('b/line\nbreak "q" back\\slash\ttab');
    expect(unquoteGitPath('"b/caf\\303\\251.js"')).toBe('b/café.js');
  });
  test('gives the exact bytes of a name that is not UTF-8, which the decoded string loses', () => {
    expect(unquoteGitPathBytes('"r\\351glages/.env"')).toEqual(Buffer.from('r\xe9glages/.env', 'latin1'));
    expect(unquoteGitPath('"r\\351glages/.env"')).toBe('r\uFFFDglages/.env');
    expect(unquoteGitPathBytes('plain/.env')).toEqual(Buffer.from('plain/.env'));
  });
});

describe('parseRaw', () => {
  test('reads status, mode, blob and exact path of each record', () => {
    const out =
      ':000000 100644 0000000000000000000000000000000000000000 1111111111111111111111111111111111111111 A\0a b.js\0' +
      ':100644 000000 2222222222222222222222222222222222222222 0000000000000000000000000000000000000000 D\0old.js\0' +
      ':000000 160000 0000000000000000000000000000000000000000 3333333333333333333333333333333333333333 A\0sub\0' +
      ':100644 100644 4444444444444444444444444444444444444444 5555555555555555555555555555555555555555 M\0img\nx.png\0';
    expect(parseRaw(out).map((e) => [e.status, e.path, e.newMode, e.newBlob.charAt(0)])).toEqual([
      ['A', 'a b.js', '100644', '1'],
      ['D', 'old.js', '000000', '0'],
      ['A', 'sub', '160000', '3'],
      ['M', 'img\nx.png', '100644', '5'],
    ]);
  });

  test('a record of another shape is an error, not a file left out', () => {
    expect(parseRaw('')).toEqual([]);
    for (const out of ['M\0a.js\0', ':100644 100644 4444 5555\0a.js\0', ':000000 100644 0000 1111 A\0', ':000000 100644 0000 1111 A\0\0']) {
      expect(() => parseRaw(out)).toThrow(/unexpected record in git diff --raw output/);
    }
  });
});

describe('a reversed listing (git diff -R --raw -z -p)', () => {
  const Z = '0'.repeat(40);
  const ONE = '1'.repeat(40);
  const TWO = '2'.repeat(40);

  test('unreverse: an entry of the diff from the index to HEAD, as the forward diff lists it', () => {
    const [added, deleted, modified] = parseRaw(`:100644 000000 ${ONE} ${Z} D\0new.js\0:000000 100755 ${Z} ${TWO} A\0gone.sh\0:100644 100755 ${ONE} ${TWO} M\0mode.sh\0`).map(unreverse);
    expect(added).toEqual({ status: 'A', oldMode: '000000', newMode: '100644', oldBlob: Z, newBlob: ONE, path: 'new.js' });
    expect(deleted).toEqual({ status: 'D', oldMode: '100755', newMode: '000000', oldBlob: TWO, newBlob: Z, path: 'gone.sh' });
    expect(modified).toMatchObject({ status: 'M', oldMode: '100755', newMode: '100644', newBlob: ONE });
  });

  test('rawSectionEnd: the separator after the last record, the end of the output, or -1 inside a record', () => {
    const records = `:100644 000000 ${ONE} ${Z} D\0a\nb.js\0:000000 100644 ${Z} ${TWO} A\0c.js\0`;
    const bytes = Buffer.from(`${records}\0diff --git b/a b/a\n`);
    expect(rawSectionEnd(bytes)).toBe(Buffer.byteLength(records));
    expect(rawSectionEnd(Buffer.from(records))).toBe(Buffer.byteLength(records));
    expect(rawSectionEnd(Buffer.alloc(0))).toBe(0);
    for (let cut = 1; cut < Buffer.byteLength(records); cut++) {
      const end = rawSectionEnd(Buffer.from(records).subarray(0, cut));
      expect(end === -1 || end === cut).toBe(true);
    }
    expect(rawSectionEnd(Buffer.from(records).subarray(0, 10))).toBe(-1);
  });

  test('PatchReader reads a reversed patch: the new side is "--- b/", its lines the "-" lines', () => {
    const patch = [
      'diff --git b/x.js a/x.js',
      '--- b/x.js',
      '+++ a/x.js',
      '@@ -2,2 +2 @@',
      '-new two',
      '--- a header-like added line',
      '+old',
      '@@ -7 +6,0 @@',
      '-seven',
      'diff --git b/gone.js a/gone.js',
      'new file mode 100644',
      '--- /dev/null',
      '+++ a/gone.js',
      '@@ -0,0 +1,2 @@',
      '+was here',
      '+-- b/not-a-header',
      'diff --git b/new.js a/new.js',
      'deleted file mode 100644',
      'index 1111111..0000000',
      'Binary files b/img.png and a/img.png differ',
      'Binary files /dev/null and a/gone.png differ',
      '',
    ].join('\n');
    const files: Array<{ path: string; text: string; lines: number[] }> = [];
    const binary: string[] = [];
    const reader = new PatchReader((f) => files.push({ path: f.path, text: f.text, lines: [...f.lineNumbers] }), (p) => binary.push(p), true);
    reader.push(patch);
    reader.end();
    expect(files).toEqual([{ path: 'x.js', text: 'new two\n-- a header-like added line\nseven\n', lines: [2, 3, 7] }]);
    expect(binary).toEqual(['img.png']);
  });
});

describe('parseAddedLines', () => {
  test('numbers added lines in the new file and ignores removed ones', () => {
    const patch = [
      'diff --git a/x.js b/x.js',
      'index 1..2 100644',
      '--- a/x.js',
      '+++ b/x.js',
      '@@ -2 +2,2 @@',
      '-old',
      '+new two',
      '+new three',
      '@@ -10,0 +12 @@',
      '+twelve',
      '',
    ].join('\n');
    expect(parseAddedLines(patch).get('x.js')).toEqual([
      { line: 2, text: 'new two' },
      { line: 3, text: 'new three' },
      { line: 12, text: 'twelve' },
    ]);
  });

  test('added content that looks like a diff header cannot confuse it', () => {
    const patch = [
      'diff --git a/evil.txt b/evil.txt',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/evil.txt',
      '@@ -0,0 +1,3 @@',
      '++++ b/other.txt',
      '+@@ -0,0 +1,99 @@',
      '+diff --git a/z b/z',
      '\\ No newline at end of file',
      '',
    ].join('\n');
    const parsed = parseAddedLines(patch);
    expect([...parsed.keys()]).toEqual(['evil.txt']);
    expect(parsed.get('evil.txt')!.map((l) => l.text)).toEqual(['+++ b/other.txt', '@@ -0,0 +1,99 @@', 'diff --git a/z b/z']);
  });

  test('quoted and tab-terminated paths; deleted files have no entry', () => {
    const patch = [
      '--- /dev/null',
      '+++ "b/n\\nl"',
      '@@ -0,0 +1 @@',
      '+k',
      '--- /dev/null',
      '+++ b/x y.txt\t',
      '@@ -0,0 +1 @@',
      '+a',
      '--- a/gone.js',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-bye',
      '',
    ].join('\n');
    const parsed = parseAddedLines(patch);
    expect([...parsed.keys()]).toEqual(['n\nl', 'x y.txt']);
  });
});

describe('PatchReader', () => {
  const patch = [
    '--- a/x.js',
    '+++ b/x.js',
    '@@ -2 +2,2 @@',
    '-old',
    '+new two',
    '+café ✓',
    '--- /dev/null',
    '+++ b/y.js',
    '@@ -0,0 +1 @@',
    '++++ b/not-a-header',
    '\\ No newline at end of file',
    '',
  ].join('\n');
  const read = (pieces: readonly string[]) => {
    const files: Array<{ path: string; text: string; lines: number[] }> = [];
    const reader = new PatchReader((f) => files.push({ path: f.path, text: f.text, lines: [...f.lineNumbers] }));
    for (const piece of pieces) reader.push(piece);
    reader.end();
    return files;
  };

  test('hands over each path whole, with its line numbers', () => {
    expect(read([patch])).toEqual([
      { path: 'x.js', text: 'new two\ncafé ✓\n', lines: [2, 3] },
      { path: 'y.js', text: '+++ b/not-a-header\n', lines: [1] },
    ]);
  });

  test('the same result wherever the patch is cut into pieces', () => {
    const whole = read([patch]);
    for (let cut = 0; cut <= patch.length; cut++) {
      expect(read([patch.slice(0, cut), patch.slice(cut)])).toEqual(whole);
    }
    expect(read([...patch])).toEqual(whole);
  });
});

describe('binary entries', () => {
  test('binaryNewPath: the new side of git\'s "Binary files ... differ", for added and modified files only', () => {
    expect(binaryNewPath('Binary files /dev/null and b/img.png differ')).toBe('img.png');
    expect(binaryNewPath('Binary files a/package-lock.json and b/package-lock.json differ')).toBe('package-lock.json');
    // " and " inside the path: both halves are the same path, so the split is by length.
    expect(binaryNewPath('Binary files a/this and that.bin and b/this and that.bin differ')).toBe('this and that.bin');
    expect(binaryNewPath('Binary files /dev/null and b/a and b differ')).toBe('a and b');
    expect(binaryNewPath('Binary files "a/tab\\there.bin" and "b/tab\\there.bin" differ')).toBe('tab\there.bin');
    expect(binaryNewPath('Binary files a/gone.bin and /dev/null differ')).toBeNull();
    expect(binaryNewPath('+Binary files a/x and b/x differ')).toBeNull();
    expect(binaryNewPath('Binary files a/x and b/yy differ')).toBeNull();
  });

  test('binaryNewPath of a reversed patch: the new side comes first', () => {
    expect(binaryNewPath('Binary files b/img.png and a/img.png differ', true)).toBe('img.png');
    expect(binaryNewPath('Binary files b/a and b and a/a and b differ', true)).toBe('a and b');
    expect(binaryNewPath('Binary files b/new.png and /dev/null differ', true)).toBe('new.png');
    expect(binaryNewPath('Binary files /dev/null and a/gone.png differ', true)).toBeNull();
  });

  test('PatchReader reports binary entries between text files, and never from inside a hunk', () => {
    const patch = [
      'diff --git a/img.png b/img.png',
      'index 1111111..2222222 100644',
      'Binary files a/img.png and b/img.png differ',
      'diff --git a/x.js b/x.js',
      '--- a/x.js',
      '+++ b/x.js',
      '@@ -1,0 +2 @@',
      '+Binary files a/q and b/q differ',
      'diff --git a/new.lock b/new.lock',
      'new file mode 100644',
      'Binary files /dev/null and b/new.lock differ',
      '',
    ].join('\n');
    const texts: string[] = [];
    const binary: string[] = [];
    const reader = new PatchReader((f) => texts.push(`${f.path}: ${f.text}`), (path) => binary.push(path));
    reader.push(patch);
    reader.end();
    expect(binary).toEqual(['img.png', 'new.lock']);
    expect(texts).toEqual(['x.js: Binary files a/q and b/q differ\n']);
  });
});
