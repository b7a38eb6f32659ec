import type { Config } from '../config/defaults';
import { loadConfig } from '../config/load';
import { createGitClient, type GitClient } from '../git/client';
import { repoPaths } from '../git/env-status';
import { readBaseline } from '../policy/baseline';

export interface RepoContext {
  readonly git: GitClient;
  /** Absolute top level of the work tree; all paths are relative to it. */
  readonly top: string;
  readonly config: Config;
  readonly configFile: string | null;
  readonly baseline: ReadonlySet<string>;
}

/** Finds the repository around `cwd` and loads its config and baseline. */
export async function openRepo(cwd: string): Promise<RepoContext> {
  const probe = createGitClient(cwd);
  const { top } = await repoPaths(probe);
  const git = top === cwd ? probe : createGitClient(top);
  const { config, file } = loadConfig(top);
  return { git, top, config, configFile: file, baseline: readBaseline(top, config.baseline) };
}
