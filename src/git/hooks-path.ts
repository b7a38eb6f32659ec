import { simpleGit } from 'simple-git';
import { GitUnavailableError } from './client';

/**
 * Sets core.hooksPath for `keyfence init --no-husky`. simple-git refuses to write
 * this key unless asked, as a guard against injected values; here the value is
 * keyfence's own folder name, never user input passed through.
 */
export async function setHooksPath(cwd: string, dir: string): Promise<void> {
  const allowEnvironment = Object.keys(process.env).filter((key) => /^git_(dir|work_tree|common_dir)$/i.test(key));
  try {
    await simpleGit({ baseDir: cwd, allowEnvironment, unsafe: { allowUnsafeHooksPath: true } }).raw(['config', 'core.hooksPath', dir]);
  } catch (error) {
    throw new GitUnavailableError(`git config core.hooksPath ${dir} failed: ${error instanceof Error ? error.message.trim() : String(error)}`);
  }
}
