/**
 * minimatch, loaded on first use: most commits match no glob at all (the default
 * env templates are plain names and allow.paths is empty), and loading it and
 * brace-expansion was a measurable part of every hook's start-up.
 */
let match: typeof import('minimatch').minimatch | undefined;

/** Whether `path` matches `glob` (dot files included). */
export function globMatch(path: string, glob: string, options: { nocase?: boolean } = {}): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  match ??= (require('minimatch') as typeof import('minimatch')).minimatch;
  return match(path, glob, { dot: true, ...options });
}
