import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { parseJsonText } from '../config/json-text';
import type { Style } from '../report/style';
import type { RepoContext } from './context';
import { InitError } from './init-error';
import { installPlainHooks, type HookName } from './plain-hooks';
import { runScan } from './scan';

export { InitError };

const RUNNER = String.raw`(^|[\s;&|(])(npx\s+(--no-install\s+)?|pnpm\s+(exec\s+)?|yarn\s+|bunx\s+)?keyfence`;
/** What each husky hook runs, and a test for a line that already does (any runner: npx, pnpm exec, plain). */
const HUSKY_HOOKS: Record<HookName, { line: string; runs: RegExp }> = {
  'pre-commit': { line: 'keyfence', runs: new RegExp(RUNNER + String.raw`(\s|$)`, 'm') },
  // git passes <remote> <url> as arguments and the refs on stdin; husky forwards both.
  'pre-push': { line: 'keyfence pre-push "$@"', runs: new RegExp(RUNNER + String.raw`\s+pre-push(\s|$)`, 'm') },
};

/** husky exports only its API, not its bin, so look for the file where node would install it. */
function findHuskyBin(from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', 'husky', 'bin.js');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/** Yarn 2+ never runs `prepare` on install; husky documents `postinstall` for it. */
function usesYarnBerry(dir: string, top: string, pkg: { packageManager?: string }): boolean {
  if (/^yarn@(?:[2-9]|\d{2,})\./.test(pkg.packageManager ?? '')) return true;
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.yarnrc.yml'))) return true;
    if (d === top || dirname(d) === d) return false;
  }
}

/** Adds husky's install script (`prepare`, or `postinstall` under yarn berry), keeping any existing one. */
function ensurePrepareScript(pkgPath: string, command: string, top: string): string | null {
  const raw = readFileSync(pkgPath, 'utf8');
  let pkg: { scripts?: Record<string, string>; packageManager?: string };
  try {
    pkg = parseJsonText(raw) as typeof pkg;
  } catch (error) {
    throw new InitError(`package.json is not valid JSON (${(error as Error).message}); fix it and run init again`);
  }
  const scripts = (pkg.scripts ??= {});
  const name = usesYarnBerry(dirname(pkgPath), top, pkg) ? 'postinstall' : 'prepare';
  const current = scripts[name];
  if (current !== undefined && /\bhusky\b/.test(current)) return null;
  scripts[name] = current ? `${current} && ${command}` : command;
  const indent = /^[ \t]+/m.exec(raw)?.[0] ?? '  ';
  // A byte order mark the file began with stays.
  const bom = raw.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  writeFileSync(pkgPath, bom + JSON.stringify(pkg, null, indent) + (raw.endsWith('\n') ? '\n' : ''));
  return `added "${name}": "${scripts[name]}" to package.json`;
}

const LINT_STAGED_FILES = [
  '.lintstagedrc', '.lintstagedrc.json', '.lintstagedrc.yaml', '.lintstagedrc.yml', '.lintstagedrc.js',
  '.lintstagedrc.mjs', '.lintstagedrc.cjs', 'lint-staged.config.js', 'lint-staged.config.mjs', 'lint-staged.config.cjs',
];

/** Whether the package's lint-staged config runs keyfence (then a hook running lint-staged runs it too). */
function lintStagedRunsKeyfence(pkgDir: string): boolean {
  const mentions = (text: string) => /(^|[^\w-])keyfence\b/.test(text);
  try {
    const pkg = parseJsonText(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as Record<string, unknown>;
    if (pkg['lint-staged'] !== undefined && mentions(JSON.stringify(pkg['lint-staged']))) return true;
  } catch {
    // an unreadable package.json is reported by ensurePrepareScript
  }
  return LINT_STAGED_FILES.some((name) => existsSync(join(pkgDir, name)) && mentions(readFileSync(join(pkgDir, name), 'utf8')));
}

/** Appends the keyfence line to a husky hook, keeping what it already runs. */
function ensureHookLine(hookPath: string, hook: HookName, pkgDir: string): string | null {
  const existing = existsSync(hookPath) ? readFileSync(hookPath, 'utf8') : '';
  if (HUSKY_HOOKS[hook].runs.test(existing)) return null;
  if (hook === 'pre-commit' && /(^|[\s;&|(/])lint-staged(\s|$)/m.test(existing) && lintStagedRunsKeyfence(pkgDir)) return null;
  const lead = existing.length > 0 && !existing.endsWith('\n') ? '\n' : '';
  writeFileSync(hookPath, existing + lead + HUSKY_HOOKS[hook].line + '\n');
  chmodSync(hookPath, 0o755);
  return existing ? `added keyfence to ${hookPath}` : `created ${hookPath}`;
}

export interface InitOptions {
  /** Also install a pre-push hook that scans the commits being pushed. */
  readonly prePush?: boolean;
  /** Plain core.hooksPath, no husky. */
  readonly noHusky?: boolean;
}

/** Wires husky: prepare script, husky's hooks path, a keyfence line in each hook. Returns what it did. */
function installHusky(top: string, cwd: string, hooks: readonly HookName[]): string[] {
  const pkgPath = join(cwd, 'package.json');
  if (!existsSync(pkgPath)) throw new InitError(`no package.json in ${cwd}; run \`npx keyfence init\` in your package's folder`);
  const huskyBin = findHuskyBin(cwd);
  if (!huskyBin) {
    throw new InitError(
      'husky is not installed here; run `npm install --save-dev husky` and then `npx keyfence init` again ' +
        '(or `npx keyfence init --no-husky` for plain git hooks without a manager)',
    );
  }
  // husky runs from the git top level; a package in a subfolder keeps its hooks beside it.
  const sub = relative(top, cwd).split(sep).join('/');
  const huskyDir = sub ? `${sub}/.husky` : '.husky';
  const up = relative(cwd, top).split(sep).join('/');
  const done: string[] = [];
  const prepared = ensurePrepareScript(pkgPath, sub ? `cd ${up} && husky ${huskyDir}` : 'husky', top);
  if (prepared) done.push(prepared);
  const output = execFileSync(process.execPath, [huskyBin, ...(sub ? [huskyDir] : [])], {
    cwd: top,
    encoding: 'utf8',
    env: process.env,
  }).trim();
  if (output) throw new InitError(`husky could not install the hooks: ${output}`);
  mkdirSync(join(top, huskyDir), { recursive: true });
  for (const hook of hooks) {
    const change = ensureHookLine(join(top, huskyDir, hook), hook, cwd);
    if (change) done.push(change.replace(top + sep, ''));
  }
  return done;
}

/**
 * `keyfence init`: wires the hooks (husky by default, plain core.hooksPath with
 * --no-husky; pre-push too with --pre-push), idempotently, then reports what the
 * tracked tree already holds without failing.
 */
export async function runInit(
  ctx: RepoContext,
  cwd: string,
  io: { out: (s: string) => void; style: Style },
  options: InitOptions = {},
): Promise<number> {
  const hooks: HookName[] = options.prePush ? ['pre-commit', 'pre-push'] : ['pre-commit'];
  let done: string[];
  let setup: string;
  if (options.noHusky) {
    const plain = await installPlainHooks(ctx.git, ctx.top, cwd, hooks);
    done = plain.done;
    setup = `core.hooksPath ${plain.dir}: ${hooks.join(' and ')} run keyfence`;
  } else {
    done = installHusky(ctx.top, cwd, hooks);
    setup = `husky prepare script and ${hooks.map((h) => `.husky/${h}`).join(' and ')} run keyfence`;
  }
  io.out(done.length ? `keyfence: ${done.join('; ')}\n` : `keyfence: already set up (${setup})\n`);
  io.out(
    `keyfence: every commit${options.prePush ? ' and every push' : ''} is now checked. Looking at what is already committed...\n`,
  );
  await runScan(ctx, { mode: 'all', paths: [], format: 'text', output: null, blocking: false }, io);
  return 0;
}
