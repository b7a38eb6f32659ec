/**
 * Staged-semantics matrix, part 2: the git commands that make commits out of
 * something other than a plain `git add` + `git commit`.
 */
import { anthropicKey, githubToken } from './keys';
import { TempRepo } from './repo';
import { baseCommit, expectBlocked, expectCommitted, expectVerdict, head } from './staged-matrix-helpers';

jest.setTimeout(60_000);

function repoWithBase(): TempRepo {
  const repo = TempRepo.create();
  repo.write('a.js', 'a();\n');
  repo.write('b.js', 'b();\n');
  baseCommit(repo);
  return repo;
}

describe('staged matrix: commit-making commands', () => {
  test('git commit --amend: a key staged for the amend blocks and HEAD stays; a clean amend passes', () => {
    const repo = repoWithBase();
    const before = head(repo);
    repo.write('k.js', `const k = "${githubToken()}";\n`);
    repo.git(['add', 'k.js']);
    expectBlocked(repo.git(['commit', '--amend', '--no-edit']), 'k.js:1:12');
    expect(head(repo)).toBe(before);

    repo.git(['rm', '-q', '--cached', 'k.js']);
    repo.write('c.js', 'c();\n');
    repo.git(['add', 'c.js']);
    expectCommitted(repo.git(['commit', '--amend', '--no-edit']));
    expect(head(repo)).not.toBe(before);
    // A message-only amend has nothing new to judge.
    expectCommitted(repo.git(['commit', '--amend', '-m', 'reworded']), /keyfence: nothing staged to scan/);
  });

  test('git commit -i / -o / -a and paths: the index git is about to commit is judged, not the work tree', () => {
    const repo = repoWithBase();
    repo.write('a.js', 'a(); // staged, clean\n');
    repo.git(['add', 'a.js']);
    repo.write('b.js', `const k = "${githubToken()}";\n`); // tracked, changed, not staged

    // -i, -o and -a commit b.js from a temporary index: the key in it blocks.
    const before = head(repo);
    expectBlocked(repo.git(['commit', '-i', 'b.js', '-m', 'include b']), 'b.js:1:12');
    expectBlocked(repo.git(['commit', '-o', 'b.js', '-m', 'only b']), 'b.js:1:12');
    expectBlocked(repo.git(['commit', '-a', '-m', 'all']), 'b.js:1:12');
    expect(head(repo)).toBe(before);
    // A plain commit takes only the staged a.js: the key stays in the work tree and does not block.
    expectCommitted(repo.commit('only the staged a.js'));
    // -o with a clean path leaves the key in b.js uncommitted: passes.
    repo.write('c.js', 'c();\n');
    repo.git(['add', 'c.js']);
    expectCommitted(repo.git(['commit', '-o', 'c.js', '-m', 'only c']));
    expect(repo.git(['show', '--name-only', '--format=', 'HEAD']).stdout.trim()).toBe('c.js');
  });

  test('git merge with a conflict resolved to include a key blocks with exit 1; resolved cleanly it passes', () => {
    const repo = repoWithBase();
    repo.git(['checkout', '-q', '-b', 'other']);
    repo.write('a.js', 'other();\n');
    repo.git(['commit', '-q', '--no-verify', '-am', 'other']);
    repo.git(['checkout', '-q', 'main']);
    repo.write('a.js', 'mine();\n');
    repo.git(['commit', '-q', '--no-verify', '-am', 'mine']);
    expect(repo.git(['merge', 'other']).status).not.toBe(0);

    repo.write('a.js', `mine();\nconst k = "${anthropicKey()}";\n`);
    repo.git(['add', 'a.js']);
    const before = head(repo);
    expectBlocked(repo.git(['commit', '--no-edit']), 'a.js:2:12');
    expect(head(repo)).toBe(before);

    repo.write('a.js', 'mine();\nother();\n');
    repo.git(['add', 'a.js']);
    expectCommitted(repo.git(['commit', '--no-edit']));
    expect(repo.git(['rev-list', '--count', '--merges', 'HEAD']).stdout.trim()).toBe('1');
  });

  test('git cherry-pick: -n then commit blocks; a conflict resolved with a key blocks --continue', () => {
    const repo = repoWithBase();
    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.write('k.js', `const k = "${githubToken()}";\n`);
    repo.git(['add', 'k.js']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'key (bypassed)']);
    const keyCommit = head(repo);
    repo.write('a.js', 'feature();\n');
    repo.git(['commit', '-q', '--no-verify', '-am', 'feature a']);
    const conflicting = head(repo);
    repo.git(['checkout', '-q', 'main']);
    repo.write('a.js', 'main();\n');
    repo.git(['commit', '-q', '--no-verify', '-am', 'main a']);
    const before = head(repo);

    expect(repo.git(['cherry-pick', '-n', keyCommit]).status).toBe(0);
    expectBlocked(repo.commit('picked'), 'k.js:1:12');
    repo.git(['reset', '-q', '--hard']);

    expect(repo.git(['cherry-pick', conflicting]).status).not.toBe(0);
    repo.write('a.js', `main();\nconst t = "${githubToken()}";\n`);
    repo.git(['add', 'a.js']);
    expectBlocked(repo.git(['-c', 'core.editor=true', 'cherry-pick', '--continue']), 'a.js:2:12');
    repo.write('a.js', 'main();\nfeature();\n');
    repo.git(['add', 'a.js']);
    expectCommitted(repo.git(['-c', 'core.editor=true', 'cherry-pick', '--continue']));
    expect(repo.git(['rev-list', '--count', `${before}..HEAD`]).stdout.trim()).toBe('1');

    // A plain, conflict-free cherry-pick runs no pre-commit hook (git's choice), so the key
    // committed with --no-verify elsewhere arrives unjudged; scanning the new commits finds it.
    const start = head(repo);
    expect(repo.git(['cherry-pick', keyCommit]).status).toBe(0);
    const since = repo.keyfence(['scan', '--since', start]);
    expectVerdict(since, 1);
    expect(since.output).toContain('k.js:1:12');
  });

  test('git stash pop then commit: the popped key blocks, popped with --index too', () => {
    const repo = repoWithBase();
    repo.write('a.js', `const k = "${githubToken()}";\n`);
    repo.write('b.js', 'b(); // staged and stashed\n');
    repo.git(['add', 'b.js']);
    expect(repo.git(['stash', '-q']).status).toBe(0);
    repo.write('c.js', 'c();\n');
    repo.git(['add', 'c.js']);
    expectCommitted(repo.commit('while stashed'));

    expect(repo.git(['stash', 'pop', '-q', '--index']).status).toBe(0);
    // b.js came back staged, a.js (with the key) only in the work tree: this commit is clean.
    expectCommitted(repo.commit('staged part of the stash'));
    repo.git(['add', 'a.js']);
    expectBlocked(repo.commit('the key'), 'a.js:1:12');

    repo.git(['reset', '-q']);
    repo.git(['stash', '-q']);
    expect(repo.git(['stash', 'pop', '-q']).status).toBe(0);
    repo.git(['add', '-A']);
    expectBlocked(repo.commit('popped and added'), 'a.js:1:12');
  });
});
