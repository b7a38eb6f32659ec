import type { Rule } from '../detect/types';

/**
 * The recognisable prefix, at most four more characters (fewer for short
 * secrets: never more than a quarter of the rest), and the length. The only
 * form in which a secret ever leaves keyfence.
 */
export function redact(rule: Rule, secret: string): string {
  if (rule.wholeFile) return '(the whole file)';
  const prefix = knownPrefix(rule, secret);
  const rest = secret.slice(prefix.length);
  const shown = rest.slice(0, Math.min(4, Math.floor(rest.length / 4))).replace(/\s/g, ' ');
  return `${prefix}${shown}…(${secret.length} chars)`;
}

function knownPrefix(rule: Rule, secret: string): string {
  if (rule.redactPrefix && secret.startsWith(rule.redactPrefix)) return rule.redactPrefix;
  const lower = secret.toLowerCase();
  let best = '';
  for (const keyword of rule.keywords) {
    if (keyword.length > best.length && lower.startsWith(keyword)) best = secret.slice(0, keyword.length);
  }
  // A prefix that is most of the secret would reveal it: cap it at half.
  return best.length * 2 <= secret.length ? best : '';
}
