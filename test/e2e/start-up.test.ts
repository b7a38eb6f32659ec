import { cpSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { SCAN_MODULE } from '../../src/detect/candidates';
import { snapshotOf } from '../../src/detect/catalogue-snapshot';
import { SHA1_MODULE } from '../../src/detect/sha1';
import { MODULE_HEAD } from '../../src/module-wrapper';
import { compileCatalogue } from '../../src/detect/engine';
import { catalogue as rules } from '../../src/detect/rules';
import { githubToken } from './keys';
import { TempRepo } from './repo';

jest.setTimeout(60_000);

/**
 * Gives the repo a node_modules folder of its own (not the shared template's), so the
 * cache files seen are this test's; returns the shared folder, where keyfence is installed.
 */
function ownNodeModules(repo: TempRepo): string {
  const shared = readlinkSync(join(repo.dir, 'node_modules'));
  unlinkSync(join(repo.dir, 'node_modules'));
  mkdirSync(join(repo.dir, 'node_modules'));
  return shared;
}

describe('start-up cache', () => {
  test('the hook keeps a code cache of its own, so a first `--version` cannot leave it a thin one', () => {
    const repo = TempRepo.create({ init: false });
    const shared = ownNodeModules(repo);
    const bin = join(shared, 'keyfence', 'dist', 'bin.js');
    const cacheDir = join(repo.dir, 'node_modules', '.cache', 'keyfence');
    const caches = () => readdirSync(cacheDir).filter((f) => f.endsWith('.v8'));

    expect(repo.run('node', [bin, '--version']).status).toBe(0);
    expect(caches()).toHaveLength(1);
    const versionCache = caches()[0]!;

    repo.write('a.js', 'export const answer = 42;\n');
    repo.git(['add', 'a.js']);
    const hook = repo.run('node', [bin]);
    expect(hook.status).toBe(0);
    expect(hook.output).toContain('no secrets');
    const hookCache = caches().find((f) => f !== versionCache);
    expect(hookCache).toBeDefined();
    // The hook compiled more of the build than --version did (git, the scan, the report), and its cache holds it.
    expect(statSync(join(cacheDir, hookCache!)).size).toBeGreaterThan(1.1 * statSync(join(cacheDir, versionCache)).size);

    // Later runs of either kind reuse their cache instead of writing new ones.
    expect(repo.run('node', [bin]).status).toBe(0);
    expect(repo.run('node', [bin, '-v']).status).toBe(0);
    expect(caches()).toHaveLength(2);
  });

  test('a new build replaces the cache its install wrote before; other installs keep theirs', () => {
    const repo = TempRepo.create({ init: false });
    const shared = ownNodeModules(repo);
    // Two installs of our own, so their bundles can be "upgraded" (new mtime) without touching the shared one.
    const install = (name: string): string => {
      const root = join(repo.dir, '.git', name);
      cpSync(join(shared, 'keyfence', 'dist'), join(root, 'dist'), { recursive: true });
      cpSync(join(shared, 'keyfence', 'package.json'), join(root, 'package.json'));
      return join(root, 'dist');
    };
    const first = install('first');
    const second = install('second');
    const cacheDir = join(repo.dir, 'node_modules', '.cache', 'keyfence');
    const caches = () => readdirSync(cacheDir).sort();
    const version = (dist: string) => expect(repo.run('node', [join(dist, 'bin.js'), '--version']).status).toBe(0);

    version(first);
    const [firstCache] = caches();
    version(second);
    const secondCache = caches().find((f) => f !== firstCache);
    expect(caches()).toHaveLength(2);
    // Caches named the ways earlier builds named them are left over from one of them.
    writeFileSync(join(cacheDir, `${'0'.repeat(24)}.v8`), 'stale');
    writeFileSync(join(cacheDir, `hook-${'0'.repeat(12)}-${'1'.repeat(12)}.v8`), 'stale');

    const later = new Date(Date.now() + 60_000);
    utimesSync(join(first, 'keyfence.js'), later, later);
    version(first);
    const after = caches();
    expect(after).toHaveLength(2);
    expect(after).toContain(secondCache);
    expect(after).not.toContain(firstCache);
    // And the new cache is used, not rewritten, by the next run.
    const replaced = after.find((f) => f !== secondCache)!;
    const written = statSync(join(cacheDir, replaced)).mtimeMs;
    version(first);
    expect(caches()).toEqual(after);
    expect(statSync(join(cacheDir, replaced)).mtimeMs).toBe(written);
  });

  test('the build is ASCII, so it starts as a one-byte string; a build that is not still reads as UTF-8', () => {
    const repo = TempRepo.create({ init: false });
    const shared = ownNodeModules(repo);
    const bundle = readFileSync(join(shared, 'keyfence', 'dist', 'keyfence.js'));
    // Any line listed here came from a source comment: write it in ASCII.
    const nonAscii = bundle
      .toString('utf8')
      .split('\n')
      .filter((line) => /[^\x00-\x7f]/.test(line));
    expect(nonAscii).toEqual([]);
    // Built as the module function bin.js compiles as it is (no "#!" line, no wrapping at start-up).
    expect(bundle.toString('latin1').startsWith(MODULE_HEAD)).toBe(true);

    const root = join(repo.dir, '.git', 'unicode');
    cpSync(join(shared, 'keyfence', 'dist'), join(root, 'dist'), { recursive: true });
    cpSync(join(shared, 'keyfence', 'package.json'), join(root, 'package.json'));
    const marked = bundle.toString('utf8').replace(/, no secrets`/, ', no secrets \u2713`');
    expect(marked).not.toBe(bundle.toString('utf8'));
    writeFileSync(join(root, 'dist', 'keyfence.js'), marked);
    repo.write('a.js', 'export const answer = 42;\n');
    repo.git(['add', 'a.js']);
    const hook = repo.run('node', [join(root, 'dist', 'bin.js')]);
    expect(hook.status).toBe(0);
    expect(hook.output).toContain('no secrets \u2713');
  });
});

describe('lazy loading', () => {
  /** Node's own modules that one run of the installed keyfence (its bin, as husky runs it) loaded. */
  function builtinsLoadedBy(repo: TempRepo): string[] {
    const shared = readlinkSync(join(repo.dir, 'node_modules'));
    const report = join(repo.dir, '.git', 'builtins.json');
    const preload = join(repo.dir, '.git', 'report-builtins.js');
    writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(process.moduleLoadList)));\n`);
    const result = repo.run('node', ['--require', preload, join(shared, 'keyfence', 'dist', 'bin.js')]);
    expect(result.output).toContain('no secrets');
    const loaded = JSON.parse(readFileSync(report, 'utf8')) as string[];
    return loaded.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
  }

  test('node:crypto loads only for a commit that adds over 64 KiB or many files (its own SHA-1 checks a few small ones)', () => {
    const repo = TempRepo.create({ init: false });
    repo.write('a.js', 'export const answer = 42;\n');
    repo.git(['add', 'a.js']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'base']);
    repo.write('a.js', 'export const answer = 43;\n');
    repo.git(['add', 'a.js']);
    expect(builtinsLoadedBy(repo)).not.toContain('crypto');
    // A new file is read from the work tree only when it hashes to its staged blob.
    repo.write('b.js', 'export const other = 1;\n');
    repo.git(['add', 'b.js']);
    expect(builtinsLoadedBy(repo)).not.toContain('crypto');
    repo.write('c.js', `export const lines = [\n${'  "a line of data",\n'.repeat(4_000)}];\n`);
    repo.git(['add', 'c.js']);
    expect(builtinsLoadedBy(repo)).toContain('crypto');
    repo.git(['rm', '-q', '--cached', 'c.js']);
    for (let i = 0; i < 40; i++) repo.write(`many/m${i}.js`, `export const n = ${i};\n`);
    repo.git(['add', 'many']);
    expect(builtinsLoadedBy(repo)).toContain('crypto');
  });

  /** The modules of the installed keyfence (and zod) that one run of its unbundled CLI loaded. */
  function loadedBy(repo: TempRepo, args: readonly string[] = []): string[] {
    const shared = readlinkSync(join(repo.dir, 'node_modules'));
    const report = join(repo.dir, '.git', 'loaded.json');
    const preload = join(repo.dir, '.git', 'report-loaded.js');
    writeFileSync(
      preload,
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(Object.keys(require.cache))));\n`,
    );
    const result = repo.run('node', ['--require', preload, join(shared, 'keyfence', 'dist', 'cli.js'), ...args]);
    expect(result.status).toBe(0);
    const modules = JSON.parse(readFileSync(report, 'utf8')) as string[];
    const ours = /[\\/]node_modules[\\/](keyfence[\\/]dist|zod|minimatch)[\\/]/;
    return modules.filter((m) => ours.test(m)).map((m) => m.slice(m.lastIndexOf(`${sep}node_modules${sep}`) + 14));
  }

  test('a commit without added content loads no detection modules; no zod without a config file, no minimatch without globs', () => {
    const repo = TempRepo.create({ init: false });
    repo.write('a.js', 'export const answer = 42;\n');
    repo.git(['add', 'a.js']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'base']);
    repo.git(['rm', '-q', 'a.js']);
    const onlyDeletion = loadedBy(repo);
    expect(onlyDeletion.some((m) => m.includes('git'))).toBe(true);
    expect(onlyDeletion.filter((m) => /detect[\\/](engine|rules)|zod|minimatch/.test(m))).toEqual([]);

    // The same check sees the modules when there is content to judge, and zod with a config file.
    repo.write('b.js', 'export const other = 1;\n');
    repo.write('.keyfencerc.json', '{}\n');
    repo.git(['add', 'b.js', '.keyfencerc.json']);
    const withContent = loadedBy(repo);
    expect(withContent.some((m) => /detect[\\/]engine/.test(m))).toBe(true);
    expect(withContent.some((m) => m.includes(`zod${sep}`))).toBe(true);

    // A glob in allow.paths is matched with minimatch, loaded for it.
    repo.write('.keyfencerc.json', '{ "allow": { "paths": ["fixtures/**"] } }\n');
    repo.git(['add', '.keyfencerc.json']);
    expect(loadedBy(repo).some((m) => m.includes(`minimatch${sep}`))).toBe(true);
  });
});

describe('simple-git debugging', () => {
  test("DEBUG=simple-git still shows, through the build, what git was asked; without it nothing is printed", () => {
    const repo = TempRepo.create({ init: false });
    const bin = join(readlinkSync(join(repo.dir, 'node_modules')), 'keyfence', 'dist', 'bin.js');
    repo.write('a.js', 'export const answer = 42;\n');
    repo.git(['add', 'a.js']);
    const quiet = repo.run('node', [bin]);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
    const traced = repo.run('node', [bin], { env: { ...repo.env, DEBUG: 'simple-git' } });
    expect(traced.status).toBe(0);
    expect(traced.stderr).toMatch(/simple-git \[GitExecutor\] \[SPAWN\] git \[/);
    expect(traced.stdout).toContain('no secrets');
  });
});

describe('the catalogue snapshot', () => {
  test('the package ships the snapshot of these very rules', () => {
    const template = process.env.KEYFENCE_E2E_TEMPLATE!;
    const shipped = readFileSync(join(template, 'node_modules', 'keyfence', 'dist', 'catalogue.json'), 'utf8');
    expect(shipped === snapshotOf(compileCatalogue(rules))).toBe(true);
  });

  test('a damaged snapshot only costs time: the hook compiles the rules and still blocks a key', () => {
    const repo = TempRepo.create({ init: false });
    const shared = ownNodeModules(repo);
    const dist = join(repo.dir, '.git', 'install', 'dist');
    cpSync(join(shared, 'keyfence', 'dist'), dist, { recursive: true });
    cpSync(join(shared, 'keyfence', 'package.json'), join(dist, '..', 'package.json'));
    writeFileSync(join(dist, 'catalogue.json'), '{"format":1,"rules":[');
    repo.write('config.js', `export const token = '${githubToken()}';\n`);
    repo.git(['add', 'config.js']);
    const result = repo.run('node', [join(dist, 'bin.js')]);
    expect(result.status).toBe(1);
    expect(result.output).toContain('github-classic-pat');
  });
});

describe('the built WebAssembly modules', () => {
  test('the package ships the bytes of these very modules', () => {
    const template = process.env.KEYFENCE_E2E_TEMPLATE!;
    for (const definition of [SCAN_MODULE, SHA1_MODULE]) {
      const shipped = readFileSync(join(template, 'node_modules', 'keyfence', 'dist', definition.file));
      expect(Buffer.compare(shipped, Buffer.from(definition.encode()))).toBe(0);
    }
  });

  test.each([
    ['garbage', () => Buffer.from('not a module')],
    ['the other module (its function has another name)', () => Buffer.from(SHA1_MODULE.encode())],
  ])('damaged bytes (%s) only cost time: a new file with a key is still blocked', (_what, bytes) => {
    const repo = TempRepo.create({ init: false });
    const shared = ownNodeModules(repo);
    const dist = join(repo.dir, '.git', 'install', 'dist');
    cpSync(join(shared, 'keyfence', 'dist'), dist, { recursive: true });
    cpSync(join(shared, 'keyfence', 'package.json'), join(dist, '..', 'package.json'));
    writeFileSync(join(dist, SCAN_MODULE.file), bytes());
    writeFileSync(join(dist, SHA1_MODULE.file), bytes());
    repo.write('config.js', `export const token = '${githubToken()}';\n`);
    repo.git(['add', 'config.js']);
    const result = repo.run('node', [join(dist, 'bin.js')]);
    expect(result.status).toBe(1);
    expect(result.output).toContain('github-classic-pat');
    expect(result.stderr).not.toMatch(/internal error|WebAssembly/);
  });
});
