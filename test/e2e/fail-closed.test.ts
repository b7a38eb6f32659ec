/**
 * Fail closed everywhere: when keyfence cannot judge a commit it exits 2, the
 * commit is blocked, and the message names the cause and the one-off bypass.
 * Faults are injected the way they happen to users: through what the hook's
 * shell sees (husky sources ~/.config/husky/init.sh before every hook, where
 * version managers put their PATH), or in the repository's own files.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { githubToken } from './keys';
import { TempRepo, plant, type RunResult } from './repo';
import { baseCommit, head, hookCode } from './staged-matrix-helpers';

jest.setTimeout(60_000);

const REAL_GIT = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();

/** A repo with a clean base commit and a staged key, so that a fault must not turn into a pass. */
function stagedRepo(): TempRepo {
  const repo = TempRepo.create();
  repo.write('a.js', 'a();\n');
  baseCommit(repo);
  repo.write('k.js', `const k = "${githubToken()}";\n`);
  repo.git(['add', 'k.js']);
  return repo;
}

/** Shell lines every husky hook of this repo's user runs first. */
function huskyInit(repo: TempRepo, script: string): void {
  const dir = join(repo.env.XDG_CONFIG_HOME!, 'husky');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'init.sh'), script);
}

/** A folder holding a `git` script (to put first on PATH); the real git is at REAL_GIT. */
function fakeGit(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kf-fakegit-'));
  writeFileSync(join(dir, 'git'), `#!/bin/sh\nREAL_GIT='${REAL_GIT}'\n${body}\n`);
  chmodSync(join(dir, 'git'), 0o755);
  return dir;
}

/** exit 2 (directly, or as husky's reported code), the cause named, the bypass named. */
function expectFailClosed(result: RunResult, cause: RegExp, viaHook: boolean): void {
  const code = viaHook ? hookCode(result) : result.status;
  const ok = code === 2 && cause.test(result.output) && result.output.includes('git commit --no-verify');
  if (!ok) throw new Error(`expected exit 2 naming ${cause} and --no-verify; got ${code}, output:\n${result.output.slice(-3000)}`);
  // A stack trace is for KEYFENCE_DEBUG, not for users.
  expect(result.output).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
}

/** Commit through the real hook: fails closed, HEAD does not move. */
function expectCommitFailsClosed(repo: TempRepo, cause: RegExp): void {
  const before = head(repo);
  expectFailClosed(repo.commit('must not land'), cause, true);
  expect(head(repo)).toBe(before);
}

describe('fail closed', () => {
  test('an unreadable index: GIT_INDEX_FILE pointing at a corrupt file', () => {
    const repo = stagedRepo();
    const corrupt = join(mkdtempSync(join(tmpdir(), 'kf-index-')), 'index');
    writeFileSync(corrupt, Buffer.from('DIRC\0\0\0\x02 definitely not an index'));
    expectFailClosed(repo.keyfence([], { env: { ...repo.env, GIT_INDEX_FILE: corrupt } }), /index/i, false);
    huskyInit(repo, `export GIT_INDEX_FILE='${corrupt}'\n`);
    expectCommitFailsClosed(repo, /index/i);
  });

  test('a corrupt .git/index: git refuses the commit itself, and keyfence run directly exits 2', () => {
    const repo = stagedRepo();
    writeFileSync(join(repo.dir, '.git', 'index'), 'garbage');
    expectFailClosed(repo.keyfence([]), /index/i, false);
    const before = head(repo);
    expect(repo.commit('must not land').status).not.toBe(0);
    expect(head(repo)).toBe(before);
  });

  test('git too old for the options keyfence needs: the message says which version is needed', () => {
    const repo = stagedRepo();
    const bin = fakeGit(
      [
        'for a in "$@"; do',
        '  case "$a" in',
        '    --version|version) echo "git version 2.17.1"; exit 0;;',
        '    --no-relative|--absolute-git-dir) echo "error: unknown option \\`${a#--}\'" >&2; exit 129;;',
        '  esac',
        'done',
        'exec "$REAL_GIT" "$@"',
      ].join('\n'),
    );
    expectFailClosed(repo.keyfence([], { env: { ...repo.env, PATH: `${bin}:${repo.env.PATH}` } }), /git 2\.17 is too old.*2\.28/, false);
    huskyInit(repo, `export PATH='${bin}':"$PATH"\n`);
    expectCommitFailsClosed(repo, /git 2\.17 is too old.*2\.28/);
  });

  test.each([
    ['killed before any output', 'kill -9 $$'],
    ['killed after part of its output', '"$REAL_GIT" "$@" | head -c 300; kill -9 $$'],
  ])('a git process %s (SIGKILL) is an error, never an empty diff', (_label, onDiff) => {
    const repo = stagedRepo();
    const bin = fakeGit(`case " $* " in *" diff "*) ${onDiff};; esac\nexec "$REAL_GIT" "$@"`);
    huskyInit(repo, `export PATH='${bin}':"$PATH"\n`);
    expectCommitFailsClosed(repo, /git diff failed: git was killed by a signal/);
  });

  test('a git that fails silently (exit 1, nothing on stderr) is an error too', () => {
    const repo = stagedRepo();
    const bin = fakeGit(`case " $* " in *" diff "*) exit 1;; esac\nexec "$REAL_GIT" "$@"`);
    huskyInit(repo, `export PATH='${bin}':"$PATH"\n`);
    expectCommitFailsClosed(repo, /git diff failed: git exited with code 1/);
  });

  test('a corrupted git config: git refuses the commit, keyfence run directly exits 2 naming the file', () => {
    const repo = stagedRepo();
    writeFileSync(join(repo.dir, '.git', 'config'), '[core\n\tbare = what\n', { flag: 'a' });
    expectFailClosed(repo.keyfence([]), /bad config|config/i, false);
    expect(repo.commit('must not land').status).not.toBe(0);
  });

  test.each([
    ['.keyfencerc.json is not JSON', '.keyfencerc.json', '{ "allow": ', /\.keyfencerc\.json is not valid JSON/],
    ['an unknown key', '.keyfencerc.json', '{ "rulez": {} }', /\.keyfencerc\.json: rulez/],
    ['a wrong type', '.keyfencerc.json', '{ "rules": { "blockLowConfidence": "yes" } }', /rules\.blockLowConfidence/],
    ['an empty baseline path', '.keyfencerc.json', '{ "baseline": "" }', /baseline/],
    ['an invalid allow pattern', '.keyfencerc.json', '{ "allow": { "patterns": ["("] } }', /allow\.patterns: "\(" is not a valid regular expression/],
    ['a corrupt baseline', '.keyfence-baseline.json', '{"version":1,"fingerprints":["zz"]}', /\.keyfence-baseline\.json: fingerprints/],
    ['a baseline that is not JSON', '.keyfence-baseline.json', '\0\0\0', /\.keyfence-baseline\.json is not valid JSON/],
  ])('a corrupted keyfence config: %s', (_label, file, content, cause) => {
    const repo = stagedRepo();
    repo.write(file, content);
    expectCommitFailsClosed(repo, cause);
  });

  test('out-of-range options on the hook line or the command line exit 2 with the bypass', () => {
    const repo = stagedRepo();
    repo.write('.husky/pre-commit', 'keyfence --format xml\n');
    expectCommitFailsClosed(repo, /--format must be one of text, json, sarif, github, not "xml"/);
    repo.write('.husky/pre-commit', 'keyfence --frobnicate\n');
    expectCommitFailsClosed(repo, /unknown option --frobnicate/);
    repo.write('.husky/pre-commit', 'keyfence\n');

    // Outside a hook, a failed scan names its cause and stops; there is no commit to bypass.
    const since = repo.keyfence(['scan', '--since', 'no-such-revision']);
    expect(since.status).toBe(2);
    expect(since.stderr).toMatch(/--since no-such-revision: no such commit/);
    expect(since.stderr).toContain('keyfence scan stopped (exit 2)');
    for (const [args, cause] of [
      [['scan', '--output'], /--output needs a value/],
      [['scan', '--staged', 'extra/path'], /--staged takes no paths/],
      [['rules', '--format', 'sarif'], /rules supports --format text or json/],
    ] as const) {
      expectFailClosed(repo.keyfence(args), cause, false);
    }
  });

  test('the leak guard itself: a file written by a keyfence run that holds a planted key fails the run', () => {
    const repo = TempRepo.create();
    const secret = plant(`canary-${Date.now()}-guard-check`);
    // A stand-in "cli.js" that writes the secret into the repository, as a leaking keyfence would.
    const script = join(mkdtempSync(join(tmpdir(), 'kf-leaky-')), 'cli.js');
    writeFileSync(script, `require('fs').writeFileSync(${JSON.stringify(join(repo.dir, 'leak.sarif'))}, ${JSON.stringify(secret)});\n`);
    expect(() => repo.run(process.execPath, [script])).toThrow(/planted secret appeared in full in .*leak\.sarif/);
    // And an --output file outside the repository is checked as well.
    const out = join(mkdtempSync(join(tmpdir(), 'kf-out-')), 'report.json');
    writeFileSync(script, `require('fs').writeFileSync(${JSON.stringify(out)}, ${JSON.stringify(secret)});\n`);
    expect(() => repo.run(process.execPath, [script, '--output', out])).toThrow(/planted secret appeared in full in --output file/);
    // Clean up what the stand-in wrote, so the after-test check does not fail this test again.
    writeFileSync(out, 'removed');
  });
});
