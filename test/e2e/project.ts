/**
 * Real projects installed by a real package manager (npm, pnpm, yarn) from the
 * packed tarball, for the package-manager and monorepo tests. Unlike TempRepo,
 * nothing is linked from the shared template: each project runs its own install,
 * lifecycle scripts included, as a user's would.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { assertNoSecretIn, cleanEnv, type RunResult } from './repo';

const ROOT = join(__dirname, '..', '..');

/** Package-manager downloads (pnpm store, yarn caches) survive between runs here. */
export const PM_CACHE = join(tmpdir(), 'keyfence-e2e-pm-cache');

export const HUSKY_VERSION = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'husky', 'package.json'), 'utf8')) as { version: string }).version;

/** The user's npm settings, read once from the outer environment (the test HOME is empty). */
function npmSetting(name: string): string {
  return execFileSync('npm', ['config', 'get', name], { encoding: 'utf8', env: withoutNpmVariables(process.env) }).trim();
}
let settings: { cache: string; registry: string } | undefined;
export function npmSettings(): { cache: string; registry: string } {
  settings ??= { cache: npmSetting('cache'), registry: npmSetting('registry') };
  return settings;
}

/** `npm test` exports npm_* variables (user agent, lifecycle, package fields) that would steer pnpm and yarn. */
function withoutNpmVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!/^(npm_|INIT_CWD$|PNPM_|YARN_|COREPACK_)/i.test(k)) out[k] = v;
  return out;
}

/** A clean environment (own HOME, no GIT_*), with the user's npm cache and registry so installs stay offline-first. */
export function projectEnv(): NodeJS.ProcessEnv {
  const { cache, registry } = npmSettings();
  return {
    ...withoutNpmVariables(cleanEnv()),
    npm_config_cache: cache,
    npm_config_registry: registry,
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
}

/** The packed tarball, copied so a concurrent run's global setup cannot delete it mid-test. */
export function tarballCopy(): string {
  const source = process.env.KEYFENCE_E2E_TARBALL;
  if (!source || !existsSync(source)) throw new Error('KEYFENCE_E2E_TARBALL is missing: the e2e global setup did not run');
  const dir = mkdtempSync(join(tmpdir(), 'kf-tarball-'));
  const copy = join(dir, basename(source));
  copyFileSync(source, copy);
  return copy;
}

export class Project {
  constructor(
    readonly dir: string,
    readonly env: NodeJS.ProcessEnv,
  ) {}

  /** A temp folder with `git init`, an identity, and the given files. */
  static create(prefix: string, files: Record<string, string>, env: NodeJS.ProcessEnv = projectEnv()): Project {
    const project = new Project(mkdtempSync(join(tmpdir(), prefix)), env);
    project.git(['init', '-q', '-b', 'main']);
    project.identity();
    for (const [path, content] of Object.entries(files)) project.write(path, content);
    return project;
  }

  identity(): void {
    this.git(['config', 'user.name', 'Test']);
    this.git(['config', 'user.email', 'test@example.com']);
    this.git(['config', 'commit.gpgsign', 'false']);
  }

  /** Runs a command in `cwd` (relative to the project), checking its output for planted secrets. */
  run(command: string, args: readonly string[], cwd = '.'): RunResult {
    const result = spawnSync(command, args, { cwd: join(this.dir, cwd), env: this.env, encoding: 'utf8', timeout: 170_000 });
    if (result.error) throw result.error;
    const stdout = String(result.stdout ?? '');
    const stderr = String(result.stderr ?? '');
    assertNoSecretIn(stdout + stderr, `output of ${command} ${args.join(' ')}`);
    return { status: result.status, stdout, stderr, output: stdout + stderr };
  }

  /** Like run, but a non-zero exit is an error carrying the output. */
  must(command: string, args: readonly string[], cwd = '.'): RunResult {
    const result = this.run(command, args, cwd);
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.output}`);
    return result;
  }

  git(args: readonly string[], cwd = '.'): RunResult {
    return this.run('git', args, cwd);
  }

  write(path: string, content: string): void {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }

  read(path: string): string {
    return readFileSync(join(this.dir, path), 'utf8');
  }

  exists(path: string): boolean {
    return existsSync(join(this.dir, path));
  }

  packageJson(): { scripts?: Record<string, string>; devDependencies?: Record<string, string> } {
    return JSON.parse(this.read('package.json')) as ReturnType<Project['packageJson']>;
  }

  headCount(): number {
    const r = this.git(['rev-list', '--count', 'HEAD']);
    return r.status === 0 ? Number(r.stdout.trim()) : 0;
  }

  /** `git clone` of this project into a new temp folder, with the same environment. */
  clone(prefix: string): Project {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.must('git', ['clone', '-q', this.dir, dir]);
    const copy = new Project(dir, this.env);
    copy.identity();
    return copy;
  }
}
