import { catalogue } from '../detect/rules';
import { validationOf } from '../report/rules-markdown';

/** `keyfence rules`: the catalogue as a table or as JSON (facts only, no patterns needed). */
export function runRules(format: 'text' | 'json', out: (s: string) => void): number {
  if (format === 'json') {
    const rows = catalogue.map((r) => ({
      id: r.id,
      provider: r.provider,
      description: r.description,
      confidence: r.confidence,
      validation: validationOf(r),
      rotateUrl: r.rotateUrl,
      source: r.source,
    }));
    out(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  for (const r of catalogue) out(`${r.id.padEnd(44)} ${r.confidence.padEnd(7)} ${r.provider}\n`);
  out(`${catalogue.length} rules\n`);
  return 0;
}
