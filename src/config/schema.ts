import { z } from 'zod';

/** Everything a user can set; unknown keys are errors so a typo never silently disables a check. */
export const configSchema = z
  .object({
    allow: z
      .object({
        /** minimatch globs of `/`-separated repo paths whose findings are accepted. */
        paths: z.array(z.string().min(1)).default([]),
        /** Regular expressions; a finding whose secret matches one is accepted. */
        patterns: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({ paths: [], patterns: [] }),
    rules: z
      .object({
        /** Rule ids to switch off. */
        disable: z.array(z.string().min(1)).default([]),
        /** Whether low-confidence (generic) findings block the commit. */
        blockLowConfidence: z.boolean().default(false),
      })
      .strict()
      .default({ disable: [], blockLowConfidence: false }),
    env: z
      .object({
        /** Env-file names (or globs) that are templates and may be committed. */
        templates: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .default({}),
    /** Path of the baseline of accepted fingerprints, relative to the repo root. */
    baseline: z.string().min(1).default('.keyfence-baseline.json'),
  })
  .strict();

export type KeyfenceConfig = z.infer<typeof configSchema>;
