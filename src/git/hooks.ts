import type { GitClient } from './client';

/** The folder git runs hooks from (honours core.hooksPath), absolute; and core.hooksPath as set. */
export async function hooksLocation(git: GitClient): Promise<{ dir: string; configured: string | null }> {
  const [dir, configured] = await Promise.all([
    git.run(['rev-parse', '--path-format=absolute', '--git-path', 'hooks']),
    git.run(['config', '--get', 'core.hooksPath'], { okExitCodes: [1] }),
  ]);
  return { dir: dir.trim(), configured: configured.trim() || null };
}

/**
 * Stages `path` with `content` into the index file `indexFile` only (a copy the
 * caller made): the object is written to the object store, unreferenced, and
 * the real index is never touched.
 */
export async function stageInto(git: GitClient, indexFile: string, path: string, contentFile: string): Promise<void> {
  const saved = process.env.GIT_INDEX_FILE;
  process.env.GIT_INDEX_FILE = indexFile;
  try {
    const { createGitClient } = await import('./client');
    const scoped = createGitClient(git.cwd);
    const blob = (await scoped.run(['hash-object', '-w', '--', contentFile])).trim();
    await scoped.run(['update-index', '--add', '--cacheinfo', `100644,${blob},${path}`]);
  } finally {
    if (saved === undefined) delete process.env.GIT_INDEX_FILE;
    else process.env.GIT_INDEX_FILE = saved;
  }
}

/** The index file git uses now (GIT_INDEX_FILE or the repository's own). */
export async function indexPath(git: GitClient): Promise<string> {
  if (process.env.GIT_INDEX_FILE) return process.env.GIT_INDEX_FILE;
  return (await git.run(['rev-parse', '--path-format=absolute', '--git-path', 'index'])).trim();
}
