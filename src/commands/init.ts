import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { Style } from '../report/style';
import type { RepoContext } from './context';
import { runScan } from './scan';

/** init cannot proceed (no package.json, husky missing); the CLI exits 2. */
export class InitError extends Error {
  override name = 'InitError';
}

const HOOK_LINE = 'keyfence';
/** A line that already runs keyfence (any runner: npx, pnpm exec, plain). */
const RUNS_KEYFENCE = /(^|[\s;&|(])(npx\s+(--no-install\s+)?|pnpm\s+(exec\s+)?|yarn\s+|bunx\s+)?keyfence(\s|$)/m;

/** husky exports only its API, not its bin, so look for the file where node would install it. */
function findHuskyBin(from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', 'husky', 'bin.js');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/** Adds husky's `prepare` script, keeping any existing one. Returns what it did. */
function ensurePrepareScript(pkgPath: string, command: string): string | null {
  const raw = readFileSync(pkgPath, 'utf8');
  let pkg: { scripts?: Record<string, string> };
  try {
    pkg = JSON.parse(raw) as typeof pkg;
  } catch (error) {
    throw new InitError(`package.json is not valid JSON (${(error as Error).message}); fix it and run init again`);
  }
  const scripts = (pkg.scripts ??= {});
  const current = scripts.prepare;
  if (current !== undefined && /\bhusky\b/.test(current)) return null;
  scripts.prepare = current ? `${current} && ${command}` : command;
  const indent = /^[ \t]+/m.exec(raw)?.[0] ?? '  ';
  writeFileSync(pkgPath, JSON.stringify(pkg, null, indent) + (raw.endsWith('\n') ? '\n' : ''));
  return `added "prepare": "${scripts.prepare}" to package.json`;
}

/** Appends the keyfence line to the pre-commit hook, keeping what it already runs. */
function ensureHookLine(hookPath: string): string | null {
  const existing = existsSync(hookPath) ? readFileSync(hookPath, 'utf8') : '';
  if (RUNS_KEYFENCE.test(existing)) return null;
  const lead = existing.length > 0 && !existing.endsWith('\n') ? '\n' : '';
  writeFileSync(hookPath, existing + lead + HOOK_LINE + '\n');
  chmodSync(hookPath, 0o755);
  return existing ? `added keyfence to ${hookPath}` : `created ${hookPath}`;
}

/**
 * `keyfence init`: wires husky (prepare script, hooks path, .husky/pre-commit),
 * idempotently, then reports what the tracked tree already holds without failing.
 */
export interface InitOptions {
  /** Also install a pre-push hook that scans the commits being pushed. */
  readonly prePush?: boolean;
  /** Plain core.hooksPath, no husky. */
  readonly noHusky?: boolean;
}

export async function runInit(
  ctx: RepoContext,
  cwd: string,
  io: { out: (s: string) => void; style: Style },
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  _options: InitOptions = {},
): Promise<number> {
  const pkgPath = join(cwd, 'package.json');
  if (!existsSync(pkgPath)) throw new InitError(`no package.json in ${cwd}; run \`npx keyfence init\` in your package's folder`);
  const huskyBin = findHuskyBin(cwd);
  if (!huskyBin) {
    throw new InitError('husky is not installed here; run `npm install --save-dev husky` and then `npx keyfence init` again');
  }
  // husky runs from the git top level; a package in a subfolder keeps its hooks beside it.
  const sub = relative(ctx.top, cwd).split(sep).join('/');
  const huskyDir = sub ? `${sub}/.husky` : '.husky';
  const up = relative(cwd, ctx.top).split(sep).join('/');
  const done: string[] = [];
  const prepared = ensurePrepareScript(pkgPath, sub ? `cd ${up} && husky ${huskyDir}` : 'husky');
  if (prepared) done.push(prepared);
  const output = execFileSync(process.execPath, [huskyBin, ...(sub ? [huskyDir] : [])], {
    cwd: ctx.top,
    encoding: 'utf8',
    env: process.env,
  }).trim();
  if (output) throw new InitError(`husky could not install the hooks: ${output}`);
  mkdirSync(join(ctx.top, huskyDir), { recursive: true });
  const hookChange = ensureHookLine(join(ctx.top, huskyDir, 'pre-commit'));
  if (hookChange) done.push(hookChange.replace(ctx.top + sep, ''));
  io.out(
    done.length
      ? `keyfence: ${done.join('; ')}\n`
      : 'keyfence: already set up (husky prepare script and .husky/pre-commit run keyfence)\n',
  );
  io.out('keyfence: every commit is now checked. Looking at what is already committed...\n');
  await runScan(ctx, { mode: 'all', paths: [], format: 'text', output: null, blocking: false }, io);
  return 0;
}
