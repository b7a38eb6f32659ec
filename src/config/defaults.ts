/** The configuration in force, with defaults filled in. Kept free of zod so a repo without config never loads it. */
export interface Config {
  readonly allow: { readonly paths: readonly string[]; readonly patterns: readonly string[] };
  readonly rules: { readonly disable: readonly string[]; readonly blockLowConfidence: boolean };
  readonly env: { readonly templates?: readonly string[] | undefined };
  readonly baseline: string;
}

export const DEFAULT_CONFIG: Config = {
  allow: { paths: [], patterns: [] },
  rules: { disable: [], blockLowConfidence: false },
  env: {},
  baseline: '.keyfence-baseline.json',
};
