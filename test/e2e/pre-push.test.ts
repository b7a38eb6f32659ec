/**
 * `keyfence init --pre-push` and `keyfence pre-push`, end to end: a real `git push`
 * to a real bare remote through the installed hook (husky, or plain core.hooksPath).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anthropicKey, githubToken } from './keys';
import { TempRepo } from './repo';

jest.setTimeout(90_000);

const remotes: string[] = [];
afterAll(() => {
  for (const dir of remotes) rmSync(dir, { recursive: true, force: true });
});

/** A repo with the pre-push hook, a bare `origin`, and a clean `main` already pushed. */
function pushedRepo(initArgs: readonly string[] = ['init', '--pre-push']): { repo: TempRepo; remote: string } {
  const repo = TempRepo.create({ init: false });
  const init = repo.keyfence(initArgs);
  if (init.status !== 0) throw new Error(`init failed: ${init.output}`);
  const remote = mkdtempSync(join(tmpdir(), 'kf-remote-'));
  remotes.push(remote);
  execFileSync('git', ['init', '-q', '--bare', remote], { env: repo.env });
  repo.git(['remote', 'add', 'origin', remote]);
  repo.write('a.js', 'base();\n');
  repo.git(['add', '-A']);
  expect(repo.commit('base').status).toBe(0);
  const first = repo.git(['push', '-q', 'origin', 'main']);
  if (first.status !== 0) throw new Error(`first push failed: ${first.output}`);
  return { repo, remote };
}

function remoteHead(repo: TempRepo, remote: string, branch = 'main'): string {
  return repo.git(['ls-remote', remote, `refs/heads/${branch}`]).stdout.split('\t')[0] ?? '';
}

function sha(repo: TempRepo, rev = 'HEAD'): string {
  return repo.git(['rev-parse', rev]).stdout.trim();
}

describe('keyfence init --pre-push (husky)', () => {
  test('adds keyfence pre-push to .husky/pre-push, keeping its content, idempotently', () => {
    const repo = TempRepo.create({ init: false });
    repo.write('.husky/pre-push', 'npm run lint');
    expect(repo.keyfence(['init', '--pre-push']).status).toBe(0);
    const again = repo.keyfence(['init', '--pre-push']);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('already set up');
    expect(repo.read('.husky/pre-push').toString()).toBe('npm run lint\nkeyfence pre-push "$@"\n');
    expect(repo.read('.husky/pre-commit').toString()).toBe('keyfence\n');
  });
});

describe('a real git push through the pre-push hook', () => {
  test('a key committed with --no-verify blocks the push, naming commit, place, provider and rotation', () => {
    const { repo, remote } = pushedRepo();
    const before = remoteHead(repo, remote);
    repo.write('src/client.js', `one();\nconst key = "${anthropicKey()}";\n`);
    repo.git(['add', '-A']);
    expect(repo.commit('add client', ['--no-verify']).status).toBe(0);
    const leaking = sha(repo);
    repo.write('b.js', 'later();\n');
    repo.git(['add', '-A']);
    expect(repo.commit('later work').status).toBe(0);

    const push = repo.git(['push', 'origin', 'main']);
    expect(push.status).not.toBe(0);
    expect(push.output).toContain('keyfence: push to origin blocked — 1 secret in 2 commits being pushed');
    expect(push.output).toContain('src/client.js:2:14');
    expect(push.output).toContain(`in commit ${leaking.slice(0, 12)} "add client"`);
    expect(push.output).toContain('Anthropic — anthropic-api-key');
    expect(push.output).toContain('rotate: https://');
    expect(push.output).toContain('The key is already in a commit: rotate it now');
    expect(push.output).toContain('git push --no-verify');
    expect(remoteHead(repo, remote)).toBe(before);

    // Deleting the key in a new commit is not enough: the old commit would still be pushed.
    repo.write('src/client.js', 'one();\n');
    repo.git(['add', '-A']);
    expect(repo.commit('remove key').status).toBe(0);
    const still = repo.git(['push', 'origin', 'main']);
    expect(still.status).not.toBe(0);
    expect(still.output).toContain(`in commit ${leaking.slice(0, 12)}`);
    expect(remoteHead(repo, remote)).toBe(before);

    // Rewriting the commits (here: back to the pushed tip, then clean work) lets it through.
    repo.git(['reset', '-q', '--hard', 'origin/main']);
    repo.write('c.js', 'clean();\nagain();\n');
    repo.git(['add', '-A']);
    expect(repo.commit('clean').status).toBe(0);
    const ok = repo.git(['push', 'origin', 'main']);
    expect(ok.status).toBe(0);
    expect(ok.output).toContain('keyfence: push to origin: 1 commit, 2 added lines, no secrets');
    expect(remoteHead(repo, remote)).toBe(sha(repo));
  });

  test('a new branch is judged on the commits not on any remote-tracking ref; deleting a branch passes', () => {
    const { repo, remote } = pushedRepo();
    // A key already on the remote (pushed past the hook) is not this push's to judge again.
    repo.git(['checkout', '-q', '-b', 'old']);
    repo.write('legacy.js', `const t = "${githubToken()}";\n`);
    repo.git(['add', '-A']);
    expect(repo.commit('legacy', ['--no-verify']).status).toBe(0);
    expect(repo.git(['push', '-q', '--no-verify', 'origin', 'old']).status).toBe(0);

    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.write('f.js', 'feature();\n');
    repo.git(['add', '-A']);
    expect(repo.commit('feature').status).toBe(0);
    const clean = repo.git(['push', '-u', 'origin', 'feature']);
    expect(clean.status).toBe(0);
    expect(clean.output).toContain('keyfence: push to origin: 1 commit, 1 added line, no secrets');

    repo.git(['checkout', '-q', '-b', 'risky']);
    repo.write('g.js', `const t = "${githubToken()}";\n`);
    repo.git(['add', '-A']);
    expect(repo.commit('risky', ['--no-verify']).status).toBe(0);
    const blocked = repo.git(['push', 'origin', 'risky']);
    expect(blocked.status).not.toBe(0);
    expect(blocked.output).toContain('g.js:1:12');
    expect(blocked.output).toContain('1 secret in 1 commit being pushed');
    expect(blocked.output).not.toContain('legacy.js');
    expect(remoteHead(repo, remote, 'risky')).toBe('');

    const deleted = repo.git(['push', 'origin', '--delete', 'old']);
    expect(deleted.status).toBe(0);
    expect(remoteHead(repo, remote, 'old')).toBe('');
  });

  test('a merge is judged on what the merge itself adds, not on the branch it joins', () => {
    const { repo } = pushedRepo();
    repo.git(['checkout', '-q', '-b', 'side']);
    repo.write('side.js', 'side();\n');
    repo.git(['add', '-A']);
    expect(repo.commit('side work').status).toBe(0);
    repo.git(['checkout', '-q', 'main']);
    repo.write('main.js', 'main();\n');
    repo.git(['add', '-A']);
    expect(repo.commit('main work').status).toBe(0);
    // A key slipped into the merge commit itself, past the pre-commit hook.
    expect(repo.git(['merge', '-q', '--no-commit', 'side']).status).toBe(0);
    repo.write('merge.js', `const k = "${githubToken()}";\n`);
    repo.git(['add', 'merge.js']);
    expect(repo.commit('merge side', ['--no-verify']).status).toBe(0);
    const merge = sha(repo);
    const push = repo.git(['push', 'origin', 'main']);
    expect(push.status).not.toBe(0);
    expect(push.output).toContain('merge.js:1:12');
    expect(push.output).toContain(`in commit ${merge.slice(0, 12)} "merge side"`);
    expect(push.output).toContain('1 secret in 3 commits being pushed');
  });

  test('an env file committed with --no-verify blocks; allowlisted values and templates pass', () => {
    const { repo } = pushedRepo();
    repo.write('fixture.js', `const k = "${githubToken()}"; // keyfence:allow test fixture\n`);
    repo.write('.env.example', 'API_KEY=\n');
    repo.git(['add', '-A']);
    expect(repo.commit('fixture').status).toBe(0);
    expect(repo.git(['push', 'origin', 'main']).status).toBe(0);

    repo.write('.env', 'DATABASE_URL=postgres://localhost/dev\n');
    repo.git(['add', '-f', '.env']);
    expect(repo.commit('env', ['--no-verify']).status).toBe(0);
    const push = repo.git(['push', 'origin', 'main']);
    expect(push.status).not.toBe(0);
    expect(push.output).toContain('.env  env file committed');
    expect(push.output).toContain('push to origin blocked — 1 env file');
  });

  test('plain hooks (--no-husky --pre-push): blocks a key, and the rest of the hook still reads the refs', () => {
    const repo = TempRepo.create({ init: false });
    repo.write('.githooks/pre-push', '#!/bin/sh\nwhile read local_ref local_sha remote_ref remote_sha; do\n  echo "$local_ref $remote_ref" >> "$(git rev-parse --git-dir)/pushed-refs"\ndone\n');
    const init = repo.keyfence(['init', '--no-husky', '--pre-push']);
    expect(init.status).toBe(0);
    expect(init.stdout).toContain('added keyfence to .githooks/pre-push');
    expect(init.stdout).toContain('created .githooks/pre-commit');
    const remote = mkdtempSync(join(tmpdir(), 'kf-remote-'));
    remotes.push(remote);
    execFileSync('git', ['init', '-q', '--bare', remote], { env: repo.env });
    repo.git(['remote', 'add', 'origin', remote]);
    const pushed = repo;
    pushed.write('a.js', 'ok();\n');
    pushed.git(['add', '-A']);
    expect(pushed.commit('base').status).toBe(0);
    const ok = pushed.git(['push', 'origin', 'main']);
    expect(ok.status).toBe(0);
    expect(ok.output).toContain('keyfence: push to origin: 1 commit');
    expect(readFileSync(join(pushed.dir, '.git', 'pushed-refs'), 'utf8')).toBe('refs/heads/main refs/heads/main\n');

    pushed.write('b.js', `const k = "${githubToken()}";\n`);
    pushed.git(['add', '-A']);
    expect(pushed.commit('key', ['--no-verify']).status).toBe(0);
    const blocked = pushed.git(['push', 'origin', 'main']);
    expect(blocked.status).not.toBe(0);
    expect(blocked.output).toContain('b.js:1:12');
    expect(remoteHead(pushed, remote)).not.toBe(sha(pushed));
  });
});

describe('keyfence pre-push, fed directly', () => {
  test('a malformed ref line fails closed naming the push bypass; deletions and unknown remote tips are handled', () => {
    const repo = TempRepo.create();
    const bad = repo.keyfence(['pre-push', 'origin', 'url'], { input: 'not a ref line\n' });
    expect(bad.status).toBe(2);
    expect(bad.output).toContain('unexpected line on stdin');
    expect(bad.output).toContain('git push --no-verify');

    const zero = '0'.repeat(40);
    repo.write('a.js', 'x();\n');
    repo.git(['add', 'a.js']);
    expect(repo.commit('one').status).toBe(0);
    const head = sha(repo);
    const deletion = repo.keyfence(['pre-push', 'origin'], { input: `(delete) ${zero} refs/heads/gone ${head}\n` });
    expect(deletion.status).toBe(0);
    expect(deletion.stdout).toContain('no new commits to scan');
    // A remote tip this clone has never seen (the remote moved on) is not fatal.
    const unknown = repo.keyfence(['pre-push', 'origin'], { input: `refs/heads/main ${head} refs/heads/main ${'1'.repeat(40)}\n` });
    expect(unknown.status).toBe(0);
    expect(unknown.stdout).toContain('1 commit, 1 added line, no secrets');
  });
});
