import { parseAddedLines, parseRawAndNumstat } from '../../src/git/diff-parse';
import { unquoteGitPath } from '../../src/git/quoted-path';

describe('unquoteGitPath', () => {
  test('leaves plain paths alone', () => {
    expect(unquoteGitPath('b/src/a.ts')).toBe('b/src/a.ts');
  });
  test('decodes C escapes and octal UTF-8 bytes', () => {
    expect(unquoteGitPath('"b/line\\nbreak \\"q\\" back\\\\slash\\ttab"')).toBe('b/line\nbreak "q" back\\slash\ttab');
    expect(unquoteGitPath('"b/caf\\303\\251.js"')).toBe('b/café.js');
  });
});

describe('parseRawAndNumstat', () => {
  test('pairs raw records with binary flags from numstat', () => {
    const out =
      ':000000 100644 0000000000000000000000000000000000000000 1111111111111111111111111111111111111111 A\0a b.js\0' +
      ':100644 000000 2222222222222222222222222222222222222222 0000000000000000000000000000000000000000 D\0old.js\0' +
      ':000000 160000 0000000000000000000000000000000000000000 3333333333333333333333333333333333333333 A\0sub\0' +
      '2\t0\ta b.js\0' + '0\t3\told.js\0' + '-\t-\timg\nx.png\0';
    const { entries, binary } = parseRawAndNumstat(out);
    expect(entries.map((e) => [e.status, e.path, e.newMode])).toEqual([
      ['A', 'a b.js', '100644'],
      ['D', 'old.js', '000000'],
      ['A', 'sub', '160000'],
    ]);
    expect([...binary]).toEqual(['img\nx.png']);
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
