/** How sure a match is: `high` blocks on shape alone; `medium` and `low` need context or are advisory. */
export type Confidence = 'high' | 'medium' | 'low';

/** Offline checksum schemes a rule can require; implemented in `checksums.ts`. */
export type ChecksumScheme =
  | 'github-crc32-base62'
  | 'npm-crc32-base62'
  | 'gitlab-routable-crc-base36'
  | 'atlassian-crc-hex';

/** The characters a keywordRun counts: [0-9a-f] or [A-Za-z0-9_-] (which holds the former). */
export type RunChars = 'hex' | 'base64url';

export interface KeywordRun {
  readonly chars: RunChars;
  readonly min: number;
  /** One character; without it the run fires right after its `min`-th character. */
  readonly then?: string;
}

/**
 * One credential format. Rules are plain data: the engine compiles `pattern`,
 * and adding a provider means adding one of these plus its test vectors.
 */
export interface Rule {
  /** Stable kebab-case id, used in reports, config (`rules.disable`) and fingerprints. */
  readonly id: string;
  readonly provider: string;
  /** What the credential grants, in a short sentence. */
  readonly description: string;
  /**
   * Lower-case literals; the rule only runs when one of them occurs in the text
   * (case-insensitively), or where its `keywordRun` finds its `keywordPattern`.
   * Every match of `pattern` must contain one of them, or that run. Empty only
   * with a `keywordRun`.
   */
  readonly keywords: readonly string[];
  /**
   * For formats whose only literal is frequent text (a '-', a '.', "AC"): the run
   * of token characters every match holds, which the keyword pass tracks as it
   * goes. It fires at a `then` character that follows at least `min` of them, or
   * (without `then`) right after the `min`-th; `keywordPattern` is then tried at
   * that position.
   */
  readonly keywordRun?: KeywordRun;
  /**
   * With `keywordRun`: a case-sensitive pattern that must match (sticky) where
   * the run fires for the rule to run there (a lookbehind for what came before).
   */
  readonly keywordPattern?: string;
  /**
   * For a keyword that is also ordinary text ("pat" in path, "re_" in pre_):
   * a case-sensitive pattern that must match where the keyword was found for
   * the rule to run there. Every match of `pattern` contains a keyword at which
   * it matches.
   */
  readonly confirm?: string;
  /**
   * Regular-expression source (no flags but those in `flags`). The secret is the
   * named group `secret` when present, otherwise the whole match. Must stay linear:
   * bounded repetition only, no nested quantifiers over overlapping classes.
   */
  readonly pattern: string;
  /** Extra flags: only `i` is allowed (`g` is added by the engine). */
  readonly flags?: 'i';
  readonly confidence: Confidence;
  readonly validate?: {
    readonly checksum?: ChecksumScheme;
    /** Minimum Shannon entropy, in bits per character, of the secret. */
    readonly minEntropy?: number;
  };
  /** The literal a redacted secret may show in full (defaults to the longest keyword found at its start). */
  readonly redactPrefix?: string;
  /** Where the owner revokes and re-issues this credential. */
  readonly rotateUrl: string;
  /** Where the format facts come from. */
  readonly source: string;
  /** The whole file is the credential (matched by name); its content id stands in for the secret. */
  readonly wholeFile?: boolean;
  /** Generic rules are skipped in lockfiles and minified files and may be set not to block. */
  readonly generic?: boolean;
}

/** A rule match in a piece of text; offsets are UTF-16 indices into that text. */
export interface Match {
  readonly rule: Rule;
  readonly secret: string;
  /** Offset of the secret's first character. */
  readonly index: number;
}
