/**
 * A second cached template project: keyfence (the packed tarball) plus the hook
 * managers people use, installed from the npm registry at pinned versions.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TempRepo } from './repo';

/** Pinned: the newest releases that still run on Node 20 (lint-staged 17 needs Node 22). */
export const MANAGERS = {
  'lint-staged': '16.4.0',
  'simple-git-hooks': '2.14.0',
  lefthook: '2.2.2',
} as const;

/** Builds the template once per tarball and version set; later runs reuse it. */
export function managersTemplate(): string {
  const base = process.env.KEYFENCE_E2E_TEMPLATE;
  const tarball = process.env.KEYFENCE_E2E_TARBALL;
  if (!base || !tarball) throw new Error('KEYFENCE_E2E_TEMPLATE is not set: the e2e global setup did not run');
  const key = createHash('sha256').update(base).update(JSON.stringify(MANAGERS)).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `keyfence-e2e-managers-${key}`);
  if (existsSync(join(dir, 'node_modules', '.bin', 'lefthook'))) return dir;
  const building = `${dir}.${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  writeFileSync(join(building, 'package.json'), JSON.stringify({ name: 'e2e-managers', version: '1.0.0', private: true }, null, 2) + '\n');
  const husky = (require(join(base, 'node_modules', 'husky', 'package.json')) as { version: string }).version;
  // --ignore-scripts: simple-git-hooks and lefthook would install hooks into whatever repo is around.
  execFileSync(
    'npm',
    [
      'install', '--save-dev', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts',
      tarball, `husky@${husky}`, ...Object.entries(MANAGERS).map(([name, version]) => `${name}@${version}`),
    ],
    { cwd: building, stdio: 'pipe' },
  );
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return dir;
}

/** A temp repo whose node_modules is the managers template; keyfence init is not run. */
export function managerRepo(pkg: Record<string, unknown> = {}): TempRepo {
  const template = managersTemplate();
  const repo = TempRepo.create({ init: false });
  unlinkSync(join(repo.dir, 'node_modules'));
  symlinkSync(join(template, 'node_modules'), join(repo.dir, 'node_modules'), 'dir');
  repo.write('package.json', JSON.stringify({ name: 'e2e-project', version: '1.0.0', private: true, ...pkg }, null, 2) + '\n');
  return repo;
}

/** Whether a command runs here (for tools that may or may not be installed on this machine). */
export function available(command: string, args: readonly string[] = ['--version']): boolean {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  return !r.error && r.status === 0;
}
