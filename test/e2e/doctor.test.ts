import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TempRepo } from './repo';

jest.setTimeout(60_000);

function stagedNames(repo: TempRepo): string {
  return repo.git(['diff', '--cached', '--name-only']).stdout;
}

describe('keyfence doctor', () => {
  test('a healthy setup: the hook blocks the planted key, and the real index is untouched', () => {
    const repo = TempRepo.create();
    repo.write('a.js', 'x();\n');
    repo.git(['add', 'a.js']);
    const before = stagedNames(repo);
    const result = repo.keyfence(['doctor']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('the hook blocked a planted test key');
    expect(stagedNames(repo)).toBe(before);
    expect(repo.git(['status', '--porcelain']).stdout).not.toContain('canary');
  });

  test('HUSKY=0 in the environment is named, and the canary shows the hook does not block', () => {
    const repo = TempRepo.create();
    const result = repo.keyfence(['doctor'], { env: { ...repo.env, HUSKY: '0' } });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('HUSKY=0 is set');
    expect(result.stdout).toContain('did NOT block');
  });

  test('core.hooksPath pointing elsewhere is named', () => {
    const repo = TempRepo.create();
    repo.git(['config', 'core.hooksPath', 'other-hooks']);
    const result = repo.keyfence(['doctor']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('core.hooksPath is other-hooks');
    expect(result.stdout).toContain('no pre-commit hook in other-hooks');
  });

  test("husky's prepare script missing is named", () => {
    const repo = TempRepo.create();
    const pkg = JSON.parse(repo.read('package.json').toString()) as { scripts: Record<string, string> };
    delete pkg.scripts.prepare;
    repo.write('package.json', JSON.stringify(pkg, null, 2));
    const result = repo.keyfence(['doctor']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('no "prepare": "husky" script');
  });

  test('node missing from the hook PATH is named', () => {
    const repo = TempRepo.create();
    // A PATH with git and the shell tools but no node, like a GUI client's minimal PATH.
    const bin = mkdtempSync(join(tmpdir(), 'kf-bin-'));
    for (const tool of ['git', 'sh', 'dirname', 'basename']) symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`]).toString().trim(), join(bin, tool));
    const result = repo.run(process.execPath, [`${repo.dir}/node_modules/keyfence/dist/cli.js`, 'doctor'], {
      env: { ...repo.env, PATH: bin },
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('node is not on the PATH');
  });
});
