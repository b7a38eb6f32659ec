/**
 * Real temporary git repositories with keyfence installed from the packed
 * tarball, and a guard: no captured output or written file may contain a
 * planted secret in full.
 *
 * The guard covers, for every TempRepo of every test that imports this file:
 * - stdout and stderr of everything run through it;
 * - every file that a keyfence run (direct, or through the hook of `git commit`
 *   / `git push`) created or changed in the repo, its extra tracked folders and
 *   its HOME, checked right after the run;
 * - every `--output` file, and the files keyfence owns (.gitignore, the
 *   baseline, .husky/pre-commit), checked again after each test.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';

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

/** The same check on raw bytes (a file keyfence wrote may be in any encoding). */
function assertNoSecretInBytes(bytes: Buffer, where: string): void {
  for (const secret of planted) {
    for (const encoding of ['utf8', 'utf16le'] as const) {
      if (bytes.includes(Buffer.from(secret, encoding))) throw new Error(`a planted secret appeared in full in ${where}`);
    }
  }
}

/** Files whose only writer is keyfence: re-checked after every test. */
const KEYFENCE_FILES = ['.gitignore', '.keyfence-baseline.json', '.husky/pre-commit'];

/** TempRepos created by the running test; the afterEach below checks and forgets them. */
const live: TempRepo[] = [];

if (typeof afterEach === 'function') {
  afterEach(() => {
    for (const repo of live.splice(0)) repo.assertKeyfenceFilesClean();
  });
}

/** How a command may run keyfence: directly (the binary, its bin.js or cli.js), through git's hooks, or not at all. */
function runsKeyfence(command: string, args: readonly string[]): 'direct' | 'hook' | null {
  const name = basename(command);
  if (name === 'keyfence' || name === 'cli.js' || name === 'bin.js') return 'direct';
  if (name === 'git') {
    const sub = args.find((a, i) => !a.startsWith('-') && !['-c', '-C', '--git-dir', '--work-tree'].includes(args[i - 1] ?? ''));
    return sub === 'commit' || sub === 'push' ? 'hook' : null;
  }
  return args.some((a) => a.endsWith('cli.js') || a.endsWith('bin.js') || basename(a) === 'keyfence') ? 'direct' : null;
}

/** size, mtime, ctime and inode of every file under `root`, skipping .git and node_modules; symlinks not followed. */
function snapshot(root: string, into: Map<string, string>): void {
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (name === '.git' || name === 'node_modules') continue;
      const full = join(dir, name);
      let st;
      try {
        st = lstatSync(full);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(full);
      else if (st.isFile()) into.set(full, `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`);
    }
  };
  walk(root);
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

const SPAWN_TIMEOUT_MS = 600_000;

/** Where git reads attributes from: the repository's, its private file, the user's default file, or one the config names. */
/**
 * User git config that changes what git prints for a diff (colour, prefixes,
 * external diff, renames, relative paths, context, merged hunks, quoting, the
 * binary threshold): what keyfence parses must not change under any of it.
 */
export const HOSTILE_DIFF_CONFIG: readonly (readonly [string, string])[] = [
  ['color.ui', 'always'],
  ['color.diff', 'always'],
  ['diff.noprefix', 'true'],
  ['diff.mnemonicPrefix', 'true'],
  ['diff.external', 'false'],
  ['diff.renames', 'copies'],
  ['diff.relative', 'true'],
  ['diff.context', '7'],
  ['diff.interHunkContext', '20'],
  ['diff.suppressBlankEmpty', 'true'],
  ['diff.algorithm', 'patience'],
  ['diff.orderFile', '/dev/null'],
  ['core.quotePath', 'false'],
  ['core.bigFileThreshold', '10'],
];

export const ATTRIBUTE_PLACES = ['.gitattributes', '.git/info/attributes', '~/.config/git/attributes', 'core.attributesFile'] as const;
export type AttributesPlace = (typeof ATTRIBUTE_PLACES)[number];

export class TempRepo {
  readonly env: NodeJS.ProcessEnv;
  /** Folders besides `dir` whose files a keyfence run may write (worktrees, other checkouts). */
  private readonly roots: string[] = [];
  /** `--output` files named on keyfence command lines. */
  private readonly outputs = new Set<string>();

  private constructor(
    readonly dir: string,
    env: NodeJS.ProcessEnv,
  ) {
    this.env = env;
    live.push(this);
  }

  /** Adds a folder (a worktree, a second checkout) to those the leak guard watches. */
  track(dir: string): void {
    if (!this.roots.includes(dir)) this.roots.push(dir);
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
    const watched = runsKeyfence(command, args);
    const before = watched ? this.snapshotAll(options) : null;
    if (watched === 'direct') this.noteOutputs(args, String(options.cwd ?? this.dir));
    // A hang (a hook waiting on a FIFO, say) fails with ETIMEDOUT instead of stalling the whole run:
    // jest's own timeouts cannot fire while spawnSync blocks. Longer than any test's timeout.
    const result = spawnSync(command, args, { cwd: this.dir, env: this.env, encoding: 'utf8', maxBuffer: 64 << 20, timeout: SPAWN_TIMEOUT_MS, killSignal: 'SIGKILL', ...options });
    const stdout = String(result.stdout ?? '');
    const stderr = String(result.stderr ?? '');
    if (result.error) throw result.error;
    assertNoSecretIn(stdout + stderr, `output of ${command} ${args.join(' ')}`);
    if (before) this.assertWrittenFilesClean(before, options, `${basename(command)} ${args.join(' ')}`);
    return { status: result.status, stdout, stderr, output: stdout + stderr };
  }

  private watchedRoots(options: SpawnSyncOptions): string[] {
    const roots = [this.dir, ...this.roots];
    const home = this.env.HOME;
    if (home && home !== '/' && home.startsWith(tmpdir())) roots.push(home);
    const cwd = options.cwd ? String(options.cwd) : null;
    if (cwd && cwd.startsWith(tmpdir()) && !roots.some((r) => cwd.startsWith(r))) roots.push(cwd);
    return roots;
  }

  private snapshotAll(options: SpawnSyncOptions): Map<string, string> {
    const files = new Map<string, string>();
    for (const root of this.watchedRoots(options)) snapshot(root, files);
    return files;
  }

  /** Every file created or changed while keyfence ran must be free of planted secrets. */
  private assertWrittenFilesClean(before: ReadonlyMap<string, string>, options: SpawnSyncOptions, what: string): void {
    for (const [file, stamp] of this.snapshotAll(options)) {
      if (before.get(file) === stamp) continue;
      assertNoSecretInBytes(readFileSync(file), `${file} (written while running ${what})`);
    }
    for (const file of this.outputs) if (existsSync(file)) assertNoSecretInBytes(readFileSync(file), `--output file ${file}`);
  }

  private noteOutputs(args: readonly string[], cwd: string): void {
    args.forEach((arg, i) => {
      const value = arg === '--output' || arg === '-o' ? args[i + 1] : arg.startsWith('--output=') ? arg.slice(9) : undefined;
      if (value) this.outputs.add(isAbsolute(value) ? value : resolve(cwd, value));
    });
  }

  /** The files only keyfence writes, and every --output file, must be free of planted secrets. */
  assertKeyfenceFilesClean(): void {
    const files = [...this.outputs];
    for (const root of [this.dir, ...this.roots]) files.push(...KEYFENCE_FILES.map((f) => join(root, f)));
    for (const file of files) {
      if (existsSync(file) && statSync(file).isFile()) assertNoSecretInBytes(readFileSync(file), file);
    }
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

  /**
   * The full path, as bytes, of a name whose bytes are Latin-1 (`'caf\xe9.js'`):
   * not UTF-8, so git lists it as bytes that keyfence decodes with U+FFFD.
   */
  latin1Path(name: string): Buffer {
    return Buffer.concat([Buffer.from(`${this.dir}/`), Buffer.from(name, 'latin1')]);
  }

  /** Writes git attributes where `place` says: each is read by git's diff and log. */
  writeAttributes(place: AttributesPlace, text: string): void {
    if (place === '.gitattributes') return this.write('.gitattributes', text);
    if (place === '.git/info/attributes') return this.write(join('.git', 'info', 'attributes'), text);
    const file = place === 'core.attributesFile' ? join(this.env.HOME!, 'my-attributes') : join(this.env.XDG_CONFIG_HOME!, 'git', 'attributes');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    if (place === 'core.attributesFile') this.git(['config', 'core.attributesFile', file]);
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
