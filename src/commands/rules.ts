import { catalogue } from '../detect/rules';

/** `keyfence rules`: the catalogue as a table or as JSON (no patterns' secrets, just facts). */
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

export function validationOf(rule: (typeof catalogue)[number]): string {
  const parts = ['structure'];
  if (rule.validate?.checksum) parts.push(`checksum (${rule.validate.checksum})`);
  if (rule.validate?.minEntropy !== undefined) parts.push(`entropy >= ${rule.validate.minEntropy} bits/char`);
  if (rule.keywords.length && rule.confidence !== 'high') parts.push('context keyword');
  return parts.join(', ');
}
