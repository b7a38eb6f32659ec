/**
 * The staged changes that are measured, each in its own real git repository with
 * keyfence installed from the packed tarball and wired by `keyfence init` (husky):
 * (a) a typical change, (b) a large change of real-world source, (c) a fixed 5 MB
 * subset of (b) for the secretlint comparison.
 */
import { closeSync, copyFileSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Template } from './setup';
import { BenchError, MB, mustRun, seededRandom } from './util';

export interface Change {
  readonly id: 'a' | 'b' | 'c';
  readonly title: string;
  readonly dir: string;
  /** Staged paths, relative to the repository top. */
  readonly files: readonly string[];
  /** Bytes of the staged added lines (newlines included). */
  readonly addedBytes: number;
  readonly addedLines: number;
}

export interface CorpusFile {
  readonly src: string;
  readonly rel: string;
  readonly size: number;
}

/** Files git would treat specially inside the repo, so they are not copied. */
const SKIP_NAMES = new Set(['.git', '.bin', '.gitignore', '.gitattributes', '.gitmodules', '.package-lock.json']);

/** git's own test: a NUL byte in the first 8000 bytes makes a file binary. */
function isBinary(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(8000);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).includes(0);
  } finally {
    closeSync(fd);
  }
}

/**
 * Every text file under the corpus, in a stable order, with a repo path under
 * vendor/ (a `node_modules` folder would be ignored by the repo's .gitignore).
 */
export function listCorpus(root: string, under = '', prefix = 'vendor'): CorpusFile[] {
  const out: CorpusFile[] = [];
  const walk = (dir: string, rel: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    for (const e of entries) {
      if (SKIP_NAMES.has(e.name)) continue;
      const src = join(dir, e.name);
      const name = e.name === 'node_modules' ? '_nm' : e.name;
      const r = rel ? `${rel}/${name}` : name;
      if (e.isDirectory()) walk(src, r);
      else if (e.isFile() && !isBinary(src)) out.push({ src, rel: r, size: statSync(src).size });
    }
  };
  walk(under ? join(root, under) : root, prefix);
  return out;
}

function git(dir: string, env: NodeJS.ProcessEnv, args: readonly string[]): string {
  return mustRun('git', args, { cwd: dir, env, what: `git ${args.join(' ')}` });
}

/** A repo with package.json, the template's node_modules, keyfence init (husky) and `setup` committed. */
function createRepo(dir: string, template: Template, env: NodeJS.ProcessEnv, setup: () => void): void {
  mkdirSync(dir, { recursive: true });
  git(dir, env, ['init', '-q', '-b', 'main']);
  git(dir, env, ['config', 'user.name', 'Bench']);
  git(dir, env, ['config', 'user.email', 'bench@example.com']);
  git(dir, env, ['config', 'commit.gpgsign', 'false']);
  copyFileSync(join(template.dir, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(template.dir, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, '.gitignore'), 'node_modules\n');
  setup();
  mustRun(join(dir, 'node_modules', '.bin', 'keyfence'), ['init'], { cwd: dir, env, what: 'keyfence init', ok: [0] });
  if (!readFileSync(join(dir, '.husky', 'pre-commit'), 'utf8').includes('keyfence')) {
    throw new BenchError(`keyfence init did not wire .husky/pre-commit in ${dir}`);
  }
  git(dir, env, ['add', '-A']);
  git(dir, env, ['commit', '-q', '--no-verify', '-m', 'base']);
}

function write(dir: string, rel: string, content: string | Buffer): void {
  const full = join(dir, rel);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, content);
}

/** Counts the staged added lines and their bytes from git's own diff. */
function measureAdditions(dir: string, env: NodeJS.ProcessEnv): { lines: number; bytes: number; files: string[] } {
  const diff = git(dir, env, ['diff', '--cached', '--no-color', '--no-ext-diff', '-U0']);
  let lines = 0;
  let bytes = 0;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+') && !line.startsWith('+++ ')) {
      lines++;
      bytes += Buffer.byteLength(line); // the '+' stands in for the newline
    }
  }
  const files = git(dir, env, ['diff', '--cached', '--name-only', '-z']).split('\0').filter(Boolean);
  return { lines, bytes, files };
}

const CUT_LINES = 50;

/** A realistic new test file of CUT_LINES lines for `module`. */
function testFile(module: string): string {
  const fn = module.replace(/[^A-Za-z0-9]/g, '');
  const lines = [
    `import { of, from, throwError, Subject, lastValueFrom } from 'rxjs';`,
    `import { toArray, take } from 'rxjs/operators';`,
    `import { ${fn} } from '../src/internal/operators/${module}';`,
    ``,
    `describe('${fn}', () => {`,
    `  it('passes values through in order', async () => {`,
    `    const result = await lastValueFrom(of(1, 2, 3).pipe(toArray()));`,
    `    expect(result).toEqual([1, 2, 3]);`,
    `  });`,
    ``,
    `  it('completes when the source completes', async () => {`,
    `    const seen: number[] = [];`,
    `    await lastValueFrom(from([4, 5, 6]), { defaultValue: undefined });`,
    `    from([4, 5, 6]).subscribe((v) => seen.push(v));`,
    `    expect(seen).toHaveLength(3);`,
    `  });`,
    ``,
    `  it('forwards errors from the source', async () => {`,
    `    const failing = throwError(() => new Error('boom'));`,
    `    await expect(lastValueFrom(failing)).rejects.toThrow('boom');`,
    `  });`,
    ``,
    `  it('unsubscribes from the source when the consumer stops', () => {`,
    `    const subject = new Subject<number>();`,
    `    const received: number[] = [];`,
    `    const sub = subject.pipe(take(2)).subscribe((v) => received.push(v));`,
    `    subject.next(1);`,
    `    subject.next(2);`,
    `    subject.next(3);`,
    `    expect(received).toEqual([1, 2]);`,
    `    expect(sub.closed).toBe(true);`,
    `  });`,
    ``,
    `  it('handles an empty source', async () => {`,
    `    const result = await lastValueFrom(from([] as number[]).pipe(toArray()));`,
    `    expect(result).toEqual([]);`,
    `  });`,
    ``,
    `  it('works with a long source without stack growth', async () => {`,
    `    const values = Array.from({ length: 10_000 }, (_, i) => i);`,
    `    const result = await lastValueFrom(from(values).pipe(toArray()));`,
    `    expect(result[result.length - 1]).toBe(9_999);`,
    `  });`,
    ``,
    `  it('is exported under its documented name', () => {`,
    `    expect(typeof ${fn}).toBe('function');`,
    `  });`,
    `});`,
    ``,
    `// The cases above mirror the operator's documented contract.`,
  ];
  if (lines.length !== CUT_LINES) throw new BenchError(`test file template has ${lines.length} lines, expected ${CUT_LINES}`);
  return lines.join('\n') + '\n';
}

/**
 * (a) A typical change: a project made of rxjs's real TypeScript sources (about
 * 260 files) is committed with a 50-line block missing from 9 of them; the change
 * puts the blocks back and adds one 50-line test file: 10 files, 500 added lines.
 */
export function buildTypical(dir: string, corpusRoot: string, template: Template, env: NodeJS.ProcessEnv): Change {
  const project = listCorpus(corpusRoot, 'rxjs/src', 'src');
  const long = project.filter((f) => f.rel.endsWith('.ts') && readFileSync(f.src, 'utf8').split('\n').length >= 150);
  if (long.length < 9) throw new BenchError(`the typical change needs 9 source files of 150+ lines in rxjs/src, found ${long.length}`);
  const picked = Array.from({ length: 9 }, (_, i) => long[Math.floor((i * long.length) / 9)]!);
  const pickedSet = new Set(picked.map((f) => f.rel));
  createRepo(dir, template, env, () => {
    for (const f of project) {
      const text = readFileSync(f.src, 'utf8');
      if (!pickedSet.has(f.rel)) {
        write(dir, f.rel, text);
        continue;
      }
      const lines = text.split('\n');
      const at = Math.floor(lines.length / 3);
      lines.splice(at, CUT_LINES);
      write(dir, f.rel, lines.join('\n'));
    }
  });
  for (const f of picked) write(dir, f.rel, readFileSync(f.src));
  const module = basename(picked[0]!.rel, '.ts');
  write(dir, `spec/${module}.spec.ts`, testFile(module));
  git(dir, env, ['add', '-A']);
  const added = measureAdditions(dir, env);
  if (added.files.length !== 10) throw new BenchError(`the typical change stages ${added.files.length} files, expected 10`);
  return {
    id: 'a',
    title: 'typical change: 9 source files each given back a 50-line block, plus 1 new test file',
    dir,
    files: added.files,
    addedBytes: added.bytes,
    addedLines: added.lines,
  };
}

/** Stages `files` (all new) in a fresh repo. */
function buildNewFiles(id: 'b' | 'c', title: string, dir: string, files: readonly CorpusFile[], template: Template, env: NodeJS.ProcessEnv): Change {
  createRepo(dir, template, env, () => undefined);
  let bytes = 0;
  for (const f of files) {
    const full = join(dir, f.rel);
    mkdirSync(dirname(full), { recursive: true });
    copyFileSync(f.src, full);
    bytes += f.size;
  }
  git(dir, env, ['add', '-A']);
  const staged = git(dir, env, ['diff', '--cached', '--name-only', '-z']).split('\0').filter(Boolean);
  if (staged.length !== files.length) throw new BenchError(`${title}: git staged ${staged.length} files of the ${files.length} copied`);
  const lines = git(dir, env, ['diff', '--cached', '--numstat'])
    .split('\n')
    .reduce((n, row) => n + (Number(row.split('\t')[0]) || 0), 0);
  return { id, title, dir, files: staged, addedBytes: bytes, addedLines: lines };
}

export const LARGE_MIN_BYTES = 100 * MB;
export const LARGE_MIN_FILES = 10_000;
export const SUBSET_BYTES = 5 * MB;

/** (b) Every text file of the corpus, staged as new files. */
export function buildLarge(dir: string, corpus: readonly CorpusFile[], template: Template, env: NodeJS.ProcessEnv): Change {
  const bytes = corpus.reduce((n, f) => n + f.size, 0);
  if (bytes < LARGE_MIN_BYTES || corpus.length < LARGE_MIN_FILES) {
    throw new BenchError(
      `the corpus has ${corpus.length} text files and ${(bytes / MB).toFixed(1)} MB; the large change needs ` +
        `${LARGE_MIN_FILES}+ files and ${LARGE_MIN_BYTES / MB}+ MB: add packages to CORPUS_PACKAGES in test/bench/setup.ts`,
    );
  }
  return buildNewFiles('b', 'large change: real-world source staged as new files', dir, corpus, template, env);
}

/** (c) A fixed, seeded sample of (b)'s files filling 5 MB (files that would overflow it are passed over). */
export function pickSubset(corpus: readonly CorpusFile[]): CorpusFile[] {
  const random = seededRandom(0x6b657966);
  const order = corpus.map((f) => ({ f, k: random() })).sort((x, y) => x.k - y.k);
  const out: CorpusFile[] = [];
  let total = 0;
  for (const { f } of order) {
    if (total + f.size > SUBSET_BYTES) continue;
    out.push(f);
    total += f.size;
    if (total > SUBSET_BYTES * 0.99) break;
  }
  return out.sort((x, y) => (x.rel < y.rel ? -1 : 1));
}

export function buildSubset(dir: string, subset: readonly CorpusFile[], template: Template, env: NodeJS.ProcessEnv): Change {
  return buildNewFiles('c', '5 MB subset of (b), for secretlint', dir, subset, template, env);
}
