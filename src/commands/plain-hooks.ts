import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { GitClient } from '../git/client';
import { setHooksPath } from '../git/hooks-path';
import { InitError } from './init-error';

/** Hooks keyfence can install. */
export type HookName = 'pre-commit' | 'pre-push';

const DEFAULT_DIR = '.githooks';

/** Single-quoted for sh, so any path is one word. */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The block each hook runs. Written first in the script (after the shebang) so an
 * `exec` or `exit 0` in existing content cannot skip it; pre-push reads the refs
 * git sends on stdin and hands them on to whatever the script runs next.
 */
export function hookBlock(hook: HookName, bin: string): string {
  const q = shellQuote(bin);
  const verb = hook === 'pre-push' ? 'push' : 'commit';
  const missing = [
    'else',
    `  echo "keyfence: ${bin} is missing (run npm install); the ${verb} is blocked." >&2`,
    `  echo "keyfence: to ${verb} anyway, once: git ${verb} --no-verify" >&2`,
    '  exit 2',
    'fi',
  ];
  if (hook === 'pre-commit') {
    return [
      '# keyfence: blocks API keys and unignored .env files in each commit (keyfence init --no-husky).',
      `if [ -x ${q} ]; then`,
      `  ${q} || exit $?`,
      ...missing,
      '',
    ].join('\n');
  }
  return [
    '# keyfence: scans the commits being pushed, even those made with --no-verify (keyfence init --pre-push).',
    `if [ -x ${q} ]; then`,
    '  keyfence_refs=$(cat)',
    `  printf '%s\\n' "$keyfence_refs" | ${q} pre-push "$@" || exit $?`,
    '  # The refs stay readable on stdin for the rest of this script.',
    '  if [ -n "$keyfence_refs" ]; then',
    '    exec <<KEYFENCE_REFS',
    '$keyfence_refs',
    'KEYFENCE_REFS',
    '  else',
    '    exec </dev/null',
    '  fi',
    ...missing,
    '',
  ].join('\n');
}

/** Whether a script already runs keyfence for this hook (any runner, or the block above). */
export function runsKeyfence(hook: HookName, script: string): boolean {
  if (hook === 'pre-push') return /keyfence['"]?\s+pre-push(\s|$)/m.test(script);
  const lines = script.split('\n').filter((l) => !/^\s*#/.test(l) && !/keyfence['"]?\s+pre-push/.test(l));
  return lines.some((l) => /(^|[\s;&|('"/])keyfence['"]?(\s|$)/.test(l));
}

/** Puts the block after the shebang (adding one if missing), keeping every other byte. */
export function withBlock(existing: string, block: string): string {
  if (existing.startsWith('#!')) {
    const end = existing.indexOf('\n');
    const shebang = end < 0 ? existing + '\n' : existing.slice(0, end + 1);
    const rest = end < 0 ? '' : existing.slice(end + 1);
    return shebang + block + (rest ? '\n' + rest : '');
  }
  return '#!/bin/sh\n' + block + (existing ? '\n' + existing : '');
}

/** A hooks path that belongs to husky (v9 `.husky/_`, older `.husky`). */
function isHuskyPath(path: string): boolean {
  const parts = path.replace(/\\/g, '/').replace(/\/+$/, '').split('/');
  const last = parts[parts.length - 1];
  return last === '.husky' || (last === '_' && parts[parts.length - 2] === '.husky');
}

/** The installed keyfence binary, as a path relative to the top level (where git runs hooks). */
function keyfenceBin(top: string, cwd: string): string {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', '.bin', 'keyfence'))) {
      const rel = relative(top, join(dir, 'node_modules', '.bin', 'keyfence'));
      if (!rel.startsWith('..')) return rel.split(sep).join('/');
    }
    if (dir === top || dirname(dir) === dir) break;
  }
  const sub = relative(top, cwd).split(sep).join('/');
  return `${sub && !sub.startsWith('..') ? sub + '/' : ''}node_modules/.bin/keyfence`;
}

/** Hooks git runs from its default folder; they stop running once core.hooksPath is set. */
function defaultHooks(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => {
    if (name.endsWith('.sample')) return false;
    try {
      const stat = statSync(join(dir, name));
      return stat.isFile() && (stat.mode & 0o111) !== 0;
    } catch {
      return false;
    }
  });
}

/**
 * `keyfence init --no-husky`: hooks in a plain folder named by core.hooksPath
 * (`.githooks`, or the folder already configured), no manager. Idempotent; keeps
 * existing content; carries over hooks from .git/hooks, which git would stop running.
 * Returns what it did and the hooks folder.
 */
export async function installPlainHooks(
  git: GitClient,
  top: string,
  cwd: string,
  hooks: readonly HookName[],
): Promise<{ done: string[]; dir: string }> {
  const configured = (await git.run(['config', '--default', '', '--get', 'core.hooksPath'])).trim();
  if (configured && isHuskyPath(configured)) {
    throw new InitError(
      `core.hooksPath is ${configured}, which husky manages. Run \`npx keyfence init\` (without --no-husky) to add keyfence to husky's hooks, ` +
        'or leave husky first (`git config --unset core.hooksPath`, remove husky from the "prepare" script) and run `npx keyfence init --no-husky` again',
    );
  }
  const dir = configured || DEFAULT_DIR;
  const hooksDir = isAbsolute(dir) ? dir : resolve(top, dir);
  const shown = (p: string) => relative(top, p).split(sep).join('/') || p;
  const done: string[] = [];
  mkdirSync(hooksDir, { recursive: true });

  if (!configured) {
    const gitHooks = resolve(top, (await git.run(['rev-parse', '--git-path', 'hooks'])).trim());
    for (const name of defaultHooks(gitHooks)) {
      const target = join(hooksDir, name);
      if (existsSync(target)) continue;
      copyFileSync(join(gitHooks, name), target);
      chmodSync(target, 0o755);
      done.push(`copied ${shown(join(gitHooks, name))} to ${shown(target)} (git reads only core.hooksPath once it is set)`);
    }
  }

  const bin = keyfenceBin(top, cwd);
  for (const hook of hooks) {
    const path = join(hooksDir, hook);
    const existing = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (runsKeyfence(hook, existing)) continue;
    const shebang = /^#!(.*)/.exec(existing)?.[1] ?? '';
    if (shebang && !/\b(sh|bash|dash|zsh|ksh|ash)\b/.test(shebang)) {
      throw new InitError(
        `${shown(path)} is not a shell script (#!${shebang.trim()}), so keyfence cannot add its block to it; ` +
          `make it run \`${keyfenceBin(top, cwd)}${hook === 'pre-push' ? ' pre-push "$@"' : ''}\` first (for pre-push, with git's stdin), then run init again`,
      );
    }
    writeFileSync(path, withBlock(existing, hookBlock(hook, bin)));
    chmodSync(path, 0o755);
    done.push(existing ? `added keyfence to ${shown(path)}` : `created ${shown(path)}`);
  }
  if (!configured) {
    await setHooksPath(top, dir);
    done.push(`set git config core.hooksPath ${dir}`);
  }
  return { done, dir };
}
