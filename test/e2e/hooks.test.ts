/**
 * keyfence under each hook manager people use, end to end: the manager installed
 * from the npm registry (pinned), its hook installed its own way, a real `git commit`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anthropicKey, githubToken } from './keys';
import { available, managerRepo, managersTemplate } from './managers';
import { assertNoSecretIn, TempRepo } from './repo';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..');

beforeAll(() => {
  managersTemplate(); // one npm install for the whole file, cached across runs
}, 300_000);

/** A clean base commit (through whatever hook is installed), so later commits have a HEAD. */
function base(repo: TempRepo, extra: readonly string[] = []): void {
  repo.write('README.md', '# project\n');
  repo.git(['add', '-A']);
  const r = repo.commit('base', extra);
  if (r.status !== 0) throw new Error(`base commit failed: ${r.output}`);
}

/**
 * `git commit` with the output leak check but not the written-files one: when a task
 * fails, lint-staged restores the work tree from its backup stash, rewriting the test's
 * own file that holds the key. That rewrite is lint-staged's, not a keyfence leak.
 */
function commitPastFileGuard(repo: TempRepo, message: string): { status: number | null; output: string } {
  const r = spawnSync('git', ['commit', '-m', message], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  assertNoSecretIn(output, `output of git commit -m ${message}`);
  return { status: r.status, output };
}

describe('lint-staged (through husky): file list arguments', () => {
  function lintStagedRepo(glob: string): TempRepo {
    const repo = managerRepo({ 'lint-staged': { [glob]: 'keyfence' } });
    const init = repo.keyfence(['init']);
    expect(init.status).toBe(0);
    // The documented setup: husky's hook runs lint-staged, lint-staged runs keyfence on the staged files.
    repo.write('.husky/pre-commit', 'npx lint-staged\n');
    // init recognises keyfence behind lint-staged and adds no second line.
    const again = repo.keyfence(['init']);
    expect(again.stdout).toContain('already set up');
    expect(repo.read('.husky/pre-commit').toString()).toBe('npx lint-staged\n');
    base(repo);
    return repo;
  }

  test('a key in a staged file blocks; a clean commit passes', () => {
    const repo = lintStagedRepo('*');
    repo.write('src/client.js', `const token = "${githubToken()}";\n`);
    repo.write('notes.md', 'nothing here\n');
    repo.git(['add', '-A']);
    const blocked = commitPastFileGuard(repo, 'key');
    expect(blocked.status).not.toBe(0);
    expect(blocked.output).toContain('src/client.js:1:16');
    expect(blocked.output).toContain('github-classic-pat');
    expect(repo.headCount()).toBe(1);

    repo.git(['rm', '-q', '--cached', 'src/client.js']);
    const clean = repo.commit('notes');
    expect(clean.status).toBe(0);
    expect(repo.headCount()).toBe(2);
  });

  test('a staged .env is among the files lint-staged passes ("*" matches dotfiles) and blocks', () => {
    const repo = lintStagedRepo('*');
    repo.write('.env', 'DATABASE_URL=postgres://localhost/dev\n');
    repo.git(['add', '.env']);
    const blocked = repo.commit('env');
    expect(blocked.status).not.toBe(0);
    expect(blocked.output).toContain('.env');
    expect(blocked.output).toContain('env file staged and not ignored by git');
  });

  test('keyfence judges only the paths it is given (a narrower glob leaves other files unjudged)', () => {
    const repo = lintStagedRepo('*.js');
    repo.write('a.js', 'ok();\n');
    repo.write('notes.md', `token: ${githubToken()}\n`);
    repo.git(['add', '-A']);
    // lint-staged passes only a.js, so the key in notes.md is not keyfence's to judge here.
    expect(repo.commit('narrow').status).toBe(0);

    // The same selection on the command line: absolute, relative to a subfolder, a folder.
    repo.write('notes.md', `token: ${anthropicKey()}\n`);
    repo.write('sub/b.js', 'fine();\n');
    repo.git(['add', '-A']);
    expect(repo.keyfence(['check', join(repo.dir, 'a.js'), join(repo.dir, 'sub/b.js')]).status).toBe(0);
    const sub = repo.keyfence(['check', '../notes.md'], { cwd: join(repo.dir, 'sub') });
    expect(sub.status).toBe(1);
    expect(sub.output).toContain('notes.md:1:8');
    expect(repo.keyfence([join(repo.dir, 'notes.md')]).status).toBe(1);
    expect(repo.keyfence(['check', 'sub']).status).toBe(0);
    const outside = repo.keyfence(['check', join(tmpdir(), 'elsewhere.js')]);
    expect(outside.status).toBe(2);
    expect(outside.output).toContain('is not inside the repository');
  });
});

describe('simple-git-hooks', () => {
  test('the documented config, installed by simple-git-hooks, blocks a key at commit and at push', () => {
    const repo = managerRepo({ 'simple-git-hooks': { 'pre-commit': 'npx keyfence', 'pre-push': 'npx keyfence pre-push "$@"' } });
    const install = repo.run(join(repo.dir, 'node_modules', '.bin', 'simple-git-hooks'), []);
    expect(install.status).toBe(0);
    const hook = repo.git(['rev-parse', '--git-path', 'hooks/pre-commit']).stdout.trim();
    expect(readFileSync(join(repo.dir, hook), 'utf8')).toContain('npx keyfence');

    repo.write('a.js', 'one();\ntwo();\n');
    repo.git(['add', '-A']);
    const clean = repo.commit('clean');
    expect(clean.status).toBe(0);
    expect(clean.output).toMatch(/keyfence: \d+ files, \d+ added lines, no secrets/);

    repo.write('b.js', `const k = "${anthropicKey()}";\n`);
    repo.git(['add', 'b.js']);
    const blocked = repo.commit('key');
    expect(blocked.status).not.toBe(0);
    expect(blocked.output).toContain('b.js:1:12');
    expect(blocked.output).toContain('anthropic-api-key');
    expect(repo.headCount()).toBe(1);

    const remote = mkdtempSync(join(tmpdir(), 'kf-remote-'));
    execFileSync('git', ['init', '-q', '--bare', remote], { env: repo.env });
    repo.git(['remote', 'add', 'origin', remote]);
    expect(repo.commit('skipped', ['--no-verify']).status).toBe(0);
    const push = repo.git(['push', 'origin', 'main']);
    expect(push.status).not.toBe(0);
    expect(push.output).toContain('b.js:1:12');
    expect(push.output).toContain('push to origin blocked');
    rmSync(remote, { recursive: true, force: true });
  });
});

describe('lefthook', () => {
  test('the documented lefthook.yml blocks a key at commit and at push (refs on stdin)', () => {
    const repo = managerRepo();
    // The snippet from docs/hooks.md, verbatim.
    const docs = readFileSync(join(ROOT, 'docs', 'hooks.md'), 'utf8');
    const snippet = /```yaml\n# lefthook\.yml\n([\s\S]*?)```/.exec(docs);
    expect(snippet).not.toBeNull();
    repo.write('lefthook.yml', snippet![1]!);
    const install = repo.run(join(repo.dir, 'node_modules', '.bin', 'lefthook'), ['install']);
    expect(install.status).toBe(0);

    base(repo);
    repo.write('c.js', `const k = "${githubToken()}";\n`);
    repo.git(['add', 'c.js']);
    const blocked = repo.commit('key');
    expect(blocked.status).not.toBe(0);
    expect(blocked.output).toContain('c.js:1:12');
    expect(repo.headCount()).toBe(1);

    // A commit that skipped the hook is still caught when it is pushed.
    const remote = mkdtempSync(join(tmpdir(), 'kf-remote-'));
    execFileSync('git', ['init', '-q', '--bare', remote], { env: repo.env });
    repo.git(['remote', 'add', 'origin', remote]);
    expect(repo.commit('skipped', ['--no-verify']).status).toBe(0);
    const push = repo.git(['push', 'origin', 'main']);
    expect(push.status).not.toBe(0);
    expect(push.output).toContain('c.js:1:12');
    expect(push.output).toContain('push to origin blocked');
    expect(repo.git(['ls-remote', remote]).stdout.trim()).toBe('');
    rmSync(remote, { recursive: true, force: true });
  });
});

describe('plain core.hooksPath: keyfence init --no-husky', () => {
  test('writes .githooks/pre-commit, sets core.hooksPath, is idempotent, blocks a key', () => {
    const repo = TempRepo.create({ init: false });
    const init = repo.keyfence(['init', '--no-husky']);
    expect(init.status).toBe(0);
    expect(init.stdout).toContain('created .githooks/pre-commit');
    expect(repo.git(['config', 'core.hooksPath']).stdout.trim()).toBe('.githooks');
    const script = repo.read('.githooks/pre-commit').toString();
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    expect(statSync(join(repo.dir, '.githooks/pre-commit')).mode & 0o111).not.toBe(0);
    const again = repo.keyfence(['init', '--no-husky']);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('already set up');
    expect(repo.read('.githooks/pre-commit').toString()).toBe(script);
    expect(existsSync(join(repo.dir, '.husky'))).toBe(false);

    repo.write('a.js', 'ok();\n');
    repo.git(['add', '-A']);
    const clean = repo.commit('clean');
    expect(clean.status).toBe(0);
    expect(clean.output).toMatch(/keyfence: \d+ files, \d+ added lines, no secrets/);
    repo.write('b.js', `const k = "${githubToken()}";\n`);
    repo.git(['add', 'b.js']);
    const blocked = repo.commit('key');
    expect(blocked.status).not.toBe(0);
    expect(blocked.output).toContain('b.js:1:12');
    expect(repo.headCount()).toBe(1);
  });

  test('keeps what the hooks already run, even a script that ends in exit 0, and hooks from .git/hooks', () => {
    const repo = TempRepo.create({ init: false });
    repo.write('.githooks/pre-commit', '#!/bin/sh\necho existing-check-ran\nexit 0\n');
    const hooksDir = join(repo.dir, '.git', 'hooks');
    writeFileSync(join(hooksDir, 'commit-msg'), '#!/bin/sh\necho commit-msg-ran >> "$(git rev-parse --git-dir)/msg-log"\n', { mode: 0o755 });
    // git stops reading .git/hooks once core.hooksPath is set, so init carries them over.
    const init = repo.keyfence(['init', '--no-husky']);
    expect(init.status).toBe(0);
    expect(init.stdout).toContain('copied .git/hooks/commit-msg to .githooks/commit-msg');
    const script = repo.read('.githooks/pre-commit').toString();
    expect(script).toContain('echo existing-check-ran\nexit 0\n');
    expect(script.indexOf('keyfence')).toBeLessThan(script.indexOf('existing-check-ran'));

    repo.write('a.js', 'ok();\n');
    repo.git(['add', '-A']);
    const clean = repo.commit('clean');
    expect(clean.status).toBe(0);
    expect(clean.output).toContain('existing-check-ran');
    expect(readFileSync(join(repo.dir, '.git', 'msg-log'), 'utf8')).toContain('commit-msg-ran');
    repo.write('b.js', `const k = "${githubToken()}";\n`);
    repo.git(['add', 'b.js']);
    expect(repo.commit('key').status).not.toBe(0);
  });

  test('leaves a hook in another language untouched and says what to add', () => {
    const repo = TempRepo.create({ init: false });
    const script = '#!/usr/bin/env node\nconsole.log("custom");\n';
    repo.write('.githooks/pre-commit', script);
    const result = repo.keyfence(['init', '--no-husky']);
    expect(result.status).toBe(2);
    expect(result.output).toContain('.githooks/pre-commit is not a shell script');
    expect(result.output).toContain('node_modules/.bin/keyfence');
    expect(repo.read('.githooks/pre-commit').toString()).toBe(script);
  });

  test('fails closed with a clear message when keyfence is not installed', () => {
    const repo = TempRepo.create({ init: false });
    expect(repo.keyfence(['init', '--no-husky']).status).toBe(0);
    unlinkSync(join(repo.dir, 'node_modules'));
    repo.write('a.js', 'ok();\n');
    repo.git(['add', 'a.js']);
    const result = repo.commit('no keyfence');
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('node_modules/.bin/keyfence is missing (run npm install); the commit is blocked');
    expect(result.output).toContain('git commit --no-verify');
    expect(repo.headCount()).toBe(0);
  });

  test('refuses to take core.hooksPath away from husky, naming both ways forward', () => {
    const repo = TempRepo.create();
    const result = repo.keyfence(['init', '--no-husky']);
    expect(result.status).toBe(2);
    expect(result.output).toContain('husky');
    expect(result.output).toContain('git config --unset core.hooksPath');
    expect(repo.git(['config', 'core.hooksPath']).stdout.trim()).toBe('.husky/_');
  });
});

describe('the pre-commit framework (.pre-commit-hooks.yaml)', () => {
  const manifestPath = join(ROOT, '.pre-commit-hooks.yaml');

  test('the manifest parses and declares the documented node hook, and its entry blocks a staged key', () => {
    // yaml comes with lint-staged in the managers template; keyfence itself needs no YAML parser.
    const yaml = require(join(managersTemplate(), 'node_modules', 'yaml')) as { parse: (s: string) => unknown };
    const hooks = yaml.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>[];
    expect(Array.isArray(hooks)).toBe(true);
    const hook = hooks.find((h) => h.id === 'keyfence')!;
    expect(hook).toMatchObject({ id: 'keyfence', language: 'node', entry: 'keyfence', pass_filenames: false });

    const repo = TempRepo.create({ init: false });
    repo.write('k.js', `const k = "${githubToken()}";\n`);
    repo.git(['add', 'k.js']);
    const entry = repo.run(join(repo.dir, 'node_modules', '.bin', String(hook.entry)), []);
    expect(entry.status).toBe(1);
    expect(entry.output).toContain('k.js:1:12');
  });

  const hasPreCommit = available('pre-commit');
  (hasPreCommit ? test : test.skip)('the real pre-commit tool installs keyfence from this repository and blocks a key', () => {
    // The hook repository as pre-commit sees it: this repo's sources at one commit. pre-commit
    // clones it, runs npm install (which builds dist/) and npm pack, and installs the tarball.
    const hookRepo = join(tmpdir(), `kf-hookrepo-${process.pid}`);
    rmSync(hookRepo, { recursive: true, force: true });
    mkdirSync(hookRepo);
    for (const name of ['package.json', 'package-lock.json', 'tsconfig.json', '.npmrc', '.pre-commit-hooks.yaml', 'README.md', 'LICENSE', 'src', 'hooks', 'docs']) {
      if (existsSync(join(ROOT, name))) cpSync(join(ROOT, name), join(hookRepo, name), { recursive: true });
    }
    // Fixed identity and dates: the same sources give the same commit, so pre-commit's cache is reused.
    const fixed = { ...process.env, GIT_AUTHOR_DATE: '2020-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2020-01-01T00:00:00Z', GIT_CONFIG_NOSYSTEM: '1', HOME: hookRepo };
    const git = (args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: hookRepo, env: fixed, encoding: 'utf8' });
    git(['init', '-q', '-b', 'main']);
    git(['add', '-A']);
    git(['commit', '-q', '-m', 'keyfence hook repository']);
    const rev = git(['rev-parse', 'HEAD']).trim();
    const home = join(tmpdir(), `keyfence-e2e-precommit-${rev.slice(0, 12)}`);
    for (const stale of readdirSync(tmpdir()).filter((n) => n.startsWith('keyfence-e2e-precommit-') && join(tmpdir(), n) !== home)) {
      rmSync(join(tmpdir(), stale), { recursive: true, force: true });
    }

    const repo = TempRepo.create({ init: false, env: { PRE_COMMIT_HOME: home, npm_config_prefer_offline: 'true' } });
    repo.write('.pre-commit-config.yaml', `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: keyfence\n`);
    expect(repo.run('pre-commit', ['install']).status).toBe(0);
    repo.git(['add', '-A']);
    const first = repo.commit('config');
    expect(first.output).toMatch(/keyfence \(API keys and unignored \.env files\)\.+Passed/);
    expect(first.status).toBe(0);

    repo.write('src/client.js', `const token = "${githubToken()}";\n`);
    repo.git(['add', '-A']);
    const blocked = repo.commit('key');
    expect(blocked.status).not.toBe(0);
    expect(blocked.output).toMatch(/\.+Failed/);
    expect(blocked.output).toContain('src/client.js:1:16');
    expect(repo.headCount()).toBe(1);
    rmSync(hookRepo, { recursive: true, force: true });
  }, 400_000);
});
