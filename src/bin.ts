#!/usr/bin/env node
/**
 * The `keyfence` command: starts the single-file build (dist/keyfence.js, made
 * by esbuild from cli.ts) with V8's code cache, because the hook runs on every
 * commit and compiling some fifty modules was a large share of its start-up.
 *
 * The cache lives in the project's own node_modules/.cache/keyfence (where
 * build tools keep theirs, and never in a shared folder another user could
 * write to); it is keyed by Node version, platform and the build's size and
 * time, and V8 rejects a cache that does not fit. A new build's cache replaces
 * the one the same install wrote before, so upgrades leave nothing behind.
 * Without node_modules, or without the build (running from sources), keyfence
 * starts the plain way.
 */
import { isAscii } from 'node:buffer';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { COMMANDS } from './commands/names';
import { wrapAsModule } from './module-wrapper';

const BUNDLE = join(__dirname, 'keyfence.js');

/**
 * The hook's runs (bare, `check`, or the paths lint-staged passes) have a cache of
 * their own: a cache holds what the run that wrote it compiled, and a first
 * `keyfence --version` would otherwise leave every commit a cache of almost nothing.
 */
function cacheKind(args: readonly string[]): string {
  const first = args[0];
  return first === undefined || first === 'check' || (!first.startsWith('-') && !COMMANDS.has(first)) ? 'hook' : 'other';
}

/**
 * 64 bits of FNV-1a (two 32-bit passes from different offsets) as 16 hex digits.
 * It only names cache files (V8 itself rejects a cache that does not fit its
 * script), so it need not be a cryptographic hash, and start-up no longer loads
 * node:crypto (~2 ms), which a commit of changed files then never needs.
 */
function nameHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** Cache files named the ways earlier builds named them: 24 hex digits, or kind and two 12-digit parts. */
const EARLIER_NAMING = /^(?:[0-9a-f]{24}|(?:hook|other)-[0-9a-f]{12}-[0-9a-f]{12})\.v8$/;

/**
 * `<kind>-<install>-<build>.v8`: one cache per kind for each install (a hash of
 * this bundle's path); the build part (Node's version, the bundle's size and
 * time) changes when either is upgraded.
 */
function cacheFileFor(bundle: string): string | null {
  const modules = join(process.cwd(), 'node_modules');
  if (!existsSync(modules)) return null;
  const { size, mtimeMs } = statSync(bundle);
  const install = nameHash(bundle);
  const build = nameHash(`${process.version} ${process.platform} ${process.arch} ${size} ${mtimeMs}`);
  return join(modules, '.cache', 'keyfence', `${cacheKind(process.argv.slice(2))}-${install}-${build}.v8`);
}

function readCache(file: string | null): Buffer | undefined {
  try {
    return file ? readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Written once the run is over (so it holds what this run compiled); then the
 * same install's older caches of this kind (an earlier build or Node) are
 * removed, and any left by the earlier namings (EARLIER_NAMING). A failed write
 * or removal only costs speed or disk.
 */
function writeCache(file: string, script: Script): void {
  try {
    const dir = dirname(file);
    mkdirSync(dir, { recursive: true });
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, file);
    const name = file.slice(dir.length + 1);
    const sameSlot = name.slice(0, name.lastIndexOf('-') + 1);
    for (const other of readdirSync(dir)) {
      if (other !== name && (other.startsWith(sameSlot) || EARLIER_NAMING.test(other))) unlinkSync(join(dir, other));
    }
  } catch {
    // Read-only project or full disk: start-up stays uncached.
  }
}

/**
 * The build is ASCII (esbuild escapes non-ASCII in strings, and a test keeps the
 * comments it copies ASCII): read as latin1, it becomes a one-byte string, where
 * UTF-8 decoding made a two-byte one. That took ~3 % of a typical commit's CPU
 * and 2 MB. A build that is not ASCII still decodes as UTF-8.
 */
function readSource(file: string): string {
  const bytes = readFileSync(file);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

function start(): void {
  if (!existsSync(BUNDLE)) {
    require('./cli');
    return;
  }
  const cacheFile = cacheFileFor(BUNDLE);
  const cachedData = readCache(cacheFile);
  // The build writes the bundle as a module function (as node's Module.wrap would make it,
  // without importing node:module, which loads four more of node's modules); wrapped here
  // only if it is not.
  const script = new Script(wrapAsModule(readSource(BUNDLE)), { filename: BUNDLE, ...(cachedData ? { cachedData } : {}) });
  const wrapper = script.runInThisContext() as (exports: object, require: NodeRequire, module: object, filename: string, dirname: string) => void;
  const module = { exports: {} };
  // This file's own require resolves from the same folder as the bundle's would.
  wrapper.call(module.exports, module.exports, require, module, BUNDLE, dirname(BUNDLE));
  if (cacheFile && (!cachedData || script.cachedDataRejected)) process.once('exit', () => writeCache(cacheFile, script));
}

start();
