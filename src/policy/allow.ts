import { globMatch } from '../env/glob';
import type { Config } from '../config/defaults';

/** The inline marker, in any comment syntax, on the line where a secret starts. */
export const ALLOW_MARKER = 'keyfence:allow';

export interface AllowPolicy {
  readonly isPathAllowed: (path: string) => boolean;
  readonly isSecretAllowed: (secret: string) => boolean;
  readonly disabledRules: ReadonlySet<string>;
  readonly baseline: ReadonlySet<string>;
}

export function buildAllowPolicy(config: Config, baseline: ReadonlySet<string>): AllowPolicy {
  const globs = config.allow.paths;
  const patterns = config.allow.patterns.map((p) => new RegExp(p));
  return {
    isPathAllowed: (path) => globs.some((g) => globMatch(path, g)),
    isSecretAllowed: (secret) => patterns.some((p) => p.test(secret)),
    disabledRules: new Set(config.rules.disable),
    baseline,
  };
}
