import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/defaults';
import { ConfigError, loadConfig } from '../config/load';
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
  // git runs hooks at the top of the work tree, where `.git` is: no process needed to know
  // it. Elsewhere, or when git was pointed somewhere else, ask git.
  const atTop = existsSync(join(cwd, '.git')) && !process.env.GIT_DIR && !process.env.GIT_WORK_TREE;
  const top = atTop ? cwd : (await repoPaths(probe)).top;
  const git = top === cwd ? probe : createGitClient(top);
  const { config, file } = loadConfig(top);
  if (file && config.rules.disable.length) checkRuleIds(config.rules.disable, file);
  return { git, top, config, configFile: file, baseline: readBaseline(top, config.baseline) };
}

/** A misspelt id in rules.disable would silently disable nothing: name it. */
function checkRuleIds(ids: readonly string[], file: string): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { catalogue } = require('../detect/rules') as typeof import('../detect/rules');
  const { pathRules } = require('../detect/path-rules') as typeof import('../detect/path-rules');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const known = new Set([...catalogue, ...pathRules].map((r) => r.id).concat('local-env-value'));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new ConfigError(`${file}: rules.disable: unknown rule id ${unknown.map((id) => `"${id}"`).join(', ')} (\`npx keyfence rules\` lists them)`);
  }
}
