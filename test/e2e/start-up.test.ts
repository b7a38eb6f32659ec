import { mkdirSync, readdirSync, readlinkSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { TempRepo } from './repo';

jest.setTimeout(60_000);

describe('start-up cache', () => {
  test('the hook keeps a code cache of its own, so a first `--version` cannot leave it a thin one', () => {
    const repo = TempRepo.create({ init: false });
    // A project folder of its own (not the shared template's), so the cache files seen are this test's.
    const shared = readlinkSync(join(repo.dir, 'node_modules'));
    unlinkSync(join(repo.dir, 'node_modules'));
    mkdirSync(join(repo.dir, 'node_modules'));
    const bin = join(shared, 'keyfence', 'dist', 'bin.js');
    const cacheDir = join(repo.dir, 'node_modules', '.cache', 'keyfence');
    const caches = () => readdirSync(cacheDir).filter((f) => f.endsWith('.v8'));

    expect(repo.run('node', [bin, '--version']).status).toBe(0);
    expect(caches()).toHaveLength(1);
    const versionCache = caches()[0]!;

    repo.write('a.js', 'export const answer = 42;\n');
    repo.git(['add', 'a.js']);
    const hook = repo.run('node', [bin]);
    expect(hook.status).toBe(0);
    expect(hook.output).toContain('no secrets');
    const hookCache = caches().find((f) => f !== versionCache);
    expect(hookCache).toBeDefined();
    // The hook compiled far more of the build than --version did, and its cache holds it.
    expect(statSync(join(cacheDir, hookCache!)).size).toBeGreaterThan(2 * statSync(join(cacheDir, versionCache)).size);

    // Later runs of either kind reuse their cache instead of writing new ones.
    expect(repo.run('node', [bin]).status).toBe(0);
    expect(repo.run('node', [bin, '-v']).status).toBe(0);
    expect(caches()).toHaveLength(2);
  });
});
