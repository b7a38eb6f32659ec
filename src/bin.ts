#!/usr/bin/env node
/**
 * The `keyfence` command: starts the single-file build (dist/keyfence.js, made
 * by esbuild from cli.ts) with V8's code cache, because the hook runs on every
 * commit and compiling some fifty modules was a large share of its start-up.
 *
 * The cache lives in the project's own node_modules/.cache/keyfence (where
 * build tools keep theirs, and never in a shared folder another user could
 * write to); it is keyed by Node version, platform and the build's size and
 * time, and V8 rejects a cache that does not fit. Without node_modules, or
 * without the build (running from sources), keyfence starts the plain way.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { COMMANDS } from './commands/names';

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

function cacheFileFor(bundle: string): string | null {
  const modules = join(process.cwd(), 'node_modules');
  if (!existsSync(modules)) return null;
  const { size, mtimeMs } = statSync(bundle);
  const kind = cacheKind(process.argv.slice(2));
  const key = createHash('sha256').update(`${process.version} ${process.platform} ${process.arch} ${bundle} ${size} ${mtimeMs} ${kind}`).digest('hex');
  return join(modules, '.cache', 'keyfence', `${key.slice(0, 24)}.v8`);
}

function readCache(file: string | null): Buffer | undefined {
  try {
    return file ? readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

/** Written once the run is over (so it holds what this run compiled); a failed write only costs speed. */
function writeCache(file: string, script: Script): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, file);
  } catch {
    // Read-only project or full disk: start-up stays uncached.
  }
}

function start(): void {
  if (!existsSync(BUNDLE)) {
    require('./cli');
    return;
  }
  const cacheFile = cacheFileFor(BUNDLE);
  const cachedData = readCache(cacheFile);
  // The build keeps cli.ts's "#!" line, which is only valid at the very start of a file.
  const source = readFileSync(BUNDLE, 'utf8').replace(/^#!.*/, '');
  const script = new Script(Module.wrap(source), { filename: BUNDLE, ...(cachedData ? { cachedData } : {}) });
  const wrapper = script.runInThisContext() as (exports: object, require: NodeRequire, module: object, filename: string, dirname: string) => void;
  const module = { exports: {} };
  wrapper.call(module.exports, module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  if (cacheFile && (!cachedData || script.cachedDataRejected)) process.once('exit', () => writeCache(cacheFile, script));
}

start();
