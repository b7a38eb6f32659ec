import { redact } from '../../src/report/redact';
import { makeStyle } from '../../src/report/style';
import { renderText } from '../../src/report/text';
import { fingerprint } from '../../src/detect/fingerprint';
import type { Rule } from '../../src/detect/types';
import { rand } from '../helpers/synth';

const rule = (over: Partial<Rule> = {}): Rule => ({
  id: 'test-rule',
  provider: 'Test',
  description: 'd',
  keywords: ['tk_'],
  pattern: 'tk_[a-z]{10}',
  confidence: 'high',
  rotateUrl: 'https://example.test',
  source: 's',
  ...over,
});

describe('redaction', () => {
  test('shows the prefix, at most four more characters and the length', () => {
    const secret = 'tk_' + rand('a-z', 40);
    const shown = redact(rule(), secret);
    expect(shown).toBe(`tk_${secret.slice(3, 7)}…(43 chars)`);
  });
  test('short secrets reveal at most a quarter of their body', () => {
    expect(redact(rule({ keywords: ['pw'] }), 'abcdefgh')).toBe('ab…(8 chars)');
  });
  test('a keyword that is most of the secret is not shown', () => {
    expect(redact(rule({ keywords: ['password'] }), 'password12')).toBe('pa…(10 chars)');
  });
});

describe('fingerprint', () => {
  test('depends on rule and secret only, and is stable', () => {
    expect(fingerprint('a', 'x')).toBe(fingerprint('a', 'x'));
    expect(fingerprint('a', 'x')).not.toBe(fingerprint('b', 'x'));
    expect(fingerprint('a', 'x')).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('the text report of a blocking result', () => {
  const secret = 'tk_' + rand('a-z', 10);
  const result = {
    findings: [{ rule: rule(), secret, path: 'a.js', line: 1, column: 1, fingerprint: fingerprint('test-rule', secret), blocks: true }],
    envFiles: [],
    stats: { files: 1, lines: 1, bytes: 20, ms: 1 },
  };
  test('of a staged change: the commit is blocked, and the one-commit bypass is named', () => {
    const text = renderText(result, { style: makeStyle(false), blocking: true, what: 'staged' });
    expect(text).toMatch(/^keyfence: commit blocked — 1 secret in 1 scanned file/);
    expect(text).toContain('git commit --no-verify');
    expect(text).not.toContain(secret);
  });
  test('of tracked files (scan --all): no commit to block, so neither word nor bypass', () => {
    const text = renderText(result, { style: makeStyle(false), blocking: true, what: 'tracked' });
    expect(text).toMatch(/^keyfence: found — 1 secret in 1 scanned file/);
    expect(text).not.toMatch(/commit blocked|no-verify/);
    expect(text).not.toContain(secret);
  });
});
