import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG, type Config } from './defaults';
import { parseJsonText } from './json-text';

/** The config file is unreadable or invalid; the CLI exits 2. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const FILES = ['.keyfencerc.json', 'keyfence.config.json'] as const;

/**
 * Loads the first of `.keyfencerc.json`, `keyfence.config.json` or the
 * `"keyfence"` key of package.json in `root`. zod is only loaded when one exists.
 */
export function loadConfig(root: string): { config: Config; file: string | null } {
  for (const name of FILES) {
    const path = join(root, name);
    if (existsSync(path)) return { config: validate(parseJson(path, name), name), file: name };
  }
  const pkgPath = join(root, 'package.json');
  if (existsSync(pkgPath)) {
    const pkg = parseJson(pkgPath, 'package.json');
    if (pkg !== null && typeof pkg === 'object' && 'keyfence' in pkg) {
      return { config: validate((pkg as Record<string, unknown>).keyfence, 'package.json#keyfence', 'keyfence'), file: 'package.json' };
    }
  }
  return { config: DEFAULT_CONFIG, file: null };
}

function parseJson(path: string, label: string): unknown {
  try {
    return parseJsonText(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`${label} is not valid JSON (${reason}); fix the file or delete it`);
  }
}

function validate(value: unknown, label: string, keyPrefix?: string): Config {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { configSchema } = require('./schema') as typeof import('./schema');
  const result = configSchema.safeParse(value);
  if (result.success) {
    const parsed = result.data;
    for (const pattern of parsed.allow.patterns) {
      try {
        new RegExp(pattern);
      } catch {
        throw new ConfigError(`${label}: allow.patterns: "${pattern}" is not a valid regular expression`);
      }
    }
    return parsed;
  }
  const issue = result.error.issues[0]!;
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const path = [...(keyPrefix ? [keyPrefix] : []), ...issue.path.map(String), ...keys.slice(0, 1)].join('.') || '(root)';
  const expected = issue.code === 'unrecognized_keys' ? 'no such option (see docs/configuration.md)' : issue.message;
  throw new ConfigError(`${label}: ${path}: ${expected}`);
}
