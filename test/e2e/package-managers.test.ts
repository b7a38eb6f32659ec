/**
 * The packed tarball installed with npm, pnpm and yarn (classic and berry), each
 * end to end: install with husky, `<pm> keyfence init`, a real `git commit` with a
 * key is blocked and a clean one passes, and a fresh clone installed with the same
 * manager gets the hook back from the script init wrote.
 *
 * pnpm and yarn come from the npm registry through npx at pinned versions (cached
 * in the npm cache); a manager that cannot be fetched here is skipped with the
 * reason in the test name.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anthropicKey } from './keys';
import { HUSKY_VERSION, PM_CACHE, Project, projectEnv, tarballCopy } from './project';

jest.setTimeout(180_000);

const PNPM = 'pnpm@10.34.8';
const YARN_CLASSIC = 'yarn@1.22.22';
const YARN_BERRY = '@yarnpkg/cli-dist@4.18.1';

interface Manager {
  readonly name: string;
  /** The lockfile the manager writes: proof that it, not npm, did the install. */
  readonly lockfile: string;
  /** Extra files the project needs before the first install. */
  files(registry: string): Record<string, string>;
  extraEnv(): Record<string, string>;
  /** argv (after the manager's own command) for each step. */
  add(tarball: string): string[];
  keyfence(args: readonly string[]): string[];
  install(): string[];
  /** The manager's command: a bin path resolved through npx, or npm/npx itself. */
  readonly bin: { ok: true; command: string; prefix: string[] } | { ok: false; reason: string };
  /** Set when the manager is known not to re-install the hook on a fresh clone (a keyfence gap, see the test). */
  readonly cloneGap?: string;
}

/** Resolves a pinned package's bin through npx once, so each later step skips npx's start-up. */
function resolveBin(spec: string, bin: string): Manager['bin'] {
  const version = spec.slice(spec.lastIndexOf('@') + 1);
  // An empty folder: no package.json whose "packageManager" field could redirect yarn or pnpm.
  const cwd = mkdtempSync(join(tmpdir(), 'kf-pm-probe-'));
  const result = spawnSync('npx', ['--yes', '-p', spec, '-c', `command -v ${bin}`], {
    cwd,
    env: projectEnv(),
    encoding: 'utf8',
    timeout: 170_000,
  });
  const path = String(result.stdout ?? '').trim().split('\n').pop() ?? '';
  if (result.status === 0 && path) {
    const check = spawnSync(path, ['--version'], { cwd, env: projectEnv(), encoding: 'utf8', timeout: 60_000 });
    const got = String(check.stdout ?? '').trim();
    if (check.status === 0 && got === version) return { ok: true, command: path, prefix: [] };
    return { ok: false, reason: `${spec} resolved to ${path}, but \`${bin} --version\` said "${got || lastLine(check.stderr)}"` };
  }
  const why = result.error ? result.error.message : lastLine(String(result.stderr ?? '')) || `exit ${result.status}`;
  return { ok: false, reason: `cannot fetch ${spec} from the npm registry with npx (${why})` };
}

/** The line of a failed command's output that says why (npm's last line only points at its log). */
function lastLine(text: string | null | undefined): string {
  const lines = String(text ?? '').trim().split('\n').filter((l) => l.trim() && !/complete log of this run/i.test(l));
  return (lines.find((l) => /\b(E[A-Z0-9]+|error)\b/.test(l) && !/^npm error\s*$/.test(l)) ?? lines.pop() ?? '').trim();
}

const ci = ['--prefer-offline'];
const managers: Manager[] = [
  {
    name: 'npm',
    lockfile: 'package-lock.json',
    files: () => ({}),
    extraEnv: () => ({}),
    bin: { ok: true, command: 'npm', prefix: [] },
    add: (tarball) => ['install', '--save-dev', tarball, `husky@${HUSKY_VERSION}`],
    keyfence: (args) => ['exec', '--no', '--', 'keyfence', ...args],
    install: () => ['ci'],
  },
  {
    name: `pnpm (${PNPM})`,
    lockfile: 'pnpm-lock.yaml',
    files: () => ({}),
    extraEnv: () => ({ npm_config_store_dir: join(PM_CACHE, 'pnpm-store') }),
    bin: resolveBin(PNPM, 'pnpm'),
    add: (tarball) => ['add', ...ci, '--save-dev', tarball, `husky@${HUSKY_VERSION}`],
    keyfence: (args) => ['exec', 'keyfence', ...args],
    install: () => ['install', ...ci, '--frozen-lockfile'],
  },
  {
    name: `yarn classic (${YARN_CLASSIC})`,
    lockfile: 'yarn.lock',
    files: () => ({}),
    extraEnv: () => ({ YARN_CACHE_FOLDER: join(PM_CACHE, 'yarn-classic'), YARN_ENABLE_TELEMETRY: '0' }),
    bin: resolveBin(YARN_CLASSIC, 'yarn'),
    add: (tarball) => ['add', '--non-interactive', '--prefer-offline', '--dev', `file:${tarball}`, `husky@${HUSKY_VERSION}`],
    keyfence: (args) => ['keyfence', ...args],
    // yarn 1 always rewrites the lockfile entry of a file: tarball, so --frozen-lockfile cannot be used here.
    install: () => ['install', '--non-interactive', '--prefer-offline'],
  },
  {
    name: `yarn berry (${YARN_BERRY}, nodeLinker: node-modules)`,
    lockfile: 'yarn.lock',
    files: (registry) => ({
      '.yarnrc.yml': [
        'nodeLinker: node-modules',
        `npmRegistryServer: "${registry.replace(/\/$/, '')}"`,
        'enableTelemetry: false',
        'enableGlobalCache: false',
        `cacheFolder: "${join(PM_CACHE, 'yarn-berry')}"`,
        // CI=true makes berry immutable by default; the test adds packages on purpose.
        'enableImmutableInstalls: false',
        '',
      ].join('\n'),
    }),
    extraEnv: () => ({}),
    bin: resolveBin(YARN_BERRY, 'yarn'),
    add: (tarball) => ['add', '--dev', `keyfence@file:${tarball}`, `husky@${HUSKY_VERSION}`],
    keyfence: (args) => ['keyfence', ...args],
    install: () => ['install'],
  },
];

for (const pm of managers) {
  if (!pm.bin.ok) {
    const reason = pm.bin.reason;
    process.stderr.write(`package-managers.test: skipping ${pm.name}: ${reason}\n`);
    test.skip(`${pm.name}: SKIPPED — ${reason}`, () => undefined);
    continue;
  }
  const { command, prefix } = pm.bin;

  describe(`installed with ${pm.name}`, () => {
    let project: Project;
    let init: { status: number | null; output: string };

    const run = (p: Project, args: readonly string[], cwd = '.') => p.run(command, [...prefix, ...args], cwd);

    beforeAll(() => {
      const env = { ...projectEnv(), ...pm.extraEnv() };
      const registry = env.npm_config_registry ?? 'https://registry.npmjs.org/';
      project = Project.create(
        'kf-pm-',
        {
          'package.json': JSON.stringify({ name: 'pm-project', version: '1.0.0', private: true }, null, 2) + '\n',
          '.gitignore': 'node_modules\n.yarn/\n',
          ...pm.files(registry),
        },
        env,
      );
      const added = run(project, pm.add(tarballCopy()));
      if (added.status !== 0) throw new Error(`${pm.name} could not install the tarball:\n${added.output}`);
      init = run(project, pm.keyfence(['init']));
    });

    test('the manager installed keyfence and husky, and `keyfence init` wired husky', () => {
      expect(init.output).toContain('every commit is now checked');
      expect(init.status).toBe(0);
      expect(project.exists(pm.lockfile)).toBe(true);
      expect(project.exists('node_modules/.bin/keyfence')).toBe(true);
      expect(Object.keys(project.packageJson().devDependencies ?? {}).sort()).toEqual(['husky', 'keyfence']);
      // Yarn berry never runs "prepare" on install; husky documents "postinstall" there.
      const installScript = pm.name.startsWith('yarn berry') ? 'postinstall' : 'prepare';
      expect(project.packageJson().scripts?.[installScript]).toBe('husky');
      expect(project.git(['config', 'core.hooksPath']).stdout.trim()).toBe('.husky/_');
      expect(project.read('.husky/pre-commit')).toMatch(/^keyfence$/m);
    });

    test('a real commit with a key is blocked; a clean commit passes', () => {
      project.write('src/client.js', `const apiKey = "${anthropicKey()}";\n`);
      project.git(['add', '-A']);
      const blocked = project.git(['commit', '-m', 'with key']);
      expect(blocked.status).not.toBe(0);
      expect(blocked.output).toContain('src/client.js:1:17');
      expect(blocked.output).toContain('anthropic-api-key');
      expect(project.headCount()).toBe(0);

      project.write('src/client.js', 'const apiKey = process.env.ANTHROPIC_API_KEY;\n');
      project.git(['add', '-A']);
      const clean = project.git(['commit', '-m', 'clean']);
      expect(clean.output).toMatch(/keyfence: \d+ files, \d+ added lines, no secrets/);
      expect(clean.status).toBe(0);
      expect(project.headCount()).toBe(1);
    });

    if (!pm.cloneGap) {
      test(`a fresh clone installed with ${pm.name} gets the hook from the "prepare" script`, () => {
        const clone = cloneWithoutHooks();
        expect(run(clone, pm.install()).status).toBe(0);
        expectHookBlocks(clone);
      });
    } else {
      // Pinned down so the gap is visible and the test flips when init learns yarn berry.
      test(`KNOWN GAP: a fresh clone installed with ${pm.name} has no hook until "postinstall": "husky" is added — ${pm.cloneGap}`, () => {
        const clone = cloneWithoutHooks();
        expect(run(clone, pm.install()).status).toBe(0);
        expect(clone.git(['config', 'core.hooksPath']).status).not.toBe(0);
        const pkg = clone.packageJson();
        clone.write('package.json', JSON.stringify({ ...pkg, scripts: { ...pkg.scripts, postinstall: 'husky' } }, null, 2) + '\n');
        expect(run(clone, pm.install()).status).toBe(0);
        expectHookBlocks(clone);
      });
    }

    function cloneWithoutHooks(): Project {
      expect(project.headCount()).toBe(1); // the previous test committed package.json, lockfile and .husky/
      const clone = project.clone('kf-pm-clone-');
      expect(clone.git(['config', 'core.hooksPath']).status).not.toBe(0); // a clone starts without hooks
      return clone;
    }

    function expectHookBlocks(clone: Project): void {
      expect(clone.git(['config', 'core.hooksPath']).stdout.trim()).toBe('.husky/_');
      clone.write('config.js', `module.exports = { key: "${anthropicKey()}" };\n`);
      clone.git(['add', 'config.js']);
      const blocked = clone.git(['commit', '-m', 'with key']);
      expect(blocked.output).toContain('config.js:1:');
      expect(blocked.status).not.toBe(0);
      expect(clone.headCount()).toBe(1);
    }
  });
}
