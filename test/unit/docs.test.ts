import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogue } from '../../src/detect/rules';
import { renderRulesMarkdown } from '../../src/report/rules-markdown';

const RULES_DOC = join(__dirname, '..', '..', 'docs', 'rules.md');

test('docs/rules.md is generated from the catalogue and current (npm run docs to refresh)', () => {
  const expected = renderRulesMarkdown(catalogue);
  if (process.env.UPDATE_DOCS) writeFileSync(RULES_DOC, expected);
  expect(readFileSync(RULES_DOC, 'utf8')).toBe(expected);
});
