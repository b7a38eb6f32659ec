/** A planted value: the text to plant and the secret a rule must report from it. */
export interface Planted {
  readonly text: string;
  readonly secret: string;
}

/**
 * Test vectors of one rule. Positives are builders (called several times, so
 * random bodies differ each time); a string result is both text and secret.
 */
export interface RuleVectors {
  readonly rule: string;
  readonly positives: ReadonlyArray<() => string | Planted>;
  /** Near misses and official placeholders this rule must not report. */
  readonly negatives: ReadonlyArray<string | (() => string)>;
}

export function planted(value: string | Planted): Planted {
  return typeof value === 'string' ? { text: value, secret: value } : value;
}
