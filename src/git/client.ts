import { simpleGit, type SimpleGit } from 'simple-git';
import { isAbsolute, resolve } from 'node:path';

/** git could not be run at all, or refused: the caller fails closed. */
export class GitUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitUnavailableError';
  }
}

export interface GitClient {
  /** Runs `git <args>` and returns stdout; rejects with the git error text. */
  run(args: readonly string[]): Promise<string>;
  readonly cwd: string;
}

/**
 * A simple-git instance that keeps the variables git hands to hooks
 * (GIT_INDEX_FILE for `commit -a` and `commit PATH`, GIT_DIR, GIT_WORK_TREE,
 * GIT_CONFIG_PARAMETERS from `git -c`): simple-git drops ambient GIT_*
 * variables unless they are allowed by name.
 */
export function createGitClient(cwd: string): GitClient {
  const allowEnvironment = Object.keys(process.env).filter((key) => /^git_/i.test(key));
  let git: SimpleGit;
  try {
    git = simpleGit({ baseDir: cwd, allowEnvironment, maxConcurrentProcesses: 4, trimmed: false });
  } catch (error) {
    throw new GitUnavailableError(`cannot use ${cwd} as a git working directory: ${messageOf(error)}`);
  }
  return {
    cwd,
    async run(args) {
      try {
        return await git.raw([...args]);
      } catch (error) {
        const message = messageOf(error);
        if (/ENOENT|spawn git/i.test(message)) {
          throw new GitUnavailableError('git was not found on PATH; install git or fix PATH for the hook');
        }
        throw new GitUnavailableError(`git ${args[0] ?? ''} failed: ${message.trim()}`);
      }
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

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
