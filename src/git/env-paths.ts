import { isAbsolute, resolve } from 'node:path';

const PATH_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY'];

/**
 * Git may hand a hook relative paths in these variables; they are relative to
 * the hook's starting directory, so pin them before any git runs elsewhere.
 */
export function absolutizeGitEnvironment(env: NodeJS.ProcessEnv, cwd: string): void {
  for (const name of PATH_VARIABLES) {
    const value = env[name];
    if (value && !isAbsolute(value)) env[name] = resolve(cwd, value);
  }
}
