/**
 * Real temporary git repositories with keyfence installed from the packed
 * tarball, and a guard: no captured output or written file may contain a
 * planted secret in full.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly output: string;
}

const planted = new Set<string>();

/** Records a synthetic secret so every later output is checked for it. */
export function plant<T extends string>(secret: T): T {
  planted.add(secret);
  return secret;
}

export function assertNoSecretIn(text: string, where: string): void {
  for (const secret of planted) {
    if (text.includes(secret)) throw new Error(`a planted secret appeared in full in ${where}`);
  }
}

function template(): string {
  const dir = process.env.KEYFENCE_E2E_TEMPLATE;
  if (!dir) throw new Error('KEYFENCE_E2E_TEMPLATE is not set: the e2e global setup did not run');
  return dir;
}

/** A clean environment: own HOME and no system config, no inherited git variables. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^GIT_/i.test(k) && !/^(HUSKY|NO_COLOR|KEYFENCE_DEBUG)$/.test(k)) env[k] = v;
  }
  const home = mkdtempSync(join(tmpdir(), 'kf-home-'));
  Object.assign(env, { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), GIT_CONFIG_NOSYSTEM: '1' });
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export class TempRepo {
  readonly env: NodeJS.ProcessEnv;

  private constructor(
    readonly dir: string,
    env: NodeJS.ProcessEnv,
  ) {
    this.env = env;
  }

  /** git init, identity, the template's package.json and node_modules, and `keyfence init`. */
  static create(options: { init?: boolean; env?: Record<string, string | undefined> } = {}): TempRepo {
    const dir = mkdtempSync(join(tmpdir(), 'kf-repo-'));
    const repo = new TempRepo(dir, cleanEnv(options.env));
    repo.git(['init', '-q', '-b', 'main']);
    repo.git(['config', 'user.name', 'Test']);
    repo.git(['config', 'user.email', 'test@example.com']);
    repo.git(['config', 'commit.gpgsign', 'false']);
    copyFileSync(join(template(), 'package.json'), join(dir, 'package.json'));
    symlinkSync(join(template(), 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(join(dir, '.gitignore'), 'node_modules\n');
    if (options.init !== false) {
      const result = repo.keyfence(['init']);
      if (result.status !== 0) throw new Error(`keyfence init failed: ${result.output}`);
    }
    return repo;
  }

  run(command: string, args: readonly string[], options: SpawnSyncOptions = {}): RunResult {
    const result = spawnSync(command, args, { cwd: this.dir, env: this.env, encoding: 'utf8', ...options });
    const stdout = String(result.stdout ?? '');
    const stderr = String(result.stderr ?? '');
    if (result.error) throw result.error;
    assertNoSecretIn(stdout + stderr, `output of ${command} ${args.join(' ')}`);
    return { status: result.status, stdout, stderr, output: stdout + stderr };
  }

  git(args: readonly string[], options: SpawnSyncOptions = {}): RunResult {
    return this.run('git', args, options);
  }

  /** Runs the installed keyfence binary, as a user would with npx. */
  keyfence(args: readonly string[], options: SpawnSyncOptions = {}): RunResult {
    return this.run(join(this.dir, 'node_modules', '.bin', 'keyfence'), args, options);
  }

  commit(message = 'change', extra: readonly string[] = []): RunResult {
    return this.git(['commit', '-m', message, ...extra]);
  }

  write(path: string, content: string | Buffer): void {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }

  read(path: string): Buffer {
    return readFileSync(join(this.dir, path));
  }

  /** Every file in the repo (outside .git and node_modules) must be free of planted secrets too. */
  assertNoSecretInFiles(skip: readonly string[] = []): void {
    const walk = (rel: string): void => {
      for (const name of readdirSync(join(this.dir, rel))) {
        const path = rel ? `${rel}/${name}` : name;
        if (path === '.git' || path === 'node_modules' || skip.includes(path)) continue;
        const full = join(this.dir, path);
        if (statSync(full).isDirectory()) walk(path);
        else assertNoSecretIn(readFileSync(full, 'utf8'), path);
      }
    };
    walk('');
  }

  headCount(): number {
    const r = this.git(['rev-list', '--count', 'HEAD']);
    return r.status === 0 ? Number(r.stdout.trim()) : 0;
  }
}
