/**
 * What the benchmark installs, cached between runs under CACHE_DIR: keyfence packed
 * as published (plus husky) into a template project, the real-world source corpus,
 * and a pinned secretlint.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchError, CACHE_DIR, REPO_ROOT, log, mustRun } from './util';

/**
 * Big, widely installed packages whose shipped files are real-world source. Exact
 * versions here, and `--before` pins every transitive dependency to what the
 * registry served on that date, so every machine stages the same corpus.
 */
export const CORPUS_PACKAGES: Readonly<Record<string, string>> = {
  typescript: '5.9.3',
  three: '0.187.0',
  webpack: '5.113.0',
  prettier: '3.10.1',
  rxjs: '7.8.2',
  '@aws-sdk/client-s3': '3.1175.0',
  eslint: '10.15.0',
  '@babel/core': '8.1.3',
  '@babel/preset-env': '8.0.7',
  lodash: '4.18.1',
};
export const CORPUS_BEFORE = '2026-11-27';

// Same pins as the detection eval: one place says which secretlint is compared.
import { SECRETLINT_PACKAGES, SECRETLINT_RC } from '../eval/secretlint';

export { SECRETLINT_PACKAGES, SECRETLINT_RC };

const NPM_FLAGS = ['--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];

/** Installs `deps` into `dir` once; a changed manifest reinstalls. */
function ensureInstalled(dir: string, name: string, deps: Readonly<Record<string, string>>, extra: readonly string[]): void {
  const manifest = JSON.stringify({ name, private: true, dependencies: deps }, null, 2) + '\n';
  const marker = join(dir, '.installed');
  const stamp = manifest + extra.join(' ');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === stamp) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), manifest);
  log(`installing ${name} into ${dir} (first run only)`);
  mustRun('npm', ['install', ...NPM_FLAGS, ...extra], { cwd: dir, what: `npm install of ${name}` });
  writeFileSync(marker, stamp);
}

export interface Corpus {
  /** The node_modules folder whose text files make up the large change. */
  readonly root: string;
  readonly packages: Readonly<Record<string, string>>;
}

export function ensureCorpus(): Corpus {
  const dir = join(CACHE_DIR, 'corpus');
  ensureInstalled(dir, 'keyfence-bench-corpus', CORPUS_PACKAGES, [`--before=${CORPUS_BEFORE}`]);
  return { root: join(dir, 'node_modules'), packages: CORPUS_PACKAGES };
}

export interface Secretlint {
  /** The installed bin link, run as a hook or lint-staged would run it. */
  readonly bin: string;
  readonly rc: string;
  readonly versions: Record<string, string>;
}

export function ensureSecretlint(): Secretlint {
  const dir = join(CACHE_DIR, 'secretlint');
  ensureInstalled(dir, 'keyfence-bench-secretlint', SECRETLINT_PACKAGES, [`--before=${CORPUS_BEFORE}`]);
  const rc = join(dir, '.secretlintrc.json');
  writeFileSync(rc, JSON.stringify(SECRETLINT_RC, null, 2) + '\n');
  const versions: Record<string, string> = {};
  for (const name of [...Object.keys(SECRETLINT_PACKAGES), '@secretlint/core']) {
    const pkg = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(pkg)) versions[name] = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  }
  const bin = join(dir, 'node_modules', '.bin', 'secretlint');
  if (!existsSync(bin)) throw new BenchError(`secretlint is not installed at ${bin}; delete ${dir} and run the bench again`);
  return { bin, rc, versions };
}

export interface Template {
  /** A project folder whose node_modules holds the packed keyfence and husky. */
  readonly dir: string;
  readonly keyfenceVersion: string;
  readonly huskyVersion: string;
}

/**
 * Packs keyfence from the freshly built dist/ exactly as npm would publish it and
 * installs the tarball with husky, like test/e2e/global-setup.ts (own folders, so
 * a concurrent jest run cannot delete them under us).
 */
export function ensureTemplate(): Template {
  if (!existsSync(join(REPO_ROOT, 'dist', 'cli.js'))) throw new BenchError('dist/cli.js is missing: run `npm run bench` (it builds first)');
  const packDir = join(CACHE_DIR, 'pack');
  rmSync(packDir, { recursive: true, force: true });
  mkdirSync(packDir, { recursive: true });
  mustRun('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', packDir], { cwd: REPO_ROOT, what: 'npm pack of keyfence' });
  const tgz = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new BenchError(`npm pack wrote no tarball into ${packDir}`);
  const tarball = join(packDir, tgz);
  const hash = createHash('sha256').update(readFileSync(tarball)).digest('hex').slice(0, 16);
  const huskyVersion = (JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', 'husky', 'package.json'), 'utf8')) as { version: string }).version;
  const name = `template-${hash}`;
  const dir = join(CACHE_DIR, name);
  // Older templates belong to older builds: keep only the current one.
  for (const entry of existsSync(CACHE_DIR) ? readdirSync(CACHE_DIR) : []) {
    if (entry.startsWith('template-') && entry !== name) rmSync(join(CACHE_DIR, entry), { recursive: true, force: true });
  }
  if (!existsSync(join(dir, 'node_modules', 'keyfence', 'dist', 'cli.js'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bench-project', version: '1.0.0', private: true }, null, 2) + '\n');
    log('installing the packed keyfence and husky into a template project');
    mustRun('npm', ['install', '--save-dev', '--prefer-offline', ...NPM_FLAGS, tarball, `husky@${huskyVersion}`], {
      cwd: dir,
      what: 'npm install of the keyfence tarball',
    });
  }
  const keyfenceVersion = (JSON.parse(readFileSync(join(dir, 'node_modules', 'keyfence', 'package.json'), 'utf8')) as { version: string }).version;
  return { dir, keyfenceVersion, huskyVersion };
}
