/**
 * Staged-semantics matrix, part 1: where the repository is and where git runs
 * from. Real `git commit` through the installed husky hook in every case.
 */
import { existsSync, lstatSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { githubToken } from './keys';
import { TempRepo } from './repo';
import { baseCommit, expectBlocked, expectCommitted, expectVerdict, head, installLikeNpm } from './staged-matrix-helpers';

jest.setTimeout(60_000);

describe('staged matrix: repository layouts', () => {
  test('a linked worktree (.git is a file): keys block, clean commits pass, --fix writes that worktree', () => {
    const repo = TempRepo.create();
    repo.write('a.js', 'a();\n');
    baseCommit(repo);
    const wt = `${repo.dir}-wt`;
    repo.track(wt);
    expect(repo.git(['worktree', 'add', '-q', '-b', 'side', wt]).status).toBe(0);
    expect(lstatSync(join(wt, '.git')).isFile()).toBe(true);
    installLikeNpm(repo, wt);
    const put = (path: string, content: string) => writeFileSync(join(wt, path), content);

    put('k.js', `const k = "${githubToken()}";\n`);
    repo.git(['add', 'k.js'], { cwd: wt });
    const before = head(repo, wt);
    expectBlocked(repo.git(['commit', '-m', 'key'], { cwd: wt }), 'k.js:1:12');
    expect(head(repo, wt)).toBe(before);

    repo.git(['rm', '-q', '--cached', 'k.js'], { cwd: wt });
    put('b.js', 'b();\n');
    repo.git(['add', 'b.js'], { cwd: wt });
    expectCommitted(repo.git(['commit', '-m', 'clean'], { cwd: wt }));

    // An env file in the worktree: blocked, then fixed in that worktree's own .gitignore.
    put('.env', 'A=1\n');
    repo.git(['add', '-f', '.env'], { cwd: wt });
    expectBlocked(repo.git(['commit', '-m', 'env'], { cwd: wt }), '.env');
    expectVerdict(repo.keyfence(['--fix'], { cwd: wt }), 0);
    expect(readFileSync(join(wt, '.gitignore'), 'utf8')).toMatch(/^\.env$/m);
    expect(readFileSync(join(repo.dir, '.gitignore'), 'utf8')).not.toMatch(/^\.env$/m);
    expect(existsSync(join(wt, '.env'))).toBe(true);
  });

  test('a submodule: its own commits are its business; the superproject gitlink change passes; super keys still block', () => {
    const sub = TempRepo.create({ init: false });
    sub.write('lib.js', 'lib();\n');
    baseCommit(sub);
    const repo = TempRepo.create();
    repo.write('a.js', 'a();\n');
    baseCommit(repo);

    const add = repo.git(['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, 'libs/sub']);
    expect(add.status).toBe(0);
    expect(lstatSync(join(repo.dir, 'libs/sub/.git')).isFile()).toBe(true);
    expectCommitted(repo.commit('add submodule'));

    // A key committed inside the submodule (its own repository, without keyfence).
    const inner = join(repo.dir, 'libs/sub');
    repo.git(['config', 'user.name', 'Test'], { cwd: inner });
    repo.git(['config', 'user.email', 'test@example.com'], { cwd: inner });
    repo.write('libs/sub/key.js', `const k = "${githubToken()}";\n`);
    repo.git(['add', 'key.js'], { cwd: inner });
    expect(repo.git(['commit', '-q', '-m', 'key inside the submodule'], { cwd: inner }).status).toBe(0);

    // The superproject only records the new gitlink: nothing of its own to judge, and no crash.
    repo.git(['add', 'libs/sub']);
    expectCommitted(repo.commit('bump submodule'));

    // keyfence run inside the submodule judges that repository (its staged content).
    repo.write('libs/sub/more.js', `const m = "${githubToken()}";\n`);
    repo.git(['add', 'more.js'], { cwd: inner });
    expectVerdict(repo.keyfence([], { cwd: inner }), 1);
    repo.git(['reset', '-q'], { cwd: inner });

    // A gitlink change together with a key in the superproject: the super file blocks.
    repo.git(['commit', '-q', '--allow-empty', '-m', 'x'], { cwd: inner });
    repo.git(['add', 'libs/sub']);
    repo.write('super.js', `const s = "${githubToken()}";\n`);
    repo.git(['add', 'super.js']);
    const blocked = repo.commit('super key');
    expectBlocked(blocked, 'super.js:1:12');
    expect(blocked.output).not.toContain('more.js');
    expect(blocked.output).not.toContain('key.js');
  });

  test.each([
    ['cone mode', ['sparse-checkout', 'set', '--cone', 'app', '.husky']],
    ['a sparse index', ['sparse-checkout', 'set', '--cone', '--sparse-index', 'app', '.husky']],
    ['non-cone patterns', ['sparse-checkout', 'set', '--no-cone', '/app/', '/.husky/', '/*.json']],
  ])('sparse checkout with %s', (_label, command) => {
    // .husky stays in the checkout: without .husky/pre-commit in the work tree husky runs nothing at all.
    const repo = TempRepo.create();
    repo.write('app/a.js', 'a();\n');
    repo.write('docs/guide.md', '# guide\n');
    repo.write('docs/.env', 'OLD=1\n');
    baseCommit(repo);
    expect(repo.git(command).status).toBe(0);
    expect(existsSync(join(repo.dir, 'docs/guide.md'))).toBe(false);

    repo.write('app/k.js', `const k = "${githubToken()}";\n`);
    repo.git(['add', 'app/k.js']);
    expectBlocked(repo.commit('key'), 'app/k.js:1:12');
    repo.git(['rm', '-q', '--cached', 'app/k.js']);

    // The env file tracked outside the cone is still seen: a warning, not a block.
    repo.write('app/b.js', 'b();\n');
    repo.git(['add', 'app/b.js']);
    const clean = repo.commit('clean');
    expectCommitted(clean, /keyfence: warning — 1 env file in 1 scanned file/);
    expect(clean.output).toContain('docs/.env  env file tracked by git');

    // Deleting the out-of-cone env file must always be possible.
    repo.git(['rm', '-q', '--cached', '--sparse', 'docs/.env']);
    expectCommitted(repo.commit('untrack env'), /keyfence: nothing staged to scan|keyfence: \d+ files?/);
  });

  test('run from a subfolder: the hook, a direct run and --fix all work on the whole repository', () => {
    const repo = TempRepo.create();
    repo.write('src/deep/a.js', 'a();\n');
    baseCommit(repo);
    const sub = join(repo.dir, 'src/deep');

    repo.write('src/deep/k.js', `const k = "${githubToken()}";\n`);
    repo.write('top.js', 'top();\n');
    repo.git(['add', '-A'], { cwd: sub });
    expectBlocked(repo.git(['commit', '-m', 'key'], { cwd: sub }), 'src/deep/k.js:1:12');
    const direct = repo.run(join(repo.dir, 'node_modules/.bin/keyfence'), [], { cwd: sub });
    expectVerdict(direct, 1);
    expect(direct.output).toContain('src/deep/k.js:1:12');

    repo.git(['rm', '-q', '--cached', 'k.js'], { cwd: sub });
    repo.write('src/deep/.env', 'A=1\n');
    repo.git(['add', '-f', '.env'], { cwd: sub });
    expectVerdict(repo.run(join(repo.dir, 'node_modules/.bin/keyfence'), ['--fix'], { cwd: sub }), 0);
    expect(readFileSync(join(repo.dir, '.gitignore'), 'utf8')).toMatch(/^\.env$/m);
    expect(existsSync(join(sub, '.gitignore'))).toBe(false);
    repo.git(['add', '.gitignore']);
    expectCommitted(repo.git(['commit', '-m', 'clean'], { cwd: sub }));
  });

  test('a workspace package of a monorepo: commits and runs from the package honour the root config', () => {
    const repo = TempRepo.create();
    const pkg = JSON.parse(repo.read('package.json').toString()) as Record<string, unknown>;
    repo.write('package.json', JSON.stringify({ ...pkg, workspaces: ['packages/*'] }, null, 2) + '\n');
    repo.write('packages/app/package.json', JSON.stringify({ name: 'app', version: '1.0.0' }, null, 2) + '\n');
    repo.write('packages/app/index.js', 'app();\n');
    repo.write('.keyfencerc.json', JSON.stringify({ allow: { paths: ['packages/app/fixtures/**'] } }));
    baseCommit(repo);
    const app = join(repo.dir, 'packages/app');

    repo.write('packages/app/fixtures/token.txt', `${githubToken()}\n`);
    repo.git(['add', '-A'], { cwd: app });
    expectCommitted(repo.git(['commit', '-m', 'allowed fixture'], { cwd: app }));

    repo.write('packages/app/src/client.js', `const k = "${githubToken()}";\n`);
    repo.git(['add', '-A'], { cwd: app });
    expectBlocked(repo.git(['commit', '-m', 'key'], { cwd: app }), 'packages/app/src/client.js:1:12');
    // npm exec from the package finds the root's binary; keyfence still judges the whole repository.
    const direct = repo.run('npm', ['exec', '--offline', '--', 'keyfence'], { cwd: app });
    expectVerdict(direct, 1);
    expect(direct.output).toContain('packages/app/src/client.js:1:12');
  });

  test('GIT_DIR and GIT_WORK_TREE set, from outside the work tree (also relative, also a separate git dir)', () => {
    const repo = TempRepo.create();
    repo.write('a.js', 'a();\n');
    baseCommit(repo);
    const elsewhere = mkdtempSync(join(tmpdir(), 'kf-elsewhere-'));
    const env = { ...repo.env, GIT_DIR: join(repo.dir, '.git'), GIT_WORK_TREE: repo.dir };

    repo.write('k.js', `const k = "${githubToken()}";\n`);
    repo.git(['add', 'k.js'], { cwd: elsewhere, env });
    expectBlocked(repo.git(['commit', '-m', 'key'], { cwd: elsewhere, env }), 'k.js:1:12');
    const direct = repo.run(join(repo.dir, 'node_modules/.bin/keyfence'), [], { cwd: elsewhere, env });
    expectVerdict(direct, 1);
    expect(direct.output).toContain('k.js:1:12');
    // Relative values, as git may hand them to a hook.
    const relative = repo.run(join(repo.dir, 'node_modules/.bin/keyfence'), [], {
      cwd: repo.dir,
      env: { ...repo.env, GIT_DIR: '.git', GIT_WORK_TREE: '.' },
    });
    expectVerdict(relative, 1);

    repo.git(['rm', '-q', '--cached', 'k.js'], { cwd: elsewhere, env });
    repo.write('b.js', 'b();\n');
    repo.git(['add', 'b.js'], { cwd: elsewhere, env });
    expectCommitted(repo.git(['commit', '-m', 'clean'], { cwd: elsewhere, env }));

    // The git dir moved out of the work tree: .git becomes a file pointing at it.
    const gitDir = join(mkdtempSync(join(tmpdir(), 'kf-gitdir-')), 'repo.git');
    expect(repo.git(['init', '-q', `--separate-git-dir=${gitDir}`]).status).toBe(0);
    expect(lstatSync(join(repo.dir, '.git')).isFile()).toBe(true);
    repo.git(['add', 'k.js']);
    expectBlocked(repo.commit('key again'), 'k.js:1:12');
    repo.git(['rm', '-q', '--cached', 'k.js']);
    repo.write('c.js', 'c();\n');
    repo.git(['add', 'c.js']);
    expectCommitted(repo.commit('clean again'));
  });
});
