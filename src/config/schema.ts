import { z } from 'zod';

/**
 * Everything a user can set; unknown keys are errors so a typo never silently
 * disables a check. The `.describe()` texts are the configuration reference:
 * docs/configuration.md is rendered from them (src/config/reference.ts).
 */
export const configSchema = z
  .object({
    allow: z
      .object({
        paths: z
          .array(z.string().min(1))
          .default([])
          .describe('minimatch globs (dot files included) of `/`-separated repository paths, on every platform; matching files are not searched for secrets, e.g. `test/fixtures/**`. The .env checks still apply to them.'),
        patterns: z
          .array(z.string().min(1))
          .default([])
          .describe('Regular expressions (JavaScript syntax); a finding whose secret value matches one is accepted, e.g. `^sk_test_`.'),
      })
      .strict()
      .default({ paths: [], patterns: [] })
      .describe('Findings to accept: by path or by value.'),
    rules: z
      .object({
        disable: z
          .array(z.string().min(1))
          .default([])
          .describe('Rule ids to switch off; `npx keyfence rules` lists them (see docs/rules.md).'),
        blockLowConfidence: z
          .boolean()
          .default(false)
          .describe('Whether low-confidence findings (the generic detector and rules marked low in docs/rules.md) block the commit; by default they are reported without blocking.'),
      })
      .strict()
      .default({ disable: [], blockLowConfidence: false })
      .describe('Which rules run and which block.'),
    env: z
      .object({
        templates: z
          .array(z.string().min(1))
          .optional()
          .describe('Env files that are templates without values and may be committed: names or globs matched case-insensitively against the file name, or against the repository path when they contain `/`. Replaces the built-in list.'),
      })
      .strict()
      .default({})
      .describe('The .env policy.'),
    baseline: z
      .string()
      .min(1)
      .default('.keyfence-baseline.json')
      .describe('Path, relative to the repository root, of the baseline of accepted fingerprints that `keyfence baseline` writes.'),
  })
  .strict();

export type KeyfenceConfig = z.infer<typeof configSchema>;
