import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseJsonText } from '../config/json-text';
import { base62, crc32 } from '../detect/checksums';
import { hooksLocation, indexPath, stageInto } from '../git/hooks';
import type { RepoContext } from './context';

const CANARY_PATH = 'keyfence-doctor-canary.js';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A synthetic GitHub token with a valid checksum, made now; it never leaves the throw-away index. */
function canaryToken(): string {
  let body = '';
  for (let i = 0; i < 30; i++) body += ALNUM[randomInt(ALNUM.length)];
  return ['gh', 'p_'].join('') + body + base62(crc32(body), 6);
}

interface Check {
  readonly ok: boolean;
  readonly text: string;
}

function readJson(path: string): Record<string, unknown> | null {
  try {
    return parseJsonText(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/**
 * `keyfence doctor`: proves the installed hook really runs. Plants a synthetic
 * key in a throw-away copy of the index, runs the repository's pre-commit hook
 * against it as git would, and names what is wrong when it does not block.
 */
export async function runDoctor(ctx: RepoContext, cwd: string, out: (s: string) => void): Promise<number> {
  const checks: Check[] = [];
  const { dir: hooksDir, configured } = await hooksLocation(ctx.git);
  const hook = join(hooksDir, 'pre-commit');
  const shownHooksDir = relative(ctx.top, hooksDir) || '.';
  const huskyDir = existsSync(join(cwd, '.husky')) ? join(cwd, '.husky') : existsSync(join(ctx.top, '.husky')) ? join(ctx.top, '.husky') : null;

  if (huskyDir) {
    const expected = `${relative(ctx.top, huskyDir).split('\\').join('/')}/_`;
    checks.push(
      configured === expected
        ? { ok: true, text: `core.hooksPath is ${configured} (husky)` }
        : { ok: false, text: `core.hooksPath is ${configured ?? 'not set'}, but keyfence is wired through husky (${expected}); run \`npx keyfence init\` (or \`npx husky\`) to point git back at it` },
    );
    const pkg = readJson(join(cwd, 'package.json')) ?? readJson(join(ctx.top, 'package.json'));
    const scripts = (pkg?.scripts as Record<string, string> | undefined) ?? {};
    const installScript = `${scripts.prepare ?? ''} ${scripts.postinstall ?? ''}`;
    checks.push(
      /\bhusky\b/.test(installScript)
        ? { ok: true, text: `package.json "prepare" runs husky, so a fresh clone gets the hook on npm install` }
        : { ok: false, text: 'package.json has no "prepare": "husky" script: a fresh clone will not get the hook; run `npx keyfence init`' },
    );
    const userHook = join(huskyDir, 'pre-commit');
    const runsKeyfence = existsSync(userHook) && /\bkeyfence\b/.test(readFileSync(userHook, 'utf8'));
    checks.push(
      runsKeyfence
        ? { ok: true, text: `${relative(ctx.top, userHook)} runs keyfence` }
        : { ok: false, text: `${relative(ctx.top, userHook)} does not run keyfence; run \`npx keyfence init\`` },
    );
  }
  if (process.env.HUSKY === '0') {
    checks.push({ ok: false, text: 'HUSKY=0 is set in this environment: husky skips every hook; unset it (shell profile, CI settings, ~/.config/husky/init.sh)' });
  }
  const hookExists = existsSync(hook) && statSync(hook).isFile();
  checks.push(
    hookExists
      ? { ok: true, text: `git runs ${join(shownHooksDir, 'pre-commit')}` }
      : { ok: false, text: `there is no pre-commit hook in ${shownHooksDir}; run \`npx keyfence init\`` },
  );
  const hookPath = `${join(ctx.top, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`;
  const node = spawnSync('sh', ['-c', 'command -v node'], { cwd: ctx.top, env: { ...process.env, PATH: hookPath }, encoding: 'utf8' });
  checks.push(
    node.status === 0
      ? { ok: true, text: `node is on the hook's PATH (${node.stdout.trim()})` }
      : { ok: false, text: "node is not on the PATH the hook gets (GUI git clients often start with a minimal PATH); add node's folder to PATH in ~/.config/husky/init.sh" },
  );

  if (hookExists) checks.push(await canaryCheck(ctx, hook));

  for (const check of checks) out(`  ${check.ok ? 'ok  ' : 'FAIL'}  ${check.text}\n`);
  const failed = checks.filter((c) => !c.ok).length;
  out(failed === 0 ? 'keyfence doctor: the hook works; commits with keys are blocked\n' : `keyfence doctor: ${failed} problem${failed === 1 ? '' : 's'} found\n`);
  return failed === 0 ? 0 : 1;
}

/** Runs the hook as git would for a commit of a throw-away index holding a planted key. */
async function canaryCheck(ctx: RepoContext, hook: string): Promise<Check> {
  const scratch = mkdtempSync(join(tmpdir(), 'keyfence-doctor-'));
  try {
    const index = join(scratch, 'index');
    const realIndex = await indexPath(ctx.git);
    if (existsSync(realIndex)) copyFileSync(realIndex, index);
    const content = join(scratch, 'canary.js');
    writeFileSync(content, `const token = "${canaryToken()}";\n`);
    await stageInto(ctx.git, index, CANARY_PATH, content);
    const run = spawnSync('sh', [hook], {
      cwd: ctx.top,
      env: { ...process.env, GIT_INDEX_FILE: index, CI: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: 60_000,
    });
    const output = `${run.stdout}${run.stderr}`;
    if (run.status !== 0 && output.includes(CANARY_PATH)) {
      return { ok: true, text: `the hook blocked a planted test key (exit ${run.status})` };
    }
    if (run.status === 127) return { ok: false, text: `the hook could not find a command (exit 127): ${lastLine(output)}` };
    if (run.status === 0) {
      return { ok: false, text: 'the hook ran but did NOT block a planted test key: it does not run keyfence (check the hook file and HUSKY)' };
    }
    return { ok: false, text: `the hook failed without naming the planted key (exit ${run.status}): ${lastLine(output)}` };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return lines[lines.length - 1] ?? '';
}
