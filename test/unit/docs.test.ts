import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { z } from 'zod';
import { referenceRows, renderConfigReference, replaceReference, REFERENCE_BEGIN, REFERENCE_END } from '../../src/config/reference';
import { configSchema } from '../../src/config/schema';
import { catalogue } from '../../src/detect/rules';
import { DEFAULT_ENV_TEMPLATES } from '../../src/env/paths';
import { renderRulesMarkdown } from '../../src/report/rules-markdown';

const DOCS = join(__dirname, '..', '..', 'docs');
const RULES_DOC = join(DOCS, 'rules.md');
const CONFIG_DOC = join(DOCS, 'configuration.md');

test('docs/rules.md is generated from the catalogue and current (npm run docs to refresh)', () => {
  const expected = renderRulesMarkdown(catalogue);
  if (process.env.UPDATE_DOCS) writeFileSync(RULES_DOC, expected);
  expect(readFileSync(RULES_DOC, 'utf8')).toBe(expected);
});

describe('docs/configuration.md', () => {
  const options = { computedDefaults: { 'env.templates': DEFAULT_ENV_TEMPLATES } };

  test('its reference section is generated from the zod schema and current (npm run docs to refresh)', () => {
    const current = readFileSync(CONFIG_DOC, 'utf8');
    const expected = replaceReference(current, renderConfigReference(configSchema, options));
    if (process.env.UPDATE_DOCS) writeFileSync(CONFIG_DOC, expected);
    expect(readFileSync(CONFIG_DOC, 'utf8')).toBe(expected);
  });

  test('the reference lists every key the schema accepts, with its default', () => {
    const rows = referenceRows(configSchema, options);
    expect(rows.map((r) => r.key)).toEqual([
      'allow.paths',
      'allow.patterns',
      'rules.disable',
      'rules.blockLowConfidence',
      'env.templates',
      'baseline',
    ]);
    expect(rows.find((r) => r.key === 'baseline')?.default).toBe('".keyfence-baseline.json"');
    expect(rows.find((r) => r.key === 'rules.blockLowConfidence')).toMatchObject({ type: 'boolean', default: 'false' });
    expect(rows.find((r) => r.key === 'env.templates')).toMatchObject({ computed: true, default: JSON.stringify(DEFAULT_ENV_TEMPLATES) });
    // Each documented key really is accepted, and a sibling typo really is not.
    for (const { key } of rows) {
      const path = key.split('.');
      const value = rows.find((r) => r.key === key)!.type.startsWith('boolean') ? true : key === 'baseline' ? 'b.json' : ['x'];
      const config = path.reduceRight<unknown>((inner, part) => ({ [part]: inner }), value);
      expect(configSchema.safeParse(config).success).toBe(true);
      const typo = path.reduceRight<unknown>((inner, part, i) => ({ [i === path.length - 1 ? `${part}x` : part]: inner }), value);
      expect(configSchema.safeParse(typo).success).toBe(false);
    }
  });

  test('the renderer refuses an undocumented key and a default for a key that does not exist', () => {
    const undocumented = z.object({ a: z.string().describe('documented'), b: z.boolean().default(false) }).strict();
    expect(() => referenceRows(undocumented)).toThrow('"b" has no description');
    const documented = z.object({ a: z.array(z.string()).optional().describe('a list') }).strict();
    expect(() => referenceRows(documented, { computedDefaults: { nope: [] } })).toThrow('"nope"');
    expect(referenceRows(documented, { computedDefaults: { a: ['x'] } })[0]).toMatchObject({ default: '["x"]', computed: true, type: 'string[]' });
  });

  test('the generated block replaces only what lies between its markers', () => {
    const doc = `# Title\n\nprose before\n\n${REFERENCE_BEGIN}\nold table\n${REFERENCE_END}\n\nprose after\n`;
    const block = renderConfigReference(configSchema, options);
    const out = replaceReference(doc, block);
    expect(out.startsWith('# Title\n\nprose before\n\n')).toBe(true);
    expect(out.endsWith('\n\nprose after\n')).toBe(true);
    expect(out).not.toContain('old table');
    expect(out).toContain('| `allow.paths` | string[] (no empty strings) | `[]` |');
    expect(() => replaceReference('# no markers\n', block)).toThrow('markers');
  });
});

describe('docs links', () => {
  const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md')).sort();

  /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
  function anchorsOf(markdown: string): Set<string> {
    const seen = new Map<string, number>();
    const anchors = new Set<string>();
    for (const line of withoutFences(markdown).split('\n')) {
      const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
      if (!heading) continue;
      const base = heading[1]!.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      anchors.add(n === 0 ? base : `${base}-${n}`);
    }
    return anchors;
  }

  function withoutFences(markdown: string): string {
    return markdown.replace(/^```[\s\S]*?^```/gm, '');
  }

  /** Link syntax inside code is an example, not a link. */
  function withoutCode(markdown: string): string {
    return withoutFences(markdown).replace(/`[^`\n]*`/g, '');
  }

  test('docs/README.md links every page in docs/', () => {
    const index = readFileSync(join(DOCS, 'README.md'), 'utf8');
    const missing = pages.filter((p) => p !== 'README.md' && !index.includes(`](${p})`));
    expect(missing).toEqual([]);
  });

  test('every relative link (and #anchor) in docs/ and the README resolves', () => {
    const files = [...pages.map((p) => join(DOCS, p)), join(DOCS, '..', 'README.md')];
    const broken: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const [, target] of withoutCode(text).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target!)) continue; // http:, https:, mailto:
        const [path = '', anchor] = target!.split('#');
        const resolved = path ? join(dirname(file), path) : file;
        if (!existsSync(resolved)) {
          broken.push(`${relative(join(DOCS, '..'), file)}: ${target} (no such file)`);
        } else if (anchor && resolved.endsWith('.md') && !anchorsOf(readFileSync(resolved, 'utf8')).has(anchor)) {
          broken.push(`${relative(join(DOCS, '..'), file)}: ${target} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});
