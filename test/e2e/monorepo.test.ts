/**
 * An npm-workspaces monorepo: keyfence and husky are devDependencies of the root,
 * `keyfence init` runs at the root, and developers work (stage, commit, run
 * `npx keyfence`) from inside a workspace package. Every path in a report is
 * relative to the repository root, and the whole index is judged whatever the cwd.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { anthropicKey, githubToken } from './keys';
import { HUSKY_VERSION, Project, tarballCopy } from './project';

jest.setTimeout(120_000);

const APP = 'packages/app';
/** `npx keyfence` as a user types it; `--no` makes a missing local install an error instead of a download. */
const NPX = ['--no', '--', 'keyfence'];
const VERSION = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

let repo: Project;

beforeAll(() => {
  repo = Project.create('kf-mono-', {
    'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }, null, 2) + '\n',
    '.gitignore': 'node_modules\n',
    [`${APP}/package.json`]: JSON.stringify({ name: 'app', version: '1.0.0', private: true }, null, 2) + '\n',
    [`${APP}/src/index.js`]: "export const greet = () => 'hi';\n",
    'packages/lib/package.json': JSON.stringify({ name: 'lib', version: '1.0.0', private: true }, null, 2) + '\n',
    'packages/lib/index.js': 'module.exports = {};\n',
  });
  repo.must('npm', ['install', '--save-dev', tarballCopy(), `husky@${HUSKY_VERSION}`]);
  repo.must('npx', [...NPX, 'init']);
  repo.must('git', ['add', '-A']);
  repo.must('git', ['commit', '-q', '-m', 'monorepo']);
});

/** Leaves the index and work tree as the last commit had them (the repo is shared by the tests). */
afterEach(() => {
  repo.must('git', ['reset', '-q', '--hard']);
  repo.must('git', ['clean', '-q', '-fd']); // untracked, not ignored: node_modules stays
});

test('keyfence is a root devDependency, the npm workspace links packages/app, and init wired the root', () => {
  expect(Object.keys(repo.packageJson().devDependencies ?? {}).sort()).toEqual(['husky', 'keyfence']);
  expect(repo.exists('node_modules/app/package.json')).toBe(true);
  expect(repo.exists(`${APP}/node_modules`)).toBe(false);
  expect(repo.packageJson().scripts?.prepare).toBe('husky');
  expect(repo.git(['config', 'core.hooksPath']).stdout.trim()).toBe('.husky/_');
  expect(repo.headCount()).toBe(1);
});

test('a key staged inside packages/app and committed from there is blocked; the path is repo-relative', () => {
  const key = anthropicKey();
  const line = `export const key = "${key}";`;
  repo.write(`${APP}/src/x.js`, `${line}\n`);
  repo.must('git', ['add', 'src/x.js'], APP);
  const result = repo.git(['commit', '-m', 'key'], APP);
  expect(result.status).not.toBe(0);
  expect(result.output).toContain(`  packages/app/src/x.js:1:${line.indexOf(key) + 1}  secret: Anthropic`);
  expect(repo.headCount()).toBe(1);
});

test('a clean commit from inside packages/app passes and says what it scanned', () => {
  repo.write(`${APP}/src/y.js`, 'export const y = 1;\n');
  repo.must('git', ['add', 'src/y.js'], APP);
  const result = repo.git(['commit', '-m', 'clean'], APP);
  expect(result.output).toContain('keyfence: 1 file, 1 added line, no secrets');
  expect(result.status).toBe(0);
  expect(repo.headCount()).toBe(2);
  repo.must('git', ['reset', '-q', '--hard', 'HEAD~1']);
});

test('`git commit -a` and `git commit <path>` from inside packages/app (temporary index) are blocked too', () => {
  repo.write(`${APP}/src/index.js`, `export const greet = () => 'hi';\nconst token = "${githubToken()}";\n`);
  const all = repo.git(['commit', '-a', '-m', 'all'], APP);
  expect(all.status).not.toBe(0);
  expect(all.output).toMatch(/^ {2}packages\/app\/src\/index\.js:2:16 /m);
  const byPath = repo.git(['commit', '-m', 'path', 'src/index.js'], APP);
  expect(byPath.status).not.toBe(0);
  expect(byPath.output).toMatch(/^ {2}packages\/app\/src\/index\.js:2:16 /m);
  expect(repo.headCount()).toBe(1);
});

test('an env file staged inside packages/app blocks; `npx keyfence --fix` from there ignores it in the root .gitignore', () => {
  repo.write(`${APP}/.env`, 'API_URL=http://localhost:3000\n');
  repo.must('git', ['add', '.env'], APP);
  const blocked = repo.git(['commit', '-m', 'env'], APP);
  expect(blocked.status).not.toBe(0);
  expect(blocked.output).toMatch(/^ {2}packages\/app\/\.env {2}env file staged/m);
  const fix = repo.run('npx', [...NPX, '--fix'], APP);
  expect(fix.status).toBe(0);
  expect(repo.git(['check-ignore', '-q', `${APP}/.env`]).status).toBe(0);
  expect(repo.exists(`${APP}/.gitignore`)).toBe(false);
  expect(repo.git(['diff', '--cached', '--name-only']).stdout.trim()).toBe('');
  expect(repo.exists(`${APP}/.env`)).toBe(true);
});

test('`npx keyfence` run directly from packages/app judges the whole index, not just that folder', () => {
  repo.write('packages/lib/secret.js', `module.exports = "${githubToken()}";\n`);
  repo.write('root.js', `const k = "${anthropicKey()}";\n`);
  repo.write(`${APP}/src/ok.js`, 'export const ok = true;\n');
  repo.must('git', ['add', '-A', ':/']);
  // The root's installed keyfence answers, not a registry download (--no forbids that fallback).
  expect(repo.must('npx', [...NPX, '--version'], APP).stdout.trim()).toBe(VERSION);
  const result = repo.run('npx', NPX, APP);
  expect(result.status).toBe(1);
  expect(result.output).toMatch(/^ {2}packages\/lib\/secret\.js:1:19 /m);
  expect(result.output).toMatch(/^ {2}root\.js:1:12 /m);
  expect(result.output).toContain('in 3 scanned files');
  const scan = repo.run('npx', [...NPX, 'scan', '--staged', '--format', 'json'], APP);
  expect(scan.status).toBe(1);
  const json = JSON.parse(scan.stdout) as { findings: { path: string }[] };
  expect(json.findings.map((f) => f.path).sort()).toEqual(['packages/lib/secret.js', 'root.js']);
});

test('the root config applies to commits made inside a package, with repo-relative globs', () => {
  repo.write('.keyfencerc.json', JSON.stringify({ allow: { paths: [`${APP}/fixtures/**`] } }) + '\n');
  repo.write(`${APP}/fixtures/sample.js`, `export const sample = "${githubToken()}";\n`);
  repo.must('git', ['add', '-A', ':/']);
  const allowed = repo.git(['commit', '-m', 'fixture'], APP);
  expect(allowed.output).toMatch(/no secrets/);
  expect(allowed.status).toBe(0);
  repo.must('git', ['reset', '-q', '--hard', 'HEAD~1']);

  // A config file inside the package is not the repository's config: it is not read.
  repo.write(`${APP}/.keyfencerc.json`, JSON.stringify({ allow: { paths: ['**'] } }) + '\n');
  repo.write(`${APP}/src/k.js`, `export const k = "${githubToken()}";\n`);
  repo.must('git', ['add', '-A', ':/']);
  const blocked = repo.git(['commit', '-m', 'package config'], APP);
  expect(blocked.status).not.toBe(0);
  expect(blocked.output).toMatch(/^ {2}packages\/app\/src\/k\.js:1:/m);
});

// Paths on the command line are relative to where the user stands, not to the repository root.
test('`npx keyfence scan src` from packages/app scans packages/app/src', () => {
  repo.write(`${APP}/src/k.js`, `export const k = "${githubToken()}";\n`);
  repo.must('git', ['add', 'src/k.js'], APP);
  const result = repo.run('npx', [...NPX, 'scan', 'src'], APP);
  expect(result.output).toMatch(/^ {2}packages\/app\/src\/k\.js:1:/m);
  expect(result.status).toBe(1);
});
