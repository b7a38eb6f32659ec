import { globMatch } from './glob';

/** Committed templates that document variables without values; they pass by default. */
export const DEFAULT_ENV_TEMPLATES: readonly string[] = [
  '.env.example',
  '.env.sample',
  '.env.template',
  '.env.dist',
  '.env.defaults',
  '.env.schema',
  '.env.vault',
];

/** Source files named like env files (`.env.d.ts`, `env.config.ts`) hold code, not values. */
const CODE_SUFFIX = /\.(?:[cm]?[jt]sx?|d\.ts|md)$/i;

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `.env`, `.env.<suffix>` or `<name>.env`, in any folder and any letter case. */
export function isEnvFile(path: string): boolean {
  const name = basename(path).toLowerCase();
  if (CODE_SUFFIX.test(name)) return false;
  return name === '.env' || (name.startsWith('.env.') && name.length > 5) || (name.endsWith('.env') && name.length > 4);
}

/** A template given as a plain file name (every default is one) is compared, not globbed. */
const PLAIN_NAME = /^[A-Za-z0-9._-]+$/;

/** Whether an env file is a template (basename or glob from the list, case-insensitive). */
export function isEnvTemplate(path: string, templates: readonly string[] = DEFAULT_ENV_TEMPLATES): boolean {
  const name = basename(path);
  return templates.some((t) =>
    PLAIN_NAME.test(t) ? name.toLowerCase() === t.toLowerCase() : globMatch(t.includes('/') ? path : name, t, { nocase: true }),
  );
}

/** Git pathspecs that select every env-file name, case-insensitively. */
export const ENV_PATHSPECS: readonly string[] = [
  ':(glob,icase)**/.env',
  ':(glob,icase)**/.env.*',
  ':(glob,icase)**/*.env',
];
