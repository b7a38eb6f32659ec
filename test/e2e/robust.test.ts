import { anthropicKey, githubToken } from './keys';
import { ATTRIBUTE_PLACES, HOSTILE_DIFF_CONFIG, TempRepo } from './repo';

jest.setTimeout(60_000);

describe('odd input and hostile user config', () => {
  test.each([
    ['spaces', 'dir with space/my file.js'],
    ['quotes', `it's "quoted".js`],
    ['non-ASCII', 'données/clé-ü.js'],
    ['a newline', 'line\nbreak.js'],
    ['a backslash and tab', 'back\\slash\ttab.js'],
  ])('a key in a path with %s is found and reported at its path', (_label, path) => {
    const repo = TempRepo.create();
    repo.write(path, `x\nconst k = "${githubToken()}";\n`);
    repo.git(['add', '-A']);
    const result = repo.commit();
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(`${path}:2:12`);
  });

  test('a binary file does not break the scan', () => {
    const repo = TempRepo.create();
    repo.write('image.bin', Buffer.from([0, 1, 2, 255, 0, 10, 13, 0]));
    repo.write('a.js', 'ok();\n');
    repo.git(['add', 'image.bin', 'a.js']);
    const result = repo.commit();
    expect(result.status).toBe(0);
    expect(result.output).toContain('keyfence: 2 files, 1 added line, no secrets');
  });

  test('private-key files block by name even when binary; public keys pass', () => {
    const repo = TempRepo.create();
    repo.write('certs/server.p12', Buffer.from([0x30, 0x82, 0, 0, 1, 2, 3]));
    repo.write('.ssh/id_ed25519', 'not even a real key\n');
    repo.write('.ssh/id_ed25519.pub', 'ssh-ed25519 AAAA test\n');
    repo.git(['add', '-A']);
    const result = repo.commit();
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('certs/server.p12:1:1');
    expect(result.output).toContain('pkcs12-key-file');
    expect(result.output).toContain('.ssh/id_ed25519:1:1');
    expect(result.output).not.toContain('id_ed25519.pub:');
    repo.git(['rm', '-q', '--cached', 'certs/server.p12', '.ssh/id_ed25519']);
    expect(repo.commit().status).toBe(0);
  });

  test('a merge commit passes when it brings no new key, and the merge result is judged', () => {
    const repo = TempRepo.create();
    repo.write('a.js', 'base();\n');
    repo.git(['add', '-A']);
    expect(repo.commit('base').status).toBe(0);
    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.write('b.js', 'feature();\n');
    repo.git(['add', '-A']);
    expect(repo.commit('feature').status).toBe(0);
    repo.git(['checkout', '-q', 'main']);
    repo.write('c.js', 'main();\n');
    repo.git(['add', '-A']);
    expect(repo.commit('main work').status).toBe(0);
    const merge = repo.git(['merge', '--no-ff', '-m', 'merge feature', 'feature']);
    expect(merge.status).toBe(0);
    expect(repo.git(['rev-list', '--count', '--merges', 'HEAD']).stdout.trim()).toBe('1');

    // A conflict resolved to include a key blocks the merge commit.
    repo.git(['checkout', '-q', '-b', 'other']);
    repo.write('a.js', 'other();\n');
    repo.git(['commit', '-qam', 'other']);
    repo.git(['checkout', '-q', 'main']);
    repo.write('a.js', 'mine();\n');
    repo.git(['commit', '-qam', 'mine']);
    expect(repo.git(['merge', 'other']).status).not.toBe(0);
    repo.write('a.js', `const k = "${anthropicKey()}";\n`);
    repo.git(['add', 'a.js']);
    const resolved = repo.git(['commit', '--no-edit']);
    expect(resolved.status).not.toBe(0);
    expect(resolved.output).toContain('a.js:1:12');
  });

  test('user config cannot change what is parsed', () => {
    const repo = TempRepo.create();
    for (const [key, value] of HOSTILE_DIFF_CONFIG) repo.git(['config', key, value]);
    repo.write('src/ünï code.js', `\nconst k = "${githubToken()}";\n`);
    repo.git(['add', '-A']);
    const result = repo.commit();
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('src/ünï code.js:2:12');
  });

  test('user config cannot change what is parsed from a changed file\'s patch either', () => {
    const repo = TempRepo.create();
    // Every fifth line empty, so merged hunks carry empty context lines.
    const base = Array.from({ length: 30 }, (_, i) => ((i + 1) % 5 ? `line ${i + 1}` : '')).join('\n') + '\n';
    repo.write('a.js', base);
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'base']);
    for (const [key, value] of [
      ['color.ui', 'always'],
      ['diff.noprefix', 'true'],
      ['diff.context', '7'],
      ['diff.interHunkContext', '20'],
      ['diff.suppressBlankEmpty', 'true'],
      ['diff.algorithm', 'patience'],
      ['core.bigFileThreshold', '10'],
    ]) {
      repo.git(['config', key!, value!]);
    }
    const lines = base.split('\n');
    lines[2] = 'changed 3';
    lines[20] = `k = "${githubToken()}"`;
    repo.write('a.js', lines.join('\n'));
    repo.git(['add', 'a.js']);
    const result = repo.commit();
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('a.js:21:6');
  });

  test('JSON saved with a byte order mark (config, baseline, package.json) is read; init keeps the mark', () => {
    const BOM = '\ufeff';
    const repo = TempRepo.create({ init: false });
    const pkg = repo.read('package.json').toString();
    repo.write('package.json', BOM + pkg);
    expect(repo.keyfence(['init']).status).toBe(0);
    const after = repo.read('package.json').toString();
    expect(after.startsWith(BOM)).toBe(true);
    expect((JSON.parse(after.slice(1)) as { scripts: Record<string, string> }).scripts.prepare).toBe('husky');

    repo.write('.keyfencerc.json', BOM + JSON.stringify({ allow: { paths: ['fixtures/**'] } }));
    repo.write('fixtures/a.js', `const t = "${githubToken()}";\n`);
    repo.write('b.js', `const t = "${githubToken()}";\n`);
    repo.git(['add', '-A']);
    const blocked = repo.keyfence([]);
    expect(blocked.status).toBe(1);
    expect(blocked.output).toContain('b.js:1:12');
    expect(blocked.output).not.toContain('fixtures/a.js');

    expect(repo.keyfence(['baseline']).status).toBe(0);
    repo.write('.keyfence-baseline.json', BOM + repo.read('.keyfence-baseline.json').toString());
    expect(repo.keyfence([]).status).toBe(0);
  });

  test('a broken config file exits 2 naming the file and the key', () => {
    const repo = TempRepo.create();
    repo.write('.keyfencerc.json', JSON.stringify({ allow: { paths: 'src/**' } }));
    repo.write('a.js', 'ok();\n');
    repo.git(['add', '-A']);
    const direct = repo.keyfence([]);
    expect(direct.status).toBe(2);
    expect(direct.stderr).toContain('.keyfencerc.json');
    expect(direct.stderr).toContain('allow.paths');
    expect(direct.stderr).toContain('--no-verify');
    expect(repo.commit().status).not.toBe(0);

    repo.write('.keyfencerc.json', JSON.stringify({ alow: {} }));
    const typo = repo.keyfence([]);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('.keyfencerc.json: alow');

    repo.write('.keyfencerc.json', '{ not json');
    const invalid = repo.keyfence([]);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain('.keyfencerc.json is not valid JSON');
    expect(invalid.stderr).not.toMatch(/\n\s+at /);
  });

  test('config in package.json is validated too', () => {
    const repo = TempRepo.create();
    const pkg = JSON.parse(repo.read('package.json').toString()) as Record<string, unknown>;
    repo.write('package.json', JSON.stringify({ ...pkg, keyfence: { rules: { disable: 'all' } } }));
    const result = repo.keyfence([]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('package.json#keyfence: keyfence.rules.disable');
  });

  test('git missing from PATH exits 2 with a clear message (fail closed)', () => {
    const repo = TempRepo.create();
    const node = process.execPath;
    const result = repo.run(node, [`${repo.dir}/node_modules/keyfence/dist/cli.js`], {
      env: { ...repo.env, PATH: '/nonexistent' },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('git was not found on PATH');
    expect(result.stderr).toContain('--no-verify');
  });

  test('usage errors exit 2', () => {
    const repo = TempRepo.create();
    expect(repo.keyfence(['--bogus']).status).toBe(2);
    expect(repo.keyfence(['scan', '--format', 'xml']).status).toBe(2);
    expect(repo.keyfence(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(repo.keyfence(['--help']).stdout).toContain('Usage:');
  });

  test('scan --format json has the documented shape and no secret', () => {
    const repo = TempRepo.create();
    repo.write('.env', 'A=1\n');
    repo.write('src/k.js', `const k = "${anthropicKey()}";\n`);
    repo.git(['add', '-A']);
    const result = repo.keyfence(['scan', '--format', 'json']);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['version', 'blocked', 'findings', 'envFiles', 'stats']);
    expect(report.version).toBe(1);
    expect(report.blocked).toBe(true);
    const [finding] = report.findings as Array<Record<string, unknown>>;
    expect(Object.keys(finding!)).toEqual([
      'ruleId', 'provider', 'description', 'path', 'line', 'column', 'redacted', 'fingerprint', 'rotateUrl',
    ]);
    expect(finding).toMatchObject({ ruleId: 'anthropic-api-key', path: 'src/k.js', line: 1, column: 12 });
    expect(finding!.redacted).toMatch(/^sk-ant-api03-.{0,4}…\(108 chars\)$/);
    expect(report.envFiles).toEqual([{ path: '.env', state: 'staged', ignored: false, blocks: true }]);
    expect(Object.keys(report.stats as object)).toEqual(['files', 'bytes', 'ms']);
  });
});

describe('files git calls binary', () => {
  /** A committed base the change modifies; `--no-verify` because the base is not under test. */
  function withBase(files: Record<string, string | Buffer>): TempRepo {
    const repo = TempRepo.create();
    for (const [path, content] of Object.entries(files)) repo.write(path, content);
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'base']);
    return repo;
  }
  const lockfile = (n: number) => `{\n${Array.from({ length: n }, (_, i) => `  "dep${i}": "1.0.${i}",`).join('\n')}\n}\n`;

  test.each(ATTRIBUTE_PLACES)('text files that %s marks -diff or binary (lockfiles, often) are still judged', (place) => {
    const repo = withBase({ 'package-lock.json': lockfile(5), 'yarn.lock': 'a@1:\n  version "1"\n' });
    repo.writeAttributes(place, 'package-lock.json -diff\n*.lock binary\n');
    repo.write('package-lock.json', lockfile(5).replace('"dep2": "1.0.2",', `"dep2": "1.0.2",\n  "token": "${githubToken()}",`));
    repo.write('yarn.lock', `a@1:\n  version "1"\n  auth "${anthropicKey()}"\n`);
    repo.git(['add', '-A']);
    const result = repo.commit();
    expect(result.status).toBe(1);
    expect(result.output).toContain('package-lock.json:5:13');
    expect(result.output).toContain('yarn.lock:3:9');
  });

  test('a low core.bigFileThreshold in git config does not hide a modified file from the scan', () => {
    const repo = withBase({ 'config.js': lockfile(20) });
    repo.git(['config', 'core.bigFileThreshold', '100']);
    repo.write('config.js', `${lockfile(20)}const token = "${githubToken()}";\n`);
    repo.git(['add', 'config.js']);
    const result = repo.commit();
    expect(result.status).toBe(1);
    expect(result.output).toContain('config.js:23:16');
  });

  test('a new -diff file edited after `git add` is judged as staged (from git, as text)', () => {
    const repo = withBase({ '.gitattributes': '*.dat -diff\n' });
    repo.write('data.dat', `first\nkey = "${githubToken()}"\n`);
    repo.git(['add', 'data.dat']);
    // The work tree no longer holds the staged bytes: git supplies them.
    repo.write('data.dat', 'first\n');
    const result = repo.commit();
    expect(result.status).toBe(1);
    expect(result.output).toContain('data.dat:2:8');
  });

  // Without a text diff when the work tree holds the staged bytes; as text (judged by its NUL bytes) when it does not.
  test.each([
    [' is settled without a text diff', false],
    [', edited after `git add`, comes back from git as text: its bytes are still not judged', true],
  ])('a modified file that is binary by content%s; it passes', (_what, editedAfterAdd) => {
    const image = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]), Buffer.alloc(20_000, 0x41)]);
    const repo = withBase({ 'logo.png': image });
    repo.write('logo.png', Buffer.concat([image, Buffer.from('\n\u0000more\n')]));
    repo.git(['add', 'logo.png']);
    if (editedAfterAdd) repo.write('logo.png', image);
    const result = repo.commit();
    expect(result.status).toBe(0);
    expect(result.output).toContain('keyfence: 1 file, 0 added lines, no secrets');
  });
});
