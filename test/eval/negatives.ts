/**
 * The negative corpus: real third-party source that nobody here wrote (a pinned
 * set of npm packages, including API SDKs that name keys without holding them),
 * plus generated look-alikes: a real package-lock.json, hash lists, UUIDs,
 * base64 data URIs and every documented placeholder (doNotFlag) of the catalogue.
 * Any finding here is a false positive.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { contextName } from './corpus';
import type { Format } from './formats';
import { CACHE_DIR, HarnessError, REPO_ROOT, mustRun, type Rng } from './util';

/**
 * Exact versions, installed with --ignore-scripts (never executed, only read).
 * googleapis is left out on purpose: ~190 MB of generated clients would dominate
 * the corpus; @google-cloud/storage stands in for Google.
 */
export const NEGATIVE_PACKAGES: Readonly<Record<string, string>> = {
  openai: '7.59.0',
  '@anthropic-ai/sdk': '1.14.0',
  stripe: '23.1.0',
  '@slack/web-api': '8.2.0',
  twilio: '6.3.1',
  '@aws-sdk/client-s3': '3.1175.0',
  '@google-cloud/storage': '8.4.0',
  '@octokit/rest': '22.0.1',
  firebase: '13.2.0',
  typescript: '5.9.3',
  lodash: '4.18.1',
  rxjs: '7.8.2',
  '@babel/core': '8.1.3',
  eslint: '10.15.0',
  prettier: '3.10.1',
  webpack: '5.113.0',
};

/** Budget per package directory: the pinned packages above, and everything they pull in. */
export const DIRECT_BUDGET = 5_000_000;
export const TRANSITIVE_BUDGET = 500_000;
/** Larger files are skipped (not truncated). */
export const MAX_FILE = 2_000_000;

const BINARY_EXT = /\.(?:png|jpe?g|gif|webp|ico|bmp|woff2?|ttf|otf|eot|wasm|node|gz|tgz|zip|br|pdf|mp3|mp4|bin|dat|so|dylib|dll|exe)$/i;

export interface NegativeCorpus {
  readonly files: number;
  readonly bytes: number;
  readonly parts: ReadonlyArray<{ readonly name: string; readonly files: number; readonly bytes: number }>;
  readonly packages: number;
  readonly installedVersions: Record<string, string>;
}

/** Installs the pinned packages into the cache (once; reused while the pin list is unchanged). */
export async function ensureNegativePackages(log: (s: string) => void): Promise<string> {
  const dir = join(CACHE_DIR, 'negatives');
  const manifest = JSON.stringify({ name: 'keyfence-eval-negatives', private: true, dependencies: NEGATIVE_PACKAGES }, null, 2) + '\n';
  const marker = join(dir, '.installed');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === manifest && existsSync(join(dir, 'package-lock.json'))) return dir;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), manifest);
  log(`installing ${Object.keys(NEGATIVE_PACKAGES).length} pinned packages for the negative corpus into ${dir} (first run only, ~1 min)`);
  await mustRun('npm', ['install', '--prefix', dir, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    what: 'npm install of the negative-corpus packages',
  });
  writeFileSync(marker, manifest);
  return dir;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

function packageDirs(nodeModules: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(nodeModules).sort()) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) for (const sub of readdirSync(join(nodeModules, name)).sort()) out.push(`${name}/${sub}`);
    else out.push(name);
  }
  return out;
}

function put(root: string, rel: string, content: string | Buffer): number {
  const full = join(root, rel);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, content);
  return Buffer.byteLength(content);
}

/** Copies the selected package files and writes the generated look-alikes under `root`. */
export function buildNegativeCorpus(installDir: string, formats: readonly Format[], root: string, rng: Rng): NegativeCorpus {
  const parts: Array<{ name: string; files: number; bytes: number }> = [];
  const nodeModules = join(installDir, 'node_modules');
  const seen = new Set<string>();
  const installedVersions: Record<string, string> = {};
  let pkgFiles = 0;
  let pkgBytes = 0;
  const dirs = packageDirs(nodeModules);
  for (const pkg of dirs) {
    const budget = pkg in NEGATIVE_PACKAGES ? DIRECT_BUDGET : TRANSITIVE_BUDGET;
    if (pkg in NEGATIVE_PACKAGES) {
      installedVersions[pkg] = (JSON.parse(readFileSync(join(nodeModules, pkg, 'package.json'), 'utf8')) as { version: string }).version;
    }
    let used = 0;
    for (const file of walk(join(nodeModules, pkg))) {
      const size = statSync(file).size;
      if (size === 0 || size > MAX_FILE || used + size > budget || BINARY_EXT.test(file)) continue;
      const content = readFileSync(file);
      if (content.includes(0)) continue;
      const hash = createHash('sha1').update(content).digest('hex');
      if (seen.has(hash)) continue;
      seen.add(hash);
      const rel = file.slice(nodeModules.length + 1).split(/[\\/]/).map((s) => (s === 'node_modules' ? 'nm' : s)).join('/');
      copyFileSync(file, join(mkdirp(join(root, 'pkgs', dirname(rel))), rel.slice(rel.lastIndexOf('/') + 1)));
      used += size;
      pkgFiles++;
      pkgBytes += size;
    }
  }
  for (const [pkg, version] of Object.entries(NEGATIVE_PACKAGES)) {
    if (installedVersions[pkg] !== version) throw new HarnessError(`negative corpus: ${pkg} is ${installedVersions[pkg] ?? 'missing'}, pinned ${version}`);
  }
  parts.push({ name: `npm packages (${dirs.length} package dirs)`, files: pkgFiles, bytes: pkgBytes });

  // Lockfiles: the real one npm just wrote, and keyfence's own.
  let b = put(root, 'generated/lockfiles/package-lock.json', readFileSync(join(installDir, 'package-lock.json')));
  b += put(root, 'generated/lockfiles/keyfence/package-lock.json', readFileSync(join(REPO_ROOT, 'package-lock.json')));
  parts.push({ name: 'package-lock.json (2 real lockfiles)', files: 2, bytes: b });

  parts.push(writeHashes(root, rng.fork('hashes')));
  parts.push(writeUuids(root, rng.fork('uuids')));
  parts.push(writeImages(root, rng.fork('images')));
  parts.push(writePlaceholders(root, formats));

  const files = parts.reduce((s, p) => s + p.files, 0);
  const bytes = parts.reduce((s, p) => s + p.bytes, 0);
  return { files, bytes, parts, packages: dirs.length, installedVersions };
}

function mkdirp(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

const digest = (alg: string, data: string) => createHash(alg).update(data).digest();

function writeHashes(root: string, rng: Rng): { name: string; files: number; bytes: number } {
  const seed = () => `${rng.int(2 ** 31)}-${rng.int(2 ** 31)}`;
  const files: Record<string, string> = {};
  files['generated/hashes/SHA256SUMS'] = Array.from({ length: 4000 }, (_, i) => `${digest('sha256', seed()).toString('hex')}  dist/release-${i}.tar.gz`).join('\n');
  files['generated/hashes/SHA512SUMS'] = Array.from({ length: 2000 }, (_, i) => `${digest('sha512', seed()).toString('hex')}  pkg/artifact-${i}.zip`).join('\n');
  files['generated/hashes/sha1-objects.txt'] = Array.from({ length: 4000 }, () => `${digest('sha1', seed()).toString('hex')} blob ${rng.int(90000)}`).join('\n');
  files['generated/hashes/git-log.txt'] = Array.from(
    { length: 1500 },
    (_, i) => `commit ${digest('sha1', seed()).toString('hex')}\nAuthor: Dev ${i} <dev${i}@acme-corp.io>\nDate:   Mon Mar ${1 + (i % 28)} 10:00:00 2025 +0000\n\n    fix: handle retry ${i}\n`,
  ).join('\n');
  files['generated/hashes/integrity.html'] = Array.from(
    { length: 1500 },
    (_, i) => `<script src="https://cdn.acme-corp.io/lib-${i}.js" integrity="sha384-${digest('sha384', seed()).toString('base64')}" crossorigin="anonymous"></script>`,
  ).join('\n');
  files['generated/hashes/docker-compose.yml'] =
    'services:\n' +
    Array.from({ length: 800 }, (_, i) => `  svc${i}:\n    image: ghcr.io/acme/app-${i}@sha256:${digest('sha256', seed()).toString('hex')}`).join('\n');
  files['generated/hashes/go.sum'] = Array.from(
    { length: 2000 },
    (_, i) => `github.com/acme/mod${i} v1.${i % 30}.0 h1:${digest('sha256', seed()).toString('base64')}`,
  ).join('\n');
  files['generated/hashes/requirements.txt'] = Array.from(
    { length: 1500 },
    (_, i) => `package-${i}==1.${i % 40}.0 \\\n    --hash=sha256:${digest('sha256', seed()).toString('hex')}`,
  ).join('\n');
  let bytes = 0;
  for (const [rel, content] of Object.entries(files)) bytes += put(root, rel, content + '\n');
  return { name: 'hash lists (sha1/sha256/sha384/sha512, git log, SRI, docker digests, go.sum, pip hashes)', files: Object.keys(files).length, bytes };
}

function uuid(rng: Rng): string {
  const h = rng.bytes(16);
  h[6] = (h[6]! & 0x0f) | 0x40;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const s = h.toString('hex');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function writeUuids(root: string, rng: Rng): { name: string; files: number; bytes: number } {
  const records = Array.from({ length: 5000 }, (_, i) => ({ id: uuid(rng), orderId: uuid(rng), customer: uuid(rng), amount: i * 7 }));
  let bytes = put(root, 'generated/uuids/records.json', JSON.stringify(records, null, 2) + '\n');
  bytes += put(root, 'generated/uuids/ids.csv', ['id,request_id,created'].concat(Array.from({ length: 5000 }, (_, i) => `${uuid(rng)},${uuid(rng).toUpperCase()},2025-01-${1 + (i % 28)}`)).join('\n') + '\n');
  return { name: 'UUIDs (JSON records, CSV)', files: 2, bytes };
}

function writeImages(root: string, rng: Rng): { name: string; files: number; bytes: number } {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
  const uri = (mime: string, head: Buffer, n: number) => `data:${mime};base64,${Buffer.concat([head, rng.bytes(n)]).toString('base64')}`;
  const css = Array.from({ length: 400 }, (_, i) => `.icon-${i} { background-image: url("${uri('image/png', png, rng.between(60, 3000))}"); }`).join('\n');
  const html = Array.from({ length: 150 }, (_, i) => `<img alt="thumb ${i}" src="${uri('image/jpeg', jpeg, rng.between(200, 6000))}">`).join('\n');
  const svg = Array.from({ length: 100 }, (_, i) => `  <image id="i${i}" href="${uri('image/png', png, rng.between(100, 1500))}" />`).join('\n');
  let bytes = put(root, 'generated/images/icons.css', css + '\n');
  bytes += put(root, 'generated/images/gallery.html', html + '\n');
  bytes += put(root, 'generated/images/sprites.svg', `<svg xmlns="http://www.w3.org/2000/svg">\n${svg}\n</svg>\n`);
  return { name: 'base64 data: URIs of random bytes (CSS, HTML, SVG)', files: 3, bytes };
}

/** Every doNotFlag value of every row, in a JS assignment, a shell export and a Markdown snippet. */
function writePlaceholders(root: string, formats: readonly Format[]): { name: string; files: number; bytes: number } {
  const js: string[] = ['// Documented placeholder values (token-formats.json doNotFlag)'];
  const sh: string[] = ['#!/bin/sh'];
  const md: string[] = ['# Configuration', ''];
  let count = 0;
  for (const f of formats) {
    const name = f.needsContext ? contextName(f) : `${f.provider.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '')}_API_KEY`;
    for (const value of f.doNotFlag) {
      count++;
      js.push(`export const ${name}_${count} = ${JSON.stringify(value)};`);
      sh.push(`export ${name}=${/[\s'"`;&|<>()$\\#]/.test(value) ? `'${value.replace(/'/g, `'\\''`)}'` : value}`);
      md.push(`Set \`${name}\` (${f.name}), for example:`, '', '```sh', `${name}=${value}`, '```', '');
    }
  }
  let bytes = put(root, 'generated/placeholders/config.js', js.join('\n') + '\n');
  bytes += put(root, 'generated/placeholders/setup.sh', sh.join('\n') + '\n');
  bytes += put(root, 'generated/placeholders/README.md', md.join('\n') + '\n');
  return { name: `documented placeholders (${count} doNotFlag values x 3 files)`, files: 3, bytes };
}
