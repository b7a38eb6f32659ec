import { analyzeEnvFiles } from '../../src/env/analyze';
import { gitignoreAppendix, ignoreEntryFor } from '../../src/env/gitignore';
import { isEnvFile, isEnvTemplate } from '../../src/env/paths';

describe('env file names', () => {
  test.each(['.env', '.env.local', 'config/.env.production', 'prod.env', '.ENV', 'a/.Env.Local'])('%s is an env file', (p) => {
    expect(isEnvFile(p)).toBe(true);
  });
  test.each(['env.ts', '.envrc', 'src/.env.d.ts', 'environment.js', 'README.md', '.env.', 'dotenv.js'])('%s is not', (p) => {
    expect(isEnvFile(p)).toBe(false);
  });
  test('templates pass, configurable', () => {
    expect(isEnvTemplate('.env.example')).toBe(true);
    expect(isEnvTemplate('pkg/.env.sample')).toBe(true);
    expect(isEnvTemplate('.env.local')).toBe(false);
    expect(isEnvTemplate('.env.ci', ['.env.ci'])).toBe(true);
    expect(isEnvTemplate('deploy/.env.shared', ['deploy/*.shared'])).toBe(true);
  });
  test('a template named plainly matches that name in any letter case, and only it', () => {
    expect(isEnvTemplate('pkg/.ENV.Example')).toBe(true);
    expect(isEnvTemplate('.env.example.local')).toBe(false);
    expect(isEnvTemplate('x.env.example')).toBe(false);
    expect(isEnvTemplate('.env.ci', ['.ENV.CI'])).toBe(true);
    // Globs still glob, case-insensitively, by name or by path.
    expect(isEnvTemplate('a/.env.Preview-1', ['.env.preview-*'])).toBe(true);
    expect(isEnvTemplate('a/.env.preview', ['.env.preview-*'])).toBe(false);
    expect(isEnvTemplate('.env.qa', ['.env.{qa,uat}'])).toBe(true);
  });
});

describe('analyzeEnvFiles', () => {
  test('staged blocks, tracked and untracked warn, deleted and templates are silent', () => {
    const result = analyzeEnvFiles({
      stagedChanged: ['.env', 'a.js', '.env.example'],
      stagedDeleted: ['old/.env'],
      tracked: ['.env', 'old/.env', 'legacy/.env.prod', '.env.example'],
      untrackedUnignored: ['tools/.env.local'],
      ignored: new Set(['.env']),
    });
    expect(result).toEqual([
      { path: '.env', state: 'staged', ignored: true, blocks: true },
      { path: 'legacy/.env.prod', state: 'tracked', ignored: false, blocks: false },
      { path: 'tools/.env.local', state: 'untracked', ignored: false, blocks: false },
    ]);
  });
});

describe('gitignore patching', () => {
  test('escapes special characters so the entry matches the name literally', () => {
    expect(ignoreEntryFor('a/.env')).toBe('.env');
    expect(ignoreEntryFor('#x.env')).toBe('\\#x.env');
    expect(ignoreEntryFor('!x.env')).toBe('\\!x.env');
    expect(ignoreEntryFor('we*ird?[1].env')).toBe('we\\*ird\\?\\[1].env');
  });

  test.each([
    ['', '.env\n'],
    ['node_modules', 'node_modules\n.env\n'],
    ['node_modules\n', 'node_modules\n.env\n'],
    ['a\r\nb', 'a\r\nb\r\n.env\r\n'],
    ['\uFEFF.env\n', '\uFEFF.env\n'],
  ])('appends minimally to %j', (existing, expected) => {
    const appended = existing + gitignoreAppendix(existing, ['.env', '.env']);
    expect(appended).toBe(expected);
    expect(gitignoreAppendix(appended, ['.env'])).toBe('');
  });
});
