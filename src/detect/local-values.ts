import type { Rule } from './types';
import { looksLikePlaceholder } from './placeholders';
import { shannonEntropy } from './entropy';

/** A value from the developer's own env file, to be searched for verbatim. */
export interface LocalValue {
  readonly name: string;
  readonly file: string;
  readonly value: string;
}

/** Shorter or plainer values (ports, flags, hostnames like "localhost") would match ordinary code. */
const MIN_LENGTH = 12;
const MIN_ENTROPY = 3;
/** Host names and URLs without credentials are configuration, not secrets. */
const PLAIN_HOST_OR_URL = /^(?:[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,10}(?::\d{1,5})?|https?:\/\/[^@\s]{1,2000})$/;

/**
 * Parses dotenv text (`KEY=value`, `export KEY=value`, quotes, inline comments)
 * and keeps the values long and random enough to be credentials.
 */
export function secretValuesFromDotenv(text: string, file: string): LocalValue[] {
  const values: LocalValue[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s{1,10})?([A-Za-z_][A-Za-z0-9_.-]{0,200})\s{0,10}[=:]\s{0,10}(.{0,8000})$/.exec(raw);
    if (!m) continue;
    let value = m[2]!.trim();
    const quote = value.charAt(0);
    if ((quote === '"' || quote === "'" || quote === '`') && value.indexOf(quote, 1) > 0) {
      value = value.slice(1, value.indexOf(quote, 1));
    } else {
      value = value.replace(/\s#.*$/, '').trim();
    }
    if (value.length < MIN_LENGTH || /\s/.test(value)) continue;
    if (looksLikePlaceholder(value) || shannonEntropy(value) < MIN_ENTROPY) continue;
    if (PLAIN_HOST_OR_URL.test(value)) continue;
    values.push({ name: m[1]!, file, value });
  }
  return values;
}

/** Offsets where any of the values occurs verbatim in text. */
export function findLocalValues(text: string, values: readonly LocalValue[]): Array<{ value: LocalValue; index: number }> {
  const hits: Array<{ value: LocalValue; index: number }> = [];
  for (const value of values) {
    for (let at = text.indexOf(value.value); at >= 0; at = text.indexOf(value.value, at + value.value.length)) {
      hits.push({ value, index: at });
    }
  }
  return hits;
}

/** The rule a local value reports under: named after the variable, so the report says which one. */
export function localValueRule(value: LocalValue): Rule {
  return {
    id: 'local-env-value',
    provider: `your ${value.file}`,
    description: `The value of ${value.name} from your local ${value.file}, committed verbatim.`,
    keywords: [],
    pattern: '',
    confidence: 'high',
    rotateUrl: `rotate ${value.name} where it was issued (it is in your ${value.file})`,
    source: 'DESIGN.md: your own secrets, literally',
  };
}
