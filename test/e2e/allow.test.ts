import { anthropicKey, githubToken } from './keys';
import { plant, TempRepo } from './repo';
import { rand } from '../helpers/synth';

jest.setTimeout(60_000);

function withConfig(config: unknown): TempRepo {
  const repo = TempRepo.create();
  repo.write('.keyfencerc.json', JSON.stringify(config));
  return repo;
}

describe('allowing false positives', () => {
  test('allow.paths accepts findings under a glob, elsewhere they still block', () => {
    const repo = withConfig({ allow: { paths: ['test/fixtures/**'] } });
    repo.write('test/fixtures/keys.js', `export const k = "${githubToken()}";\n`);
    repo.git(['add', '-A']);
    expect(repo.commit().status).toBe(0);
    repo.write('src/app.js', `export const k = "${githubToken()}";\n`);
    repo.git(['add', '-A']);
    expect(repo.commit().status).not.toBe(0);
  });

  test('allow.patterns accepts matching values', () => {
    const key = anthropicKey();
    const repo = withConfig({ allow: { patterns: [`^${key.slice(0, 20)}`] } });
    repo.write('a.js', `const k = "${key}";\n`);
    repo.git(['add', '-A']);
    expect(repo.commit().status).toBe(0);
  });

  test('rules.disable switches a rule off; an unknown id is an error', () => {
    const repo = withConfig({ rules: { disable: ['github-classic-pat'] } });
    repo.write('a.js', `const k = "${githubToken()}";\n`);
    repo.git(['add', '-A']);
    expect(repo.commit().status).toBe(0);
    repo.write('.keyfencerc.json', JSON.stringify({ rules: { disable: ['github-clasic-pat'] } }));
    const typo = repo.keyfence([]);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('unknown rule id "github-clasic-pat"');
  });

  test('low-confidence findings warn by default and block when configured', () => {
    const repo = TempRepo.create();
    const value = plant(rand('A-Za-z0-9', 12) + '9x' + rand('A-Za-z0-9', 14));
    repo.write('settings.js', `const config = { client_secret: "${value}" };\n`);
    repo.git(['add', '-A']);
    const warned = repo.keyfence([]);
    expect(warned.status).toBe(0);
    expect(warned.stdout).toContain('low confidence');
    repo.write('.keyfencerc.json', JSON.stringify({ rules: { blockLowConfidence: true } }));
    expect(repo.keyfence([]).status).toBe(1);
  });

  test('baseline: fingerprints only, sorted; accepted keys pass; stale entries are reported', () => {
    const repo = TempRepo.create();
    const first = githubToken();
    const second = anthropicKey();
    repo.write('legacy/a.js', `const a = "${first}";\nconst b = "${second}";\n`);
    repo.git(['add', '-A']);
    expect(repo.commit('legacy', ['--no-verify']).status).toBe(0);
    const made = repo.keyfence(['baseline']);
    expect(made.status).toBe(0);
    const baseline = JSON.parse(repo.read('.keyfence-baseline.json').toString()) as { version: number; fingerprints: string[] };
    expect(baseline.version).toBe(1);
    expect(baseline.fingerprints).toHaveLength(2);
    expect([...baseline.fingerprints].sort()).toEqual(baseline.fingerprints);
    expect(Object.keys(baseline)).toEqual(['version', 'fingerprints']);

    // The same key moved to another file stays accepted: fingerprints ignore places.
    repo.write('moved/b.js', `\n\nexport const a = "${first}";\n`);
    repo.git(['add', '-A']);
    expect(repo.commit('move').status).toBe(0);
    expect(repo.keyfence(['scan', '--all']).status).toBe(0);

    repo.write('legacy/a.js', 'const a = 1;\n');
    repo.git(['add', '-A']);
    expect(repo.commit('cleanup').status).toBe(0);
    const stale = repo.keyfence(['scan', '--all']);
    expect(stale.status).toBe(0);
    expect(stale.stdout).toContain('1 baseline entries no longer match anything');
  });
});
