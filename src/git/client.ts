import { GitError, simpleGit, type SimpleGit } from 'simple-git';
import { tooOldMessage } from './version';

/** git could not be run at all, or refused: the caller fails closed. */
export class GitUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitUnavailableError';
  }
}

export interface RunOptions {
  /**
   * Non-zero exit codes that are an answer, not a failure (`check-ignore`
   * exits 1 when nothing is ignored); stdout is returned for them.
   */
  readonly okExitCodes?: readonly number[];
}

export interface GitClient {
  /** Runs `git <args>` and returns stdout; rejects with the git error text. */
  run(args: readonly string[], options?: RunOptions): Promise<string>;
  readonly cwd: string;
}

/**
 * A git process that did not exit 0. simple-git on its own treats a non-zero
 * exit with empty stderr, and a process killed by a signal (exit code null),
 * as success with whatever stdout arrived: a truncated diff would then read as
 * "nothing staged". Every such exit becomes this error instead.
 */
class GitExitError extends GitError {
  constructor(
    readonly exitCode: number | null,
    readonly stdout: string,
    message: string,
  ) {
    super(undefined, message);
  }
}

function exitError(error: Buffer | Error | undefined, result: { stdOut: Buffer[]; stdErr: Buffer[]; exitCode: number }): Buffer | Error | undefined {
  const code = result.exitCode as number | null;
  if (code === 0) return error;
  const stderr = Buffer.concat(result.stdErr).toString('utf8').trim();
  const stdout = Buffer.concat(result.stdOut).toString('utf8');
  const what = code === null ? 'git was killed by a signal before it finished' : `git exited with code ${code}`;
  return new GitExitError(code, stdout, stderr ? `${what}: ${stderr}` : what);
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
    // completion: simple-git by default also starts a 50 ms timer when git exits (in
    // case 'close' never comes) and never clears it, so every hook run stayed alive
    // 50 ms after its last git process; 'close' always follows for the commands we run.
    git = simpleGit({ baseDir: cwd, allowEnvironment, maxConcurrentProcesses: 4, trimmed: false, errors: exitError, completion: { onExit: false } });
  } catch (error) {
    throw new GitUnavailableError(`cannot use ${cwd} as a git working directory: ${messageOf(error)}`);
  }
  // simple-git waits 50 ms more after a command that printed nothing (in case late
  // output is still on its way); most of the hook's commands print nothing on a
  // clean commit (no env files, a patch written with --output), which made every
  // commit 50 ms slower. Once git's stdout has ended, nothing late can come: an
  // empty chunk then tells simple-git so. It adds no bytes to the output.
  git.outputHandler((_command, stdout) => {
    stdout.once('end', () => stdout.emit('data', Buffer.alloc(0)));
  });
  return {
    cwd,
    async run(args, options = {}) {
      try {
        return await git.raw([...args]);
      } catch (error) {
        if (error instanceof GitExitError && error.exitCode !== null && options.okExitCodes?.includes(error.exitCode)) {
          return error.stdout;
        }
        const message = messageOf(error);
        if (/ENOENT|spawn git/i.test(message)) {
          throw new GitUnavailableError('git was not found on PATH; install git or fix PATH for the hook');
        }
        const failure = `git ${commandName(args)} failed: ${message.trim()}`;
        // Only on failure, so a working git costs no extra process per commit.
        const tooOld = await git.raw(['--version']).then(tooOldMessage, () => null);
        throw new GitUnavailableError(tooOld ? `${tooOld} (${failure})` : failure);
      }
    },
  };
}

/** The git command in `args`, past options given before it (`-c name=value`, `--literal-pathspecs`). */
function commandName(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c') i++;
    else if (!args[i]!.startsWith('-')) return args[i]!;
  }
  return args[0] ?? '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
