import { catalogueFromSnapshot, snapshotOf } from '../../src/detect/catalogue-snapshot';
import { compileCatalogue, scanText } from '../../src/detect/engine';
import { catalogue as rules } from '../../src/detect/rules';
import { crc32Base62Token, rand } from '../helpers/synth';

describe('the catalogue snapshot the build writes', () => {
  const compiled = compileCatalogue(rules);
  const text = snapshotOf(compiled);
  const restored = catalogueFromSnapshot(text)!;

  test('reads back as the catalogue compileCatalogue makes: rules, keywords, every table, every pattern', () => {
    expect(restored).not.toBeNull();
    expect(restored).toEqual(compiled);
    expect(restored.headMask).toBeInstanceOf(Uint32Array);
    expect(restored.runGate.thenChars).toEqual(compiled.runGate.thenChars);
    expect(restored.runKeyed.map((k) => [k.pattern.source, k.pattern.flags])).toEqual(compiled.runKeyed.map((k) => [k.pattern.source, k.pattern.flags]));
    expect(restored.confirms.map((c) => c && [c.source, c.flags])).toEqual(compiled.confirms.map((c) => c && [c.source, c.flags]));
    // Tables are stored without their trailing zeros, so the file stays small.
    expect(text.length).toBeLessThan(400_000);
  });

  test('finds the same secrets as the compiled catalogue', () => {
    const github = crc32Base62Token('gh' + 'p_');
    const anthropic = 'sk-ant-' + 'api03-' + rand('A-Za-z0-9_-', 93) + 'AA';
    const sample = [`const token = "${github}";`, `ANTHROPIC_API_KEY=${anthropic}`, 'nothing here', 'password = "hunter2hunter2"'].join('\n');
    const strip = (ms: ReturnType<typeof scanText>) => ms.map((m) => [m.rule.id, m.index, m.secret.length]);
    expect(strip(scanText(restored, sample))).toEqual(strip(scanText(compiled, sample)));
    expect(strip(scanText(restored, sample)).map(([id]) => id)).toEqual(expect.arrayContaining(['github-classic-pat', 'anthropic-api-key']));
  });

  test('a snapshot of another format is not used (the caller compiles the rules instead)', () => {
    expect(catalogueFromSnapshot(text.replace('"format":1,', '"format":0,'))).toBeNull();
    expect(() => catalogueFromSnapshot('{')).toThrow();
  });
});
