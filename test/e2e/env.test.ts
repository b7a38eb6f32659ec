import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TempRepo } from './repo';

jest.setTimeout(60_000);

function staged(repo: TempRepo): string[] {
  return repo.git(['diff', '--cached', '--name-only', '-z']).stdout.split('\0').filter(Boolean);
}

describe('the .env policy, end to end', () => {
  test.each(['.env', '.env.local', 'config/.env.production'])('staging %s blocks the commit', (path) => {
    const repo = TempRepo.create();
    repo.write(path, 'DATABASE_URL=local\n');
    repo.git(['add', path]);
    const result = repo.commit();
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(path);
    expect(result.output).toContain('keyfence --fix');
    expect(repo.headCount()).toBe(0);
  });

  test('.env.example passes', () => {
    const repo = TempRepo.create();
    repo.write('.env.example', 'API_KEY=\n');
    repo.git(['add', '.env.example']);
    expect(repo.commit().status).toBe(0);
  });

  test('a force-added ignored .env blocks', () => {
    const repo = TempRepo.create();
    repo.write('.gitignore', 'node_modules\n.env\n');
    repo.write('.env', 'X=1\n');
    repo.git(['add', '-f', '.env', '.gitignore']);
    const result = repo.commit();
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('force-added');
  });

  test('an untracked unignored .env warns and passes', () => {
    const repo = TempRepo.create();
    repo.write('.env', 'X=1\n');
    repo.write('a.js', 'ok();\n');
    repo.git(['add', 'a.js']);
    const result = repo.commit();
    expect(result.status).toBe(0);
    expect(result.output).toContain('.env');
    expect(result.output).toContain('not ignored');
  });

  describe('keyfence --fix', () => {
    function fixScenario(existing: Buffer | null) {
      const repo = TempRepo.create();
      if (existing === null) {
        repo.git(['rm', '-q', '--cached', '--ignore-unmatch', '.gitignore']);
        spawnSync('rm', ['-f', join(repo.dir, '.gitignore')]);
      } else {
        repo.write('.gitignore', existing);
      }
      repo.write('.env', 'SECRET=1\n');
      repo.write('config/.env.production', 'SECRET=2\n');
      repo.git(['add', '-f', '.env', 'config/.env.production']);
      const fix = repo.keyfence(['--fix']);
      expect(fix.status).toBe(0);
      const after = repo.read('.gitignore');
      if (existing) expect(after.subarray(0, existing.length).equals(existing)).toBe(true);
      expect(existsSync(join(repo.dir, '.env'))).toBe(true);
      expect(repo.read('config/.env.production').toString()).toBe('SECRET=2\n');
      expect(staged(repo)).toEqual([]);
      const check = repo.git(['check-ignore', '.env', 'config/.env.production']);
      expect(check.stdout.split('\n').filter(Boolean).sort()).toEqual(['.env', 'config/.env.production']);
      const second = repo.keyfence(['--fix']);
      expect(second.status).toBe(0);
      expect(second.stdout).toContain('nothing to fix');
      expect(repo.read('.gitignore').equals(after)).toBe(true);
      return after.toString('latin1');
    }

    test('appends to a file without a final newline', () => {
      expect(fixScenario(Buffer.from('node_modules'))).toBe('node_modules\n.env\n.env.production\n');
    });

    test('keeps CRLF line endings', () => {
      expect(fixScenario(Buffer.from('node_modules\r\n# build\r\ndist\r\n'))).toBe(
        'node_modules\r\n# build\r\ndist\r\n.env\r\n.env.production\r\n',
      );
    });

    test('creates a missing .gitignore', () => {
      expect(fixScenario(null)).toBe('.env\n.env.production\n');
    });

    test('an env file in a folder whose name is not UTF-8 is really taken out of the index', () => {
      const repo = TempRepo.create();
      const folder = repo.latin1Path('r\xe9glages');
      mkdirSync(folder);
      writeFileSync(Buffer.concat([folder, Buffer.from('/.env')]), 'SECRET=1\n');
      repo.git(['add', '-A']);
      const lossy = 'r\uFFFDglages/.env';
      expect(staged(repo)).toContain(lossy);
      expect(repo.commit().status).not.toBe(0);
      const fix = repo.keyfence(['--fix']);
      expect(fix.status).toBe(0);
      expect(fix.stdout).toContain(`removed from the index (still on disk): ${lossy}`);
      expect(staged(repo)).not.toContain(lossy);
      expect(readFileSync(Buffer.concat([folder, Buffer.from('/.env')]), 'utf8')).toBe('SECRET=1\n');
      repo.git(['add', '.gitignore']);
      expect(repo.commit().status).toBe(0);
    });

    test('then the commit goes through', () => {
      const repo = TempRepo.create();
      repo.write('.env', 'SECRET=1\n');
      repo.write('a.js', 'x();\n');
      repo.git(['add', '-A']);
      expect(repo.commit().status).not.toBe(0);
      expect(repo.keyfence(['--fix']).status).toBe(0);
      repo.git(['add', '.gitignore']);
      expect(repo.commit().status).toBe(0);
      expect(repo.git(['ls-files']).stdout.split('\n')).not.toContain('.env');
    });
  });

  describe('the prompt on a real terminal', () => {
    /** Runs git commit inside a pseudo-terminal made by util-linux `script`, typing `answer`. */
    function commitInTerminal(repo: TempRepo, answer: string) {
      return repo.run('script', ['-qec', 'git commit -m change', '/dev/null'], {
        input: answer,
        env: { ...repo.env, CI: undefined } as NodeJS.ProcessEnv,
      });
    }

    function repoWithStagedEnv(): TempRepo {
      const repo = TempRepo.create({ env: { CI: undefined } });
      repo.write('.env', 'SECRET=1\n');
      repo.write('a.js', 'x();\n');
      repo.git(['add', '-A']);
      return repo;
    }

    test('answered y: .env is ignored and unstaged, kept on disk, and the commit goes through', () => {
      const repo = repoWithStagedEnv();
      const result = commitInTerminal(repo, 'y\n');
      expect(result.output).toContain('Add .env to .gitignore and unstage it (the file stays on disk)? [Y/n]');
      expect(result.status).toBe(0);
      expect(repo.headCount()).toBe(1);
      expect(repo.git(['ls-files']).stdout.split('\n')).not.toContain('.env');
      expect(repo.read('.gitignore').toString()).toBe('node_modules\n.env\n');
      expect(existsSync(join(repo.dir, '.env'))).toBe(true);
    });

    test('answered n: the commit is blocked and nothing changes', () => {
      const repo = repoWithStagedEnv();
      const result = commitInTerminal(repo, 'n\n');
      expect(result.output).toContain('[Y/n]');
      expect(result.status).not.toBe(0);
      expect(repo.headCount()).toBe(0);
      expect(repo.read('.gitignore').toString()).toBe('node_modules\n');
      expect(staged(repo)).toContain('.env');
    });

    test('no terminal: no prompt, the message names --fix', () => {
      const repo = repoWithStagedEnv();
      const result = repo.run('setsid', ['-w', 'git', 'commit', '-m', 'change'], {
        env: { ...repo.env, CI: undefined } as NodeJS.ProcessEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      expect(result.output).not.toContain('[Y/n]');
      expect(result.output).toContain('keyfence --fix');
      expect(result.status).not.toBe(0);
    });
  });
});
