import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anthropicKey, githubToken } from './keys';
import { plant, TempRepo } from './repo';
import { rand } from '../helpers/synth';

jest.setTimeout(60_000);

describe('a real git commit through husky and the installed keyfence', () => {
  test('init wires husky idempotently and keeps what pre-commit already runs', () => {
    const repo = TempRepo.create({ init: false });
    repo.write('.husky/pre-commit', 'echo existing-check');
    expect(repo.keyfence(['init']).status).toBe(0);
    const again = repo.keyfence(['init']);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('already set up');
    expect(repo.read('.husky/pre-commit').toString()).toBe('echo existing-check\nkeyfence\n');
    const pkg = JSON.parse(repo.read('package.json').toString()) as { scripts: Record<string, string> };
    expect(pkg.scripts.prepare).toBe('husky');
    expect(repo.git(['config', 'core.hooksPath']).stdout.trim()).toBe('.husky/_');
  });

  test('init reports keys already committed without failing', () => {
    const repo = TempRepo.create({ init: false });
    repo.write('old.js', `const token = "${githubToken()}";\n`);
    repo.git(['add', 'old.js']);
    expect(repo.commit('before keyfence').status).toBe(0);
    const init = repo.keyfence(['init']);
    expect(init.status).toBe(0);
    expect(init.stdout).toContain('old.js:1:16');
    expect(init.stdout).toContain('github-classic-pat');
  });

  test('a key in a new file blocks, naming path:line:column and provider, never the key', () => {
    const repo = TempRepo.create();
    const key = anthropicKey();
    repo.write('src/client.ts', `import x from 'y';\n\nconst client = new Anthropic({ apiKey: "${key}" });\n`);
    repo.git(['add', '-A']);
    const result = repo.commit();
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('src/client.ts:3:41');
    expect(result.output).toContain('Anthropic');
    expect(result.output).toContain('anthropic-api-key');
    expect(result.output).toContain('rotate: https://');
    expect(result.output).toContain('git commit --no-verify');
    expect(result.output).toContain('sk-ant-api03-');
    expect(repo.headCount()).toBe(0);
  });

  test('a clean commit passes and says what it scanned', () => {
    const repo = TempRepo.create();
    repo.write('a.js', 'console.log(1);\nconsole.log(2);\n');
    repo.git(['add', 'a.js']);
    const result = repo.commit();
    expect(result.status).toBe(0);
    expect(result.output).toMatch(/keyfence: 1 file, 2 added lines, no secrets/);
  });

  test('the patch files git writes for the hook (they can hold a key) are gone once the hook exits', () => {
    // A TMPDIR of the test's own, so that whatever keyfence leaves in it is visible.
    const tmp = mkdtempSync(join(tmpdir(), 'kf-hook-tmp-'));
    try {
      const repo = TempRepo.create({ env: { TMPDIR: tmp } });
      repo.write('app.js', 'console.log(1);\n');
      repo.git(['add', 'app.js']);
      expect(repo.commit('base').status).toBe(0);
      // A modified file (its patch goes through a file) and a new file edited after `git add`
      // (its staged content comes from git, through another patch file), each with a key.
      repo.write('app.js', `console.log(1);\nconst key = "${anthropicKey()}";\n`);
      repo.write('new.js', `const token = "${githubToken()}";\n`);
      repo.git(['add', 'app.js', 'new.js']);
      repo.write('new.js', `const token = "${githubToken()}";\n// edited after add\n`);
      const blocked = repo.commit('keys');
      expect(blocked.status).not.toBe(0);
      expect(blocked.output).toContain('app.js:2:14');
      expect(blocked.output).toContain('new.js:1:16');
      expect(readdirSync(tmp)).toEqual([]);
      repo.write('app.js', 'console.log(2);\n');
      expect(repo.git(['reset', '-q', 'new.js']).status).toBe(0);
      repo.git(['add', 'app.js']);
      expect(repo.commit('clean').status).toBe(0);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('partial staging: only what is staged is judged', () => {
    const repo = TempRepo.create();
    repo.write('app.js', 'const a = 1;\n');
    repo.git(['add', 'app.js']);
    expect(repo.commit('base').status).toBe(0);

    // Key only in the work tree (as after `git add -p` that skipped it): passes.
    repo.write('app.js', 'const a = 1;\nconst b = 2;\n');
    repo.git(['add', 'app.js']);
    repo.write('app.js', `const a = 1;\nconst b = 2;\nconst k = "${anthropicKey()}";\n`);
    expect(repo.commit('safe part').status).toBe(0);

    // Key staged, then removed from the work tree: blocks.
    repo.write('app.js', `const a = 1;\nconst b = 2;\nconst k = "${githubToken()}";\n`);
    repo.git(['add', 'app.js']);
    repo.write('app.js', 'const a = 1;\nconst b = 2;\n');
    const blocked = repo.commit('sneaky');
    expect(blocked.status).not.toBe(0);
    expect(blocked.output).toContain('app.js:3:12');
  });

  // New files are read from the work tree when it holds exactly the staged blob; these are the cases where it does not.
  test('new files: the staged content is judged when the work tree differs, is gone, or is converted (autocrlf)', () => {
    const repo = TempRepo.create();
    repo.write('base.txt', 'base\n');
    repo.git(['add', 'base.txt']);
    expect(repo.commit('base').status).toBe(0);

    // Key staged in a new file, then removed from the work tree copy: blocks.
    repo.write('new.js', `const k = "${githubToken()}";\n`);
    repo.git(['add', 'new.js']);
    repo.write('new.js', 'const k = process.env.K;\n');
    const edited = repo.commit('edited after add');
    expect(edited.status).toBe(1);
    expect(edited.output).toContain('new.js:1:12');

    // The work tree copy deleted after staging: still blocks.
    rmSync(join(repo.dir, 'new.js'));
    expect(repo.commit('deleted after add').status).toBe(1);
    repo.git(['rm', '--cached', '-q', 'new.js']);

    // Clean when staged, key only in the work tree: passes.
    repo.write('later.js', 'const k = process.env.K;\n');
    repo.git(['add', 'later.js']);
    repo.write('later.js', `const k = "${anthropicKey()}";\n`);
    expect(repo.commit('clean staged').status).toBe(0);

    // autocrlf: the blob has LF, the work tree CRLF; the key on line 2 is found there.
    repo.git(['config', 'core.autocrlf', 'true']);
    repo.write('crlf.js', `// one\r\nconst k = "${githubToken()}";\r\n`);
    repo.git(['add', 'crlf.js']);
    const converted = repo.commit('crlf');
    expect(converted.status).toBe(1);
    expect(converted.output).toContain('crlf.js:2:12');
  });

  test('deleting a line or a file that holds a key passes; untracking .env passes', () => {
    const repo = TempRepo.create();
    const key = githubToken();
    repo.write('a.js', `one\nconst k = "${key}";\nthree\n`);
    repo.write('b.js', `const k2 = "${key}";\n`);
    repo.write('.env', 'TOKEN=abc\n');
    repo.git(['add', '-A']);
    expect(repo.commit('legacy', ['--no-verify']).status).toBe(0);

    repo.write('a.js', 'one\nthree\n');
    repo.git(['add', 'a.js']);
    expect(repo.commit('remove line').status).toBe(0);
    repo.git(['rm', '-q', 'b.js']);
    expect(repo.commit('remove file').status).toBe(0);
    repo.git(['rm', '-q', '--cached', '.env']);
    repo.write('.gitignore', 'node_modules\n.env\n');
    repo.git(['add', '.gitignore']);
    expect(repo.commit('untrack env').status).toBe(0);
  });

  test('git commit -a and git commit PATH (temporary index) block a key', () => {
    const repo = TempRepo.create();
    repo.write('a.js', 'let x = 1;\n');
    repo.write('b.js', 'let y = 1;\n');
    repo.git(['add', '-A']);
    expect(repo.commit('base').status).toBe(0);

    repo.write('a.js', `let x = "${anthropicKey()}";\n`);
    const all = repo.git(['commit', '-a', '-m', 'all']);
    expect(all.status).not.toBe(0);
    expect(all.output).toContain('a.js:1:10');

    repo.git(['checkout', '--', 'a.js']);
    repo.write('b.js', `let y = "${githubToken()}";\n`);
    const path = repo.git(['commit', '-m', 'path', 'b.js']);
    expect(path.status).not.toBe(0);
    expect(path.output).toContain('b.js:1:10');
    expect(repo.headCount()).toBe(1);
  });

  test('an inline keyfence:allow marker lets a known test value through', () => {
    const repo = TempRepo.create();
    repo.write('fixture.js', `const k = "${githubToken()}"; // keyfence:allow test fixture\n`);
    repo.git(['add', '-A']);
    expect(repo.commit().status).toBe(0);
  });
});

describe('your own secrets, literally', () => {
  test("a value from the developer's ignored .env.local blocks wherever it is pasted, whatever its format", () => {
    const repo = TempRepo.create();
    const value = plant('in' + 'house-' + rand('A-Za-z0-9', 28));
    repo.write('.gitignore', 'node_modules\n.env.local\n');
    repo.write('.env.local', `INTERNAL_SERVICE_TOKEN=${value}\nPORT=3000\n`);
    repo.write('src/call.js', `fetch(url, { headers: { token: '${value}' } });\n`);
    repo.git(['add', '.gitignore', 'src/call.js']);
    const result = repo.commit();
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('src/call.js:1:33');
    expect(result.output).toContain('INTERNAL_SERVICE_TOKEN');
    expect(result.output).toContain('local-env-value');
  });

  test("an ignored env file in a folder whose name is not UTF-8 still lends its values", () => {
    const repo = TempRepo.create();
    const value = plant('in' + 'house-' + rand('A-Za-z0-9', 28));
    repo.write('.gitignore', 'node_modules\n.env.local\n');
    const folder = repo.latin1Path('r\xe9glages');
    mkdirSync(folder);
    writeFileSync(Buffer.concat([folder, Buffer.from('/.env.local')]), `BILLING_TOKEN=${value}\n`);
    repo.write('src/bill.js', `charge('${value}');\n`);
    repo.git(['add', '.gitignore', 'src/bill.js']);
    const result = repo.commit();
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('BILLING_TOKEN');
    expect(result.output).toContain('local-env-value');
  });

  test('ignored env files in package folders count; env files inside a wholly ignored folder (dependencies, caches) do not', () => {
    const repo = TempRepo.create();
    const own = plant('in' + 'house-' + rand('A-Za-z0-9', 28));
    const shipped = plant('vend' + 'ored-' + rand('A-Za-z0-9', 28));
    repo.write('.gitignore', 'node_modules\n.env.local\nbuild-cache/\n');
    repo.write('packages/api/.env.local', `API_SIGNING_SECRET=${own}\n`);
    repo.write('build-cache/some-dep/.env', `DEP_FIXTURE_SECRET=${shipped}\n`);
    repo.write('src/shipped.js', `const fixture = '${shipped}';\n`);
    repo.git(['add', '.gitignore', 'src/shipped.js']);
    expect(repo.commit('a value that only a dependency folder holds').status).toBe(0);

    repo.write('src/own.js', `const secret = '${own}';\n`);
    repo.git(['add', 'src/own.js']);
    const result = repo.commit('the developer\'s own value');
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('API_SIGNING_SECRET');
  });
});
