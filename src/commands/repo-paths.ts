import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** A path argument that does not lie inside the repository: the CLI exits 2. */
export class PathError extends Error {
  override name = 'PathError';
}

/** The real path of `path`, or of its nearest existing ancestor joined with the rest. */
function realish(path: string): string {
  const rest: string[] = [];
  let current = path;
  while (!existsSync(current)) {
    const parent = dirname(current);
    if (parent === current) return path;
    rest.unshift(basename(current));
    current = parent;
  }
  return join(realpathSync(current), ...rest);
}

/**
 * Turns command-line paths (absolute, as lint-staged passes them, or relative
 * to `cwd`) into `/`-separated paths relative to the repository top.
 * Symlinked temp folders (/tmp, /var on macOS) are resolved before comparing.
 */
export function toRepoPaths(top: string, cwd: string, paths: readonly string[]): string[] {
  const realTop = realish(top);
  return paths.map((arg) => {
    const absolute = isAbsolute(arg) ? arg : resolve(cwd, arg);
    let rel = relative(top, absolute);
    if (rel.startsWith('..') || isAbsolute(rel)) rel = relative(realTop, realish(absolute));
    if (rel.startsWith('..') || isAbsolute(rel)) {
      throw new PathError(`${arg} is not inside the repository at ${top}; pass paths of this repository`);
    }
    return rel.split(sep).join('/');
  });
}

/** Whether a repo path is one of `selected` or lies under one of them (a folder). */
export function makePathFilter(selected: readonly string[]): (path: string) => boolean {
  if (selected.includes('')) return () => true; // the top folder itself
  const exact = new Set(selected);
  const folders = selected.map((p) => (p.endsWith('/') ? p : p + '/'));
  return (path) => exact.has(path) || folders.some((f) => path.startsWith(f));
}
