import { redact } from '../../src/report/redact';
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
