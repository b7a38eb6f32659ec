/**
 * Staged-semantics matrix, part 3: odd and big files. Sizes are the issue's:
 * a 100 MB file, one 20 MB minified line, 20,000 staged files; each commit
 * must finish within the test's 60 s and report what it scanned.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { githubToken } from './keys';
import { TempRepo } from './repo';
import { baseCommit, expectBlocked, expectCommitted, expectVerdict } from './staged-matrix-helpers';

jest.setTimeout(60_000);

/** Times one commit; the numbers are printed so a slow machine is visible in the log. */
function timed<T>(label: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  process.stdout.write(`[staged-matrix] ${label}: ${Math.round(performance.now() - started)} ms\n`);
  return result;
}

describe('staged matrix: odd files', () => {
  test('a symlink named .env blocks as an env file; --fix unstages it; dangling and looping ones do not crash', () => {
    const repo = TempRepo.create();
    repo.write('secrets/local.env', 'API_TOKEN=abc\n');
    repo.write('.gitignore', 'node_modules\nsecrets/\n');
    baseCommit(repo);
    symlinkSync('secrets/local.env', join(repo.dir, '.env'));
    symlinkSync('does/not/exist', join(repo.dir, '.env.local'));
    symlinkSync('.env.loop', join(repo.dir, '.env.loop'));
    repo.git(['add', '.env']);
    expect(repo.git(['ls-files', '-s', '.env']).stdout).toMatch(/^120000 /);

    const blocked = repo.commit('symlinked env');
    expectBlocked(blocked, '.env  env file staged');
    expect(blocked.output).toContain('.env.local');

    expectVerdict(repo.keyfence(['--fix']), 0);
    expect(repo.git(['ls-files', '.env']).stdout).toBe('');
    expect(readFileSync(join(repo.dir, '.gitignore'), 'utf8')).toMatch(/^\.env$/m);
    repo.git(['add', '.gitignore']);
    // Fixed: the dangling and looping links are now ignored too (--fix added their names).
    expectCommitted(repo.commit('ignore env'));
  });

  test('keys in files whose names are not UTF-8 (new, modified, binary by attributes) are read and block, in the hook and scan --all', () => {
    const repo = TempRepo.create();
    // Latin-1 bytes: the names decode with U+FFFD, which no pathspec argument can name.
    const write = (name: string, text: string) => writeFileSync(repo.latin1Path(name), text);
    write('modifi\xe9.js', 'first();\n');
    write('lock-\xe9.json', '{}\n');
    repo.write('.gitattributes', 'lock-*.json -diff\n');
    baseCommit(repo);
    write('nouveau-\xe9.js', `const t = "${githubToken()}";\n`);
    write('modifi\xe9.js', `first();\nconst t = "${githubToken()}";\n`);
    write('lock-\xe9.json', `{"t": "${githubToken()}"}\n`);
    repo.git(['add', '-A']);
    const blocked = repo.commit('latin-1 names');
    expectBlocked(blocked, 'github-classic-pat');
    expect(blocked.output.match(/github-classic-pat/g)?.length).toBeGreaterThanOrEqual(3);
    expect(blocked.output).toMatch(/nouveau-\uFFFD\.js/);
    expect(blocked.output).toMatch(/modifi\uFFFD\.js/);
    expect(blocked.output).toMatch(/lock-\uFFFD\.json/);
    // The whole-tree scan reads the same files from the work tree (by their names' bytes).
    const tree = repo.keyfence(['scan', '--all']);
    expectVerdict(tree, 1);
    expect(tree.output.match(/github-classic-pat/g)?.length).toBe(3);
  });

  test('a new file whose work-tree copy became a FIFO or a symlink after git add is read from git, without waiting', () => {
    const repo = TempRepo.create();
    repo.write('a.js', 'a();\n');
    baseCommit(repo);
    repo.write('fifo.js', `const t = "${githubToken()}";\n`);
    repo.write('linked.js', `const t = "${githubToken()}";\n`);
    repo.write('clean.js', 'clean();\n');
    repo.git(['add', 'fifo.js', 'linked.js', 'clean.js']);
    rmSync(join(repo.dir, 'fifo.js'));
    execFileSync('mkfifo', [join(repo.dir, 'fifo.js')]);
    rmSync(join(repo.dir, 'linked.js'));
    symlinkSync('clean.js', join(repo.dir, 'linked.js'));
    // The staged bytes hold the keys; a read of the FIFO would wait forever (until the spawn timeout).
    expectBlocked(timed('work-tree FIFO and symlink', () => repo.commit('swapped')), 'fifo.js:1', 'linked.js:1');
  });

  test.each([true, false])('.ENV and .Env with core.ignorecase=%s', (ignorecase) => {
    const repo = TempRepo.create();
    repo.write('.gitignore', 'node_modules\n.env\n');
    repo.write('a.js', 'a();\n');
    baseCommit(repo);
    repo.git(['config', 'core.ignorecase', String(ignorecase)]);
    repo.write('.ENV', 'A=1\n');
    repo.write('config/.Env', 'B=2\n');

    // Force-added past .gitignore (needed only when git ignores it): still blocks.
    repo.git(['add', '-f', '.ENV']);
    expectBlocked(repo.commit('upper-case env'), '.ENV  env file staged');
    expectVerdict(repo.keyfence(['--fix']), 0);
    expect(repo.git(['ls-files', '.ENV']).stdout).toBe('');

    // Untracked .Env: ignored by `.env` only when git ignores case; otherwise a warning naming it.
    const gitignore = readFileSync(join(repo.dir, '.gitignore'), 'utf8');
    repo.write('b.js', 'b();\n');
    repo.git(['add', '-A']);
    const next = repo.commit('after fix');
    expectCommitted(next, /keyfence: /);
    if (ignorecase) {
      expect(gitignore).toBe('node_modules\n.env\n');
      expect(next.output).not.toContain('config/.Env');
    } else {
      // --fix added both names: git with case-sensitive matching needs them.
      expect(gitignore).toMatch(/^\.ENV$/m);
      expect(gitignore).toMatch(/^\.Env$/m);
      expect(next.output).not.toContain('config/.Env');
    }
  });

  test('a 100 MB file: a key at its end blocks (and a whole-tree scan finds it), the clean file passes, each commit well under a minute', () => {
    const repo = TempRepo.create();
    const line = 'export const row = computeSomething(alpha, beta, gamma) + 42; // filler\n';
    const body = line.repeat(Math.ceil(100e6 / line.length));
    expect(body.length).toBeGreaterThanOrEqual(100e6);
    repo.write('data/big.js', `${body}const k = "${githubToken()}";\n`);
    timed('git add 100 MB', () => repo.git(['add', 'data/big.js']));
    const lineNo = body.length / line.length + 1;
    expectBlocked(timed('commit 100 MB with key', () => repo.commit('big with key')), `data/big.js:${lineNo}:12`);
    // The staged file is tracked: `scan --all` reads it whole from the work tree, like CI's first scan would.
    const tree = timed('scan --all over 100 MB with key', () => repo.keyfence(['scan', '--all']));
    expectVerdict(tree, 1);
    expect(tree.output).toContain(`data/big.js:${lineNo}:12`);

    repo.write('data/big.js', body);
    timed('git add 100 MB clean', () => repo.git(['add', 'data/big.js']));
    expectCommitted(timed('commit 100 MB clean', () => repo.commit('big clean')), new RegExp(`keyfence: 1 file, ${lineNo - 1} added lines, no secrets`));
  });

  test('one 20 MB minified line: a provider key inside it blocks at the right column; without it, it passes', () => {
    const repo = TempRepo.create();
    const chunk = 'function a(b){return b.map(function(c){return c*2})};var d={e:"f",g:[1,2,3]};';
    const half = chunk.repeat(Math.ceil(10e6 / chunk.length));
    repo.write('dist/bundle.min.js', `${half}var k="${githubToken()}";${half}`);
    repo.git(['add', 'dist/bundle.min.js']);
    expectBlocked(timed('commit 20 MB line with key', () => repo.commit('bundle with key')), `dist/bundle.min.js:1:${half.length + 8}`);

    repo.write('dist/bundle.min.js', `${half}var k=process.env.TOKEN;${half}`);
    repo.git(['add', 'dist/bundle.min.js']);
    expectCommitted(timed('commit 20 MB line clean', () => repo.commit('bundle clean')));
  });

  test('20,000 staged files: one key among them blocks at its path; without it, all pass', () => {
    const repo = TempRepo.create();
    for (let d = 0; d < 200; d++) {
      const dir = join(repo.dir, 'src', `m${d}`);
      mkdirSync(dir, { recursive: true });
      for (let f = 0; f < 100; f++) writeFileSync(join(dir, `f${f}.js`), `export const v${d}_${f} = ${d * 100 + f};\n`);
    }
    writeFileSync(join(repo.dir, 'src/m123/f45.js'), `export const t = "${githubToken()}";\n`);
    timed('git add 20,000 files', () => repo.git(['add', 'src']));
    expect(repo.git(['diff', '--cached', '--name-only']).stdout.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(20_000);
    expectBlocked(timed('commit 20,000 files with key', () => repo.commit('many with key')), 'src/m123/f45.js:1:19');

    writeFileSync(join(repo.dir, 'src/m123/f45.js'), 'export const t = process.env.TOKEN;\n');
    repo.git(['add', 'src/m123/f45.js']);
    expectCommitted(timed('commit 20,000 files clean', () => repo.commit('many clean')), /keyfence: 2000\d files, 2000\d added lines, no secrets/);
  });
});
