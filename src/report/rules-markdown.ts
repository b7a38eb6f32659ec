import type { Rule } from '../detect/types';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function validationOf(rule: Rule): string {
  const parts = ['structure'];
  if (rule.validate?.checksum) parts.push(`checksum (${rule.validate.checksum})`);
  if (rule.validate?.minEntropy !== undefined) parts.push(`entropy ≥ ${rule.validate.minEntropy} bits/char`);
  if (rule.confidence !== 'high') parts.push('context keyword');
  return parts.join(', ');
}

/** docs/rules.md, generated from the catalogue (`npm run docs`); a test keeps it current. */
export function renderRulesMarkdown(rules: readonly Rule[]): string {
  const counts = { high: 0, medium: 0, low: 0 };
  for (const r of rules) counts[r.confidence]++;
  const lines = [
    '# Rules',
    '',
    '<!-- Generated from src/detect/rules by `npm run docs`; do not edit by hand. -->',
    '',
    `keyfence knows **${rules.length} credential formats** (${counts.high} high, ${counts.medium} medium, ${counts.low} low confidence).`,
    'High and medium confidence findings block a commit; low-confidence (generic) ones are reported and block only with',
    '`rules.blockLowConfidence: true`. Disable a rule with `rules.disable: ["<id>"]`.',
    '',
    '| id | provider | what it grants | confidence | validated by | rotate at |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rules) {
    lines.push(
      `| \`${r.id}\` | ${cell(r.provider)} | ${cell(r.description)} | ${r.confidence} | ${validationOf(r)} | ${cell(r.rotateUrl)} |`,
    );
  }
  return lines.join('\n') + '\n';
}
