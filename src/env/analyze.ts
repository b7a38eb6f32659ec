import type { EnvFileStatus } from '../policy/types';
import { DEFAULT_ENV_TEMPLATES, isEnvFile, isEnvTemplate } from './paths';

export interface EnvInputs {
  /** Paths staged as added, modified or type-changed. */
  readonly stagedChanged: readonly string[];
  /** Paths staged for deletion: leaving the repo, never a problem. */
  readonly stagedDeleted: readonly string[];
  /** Env-like paths in the index. */
  readonly tracked: readonly string[];
  /** Env-like untracked paths git would not ignore. */
  readonly untrackedUnignored: readonly string[];
  /** Paths git's ignore rules match. */
  readonly ignored: ReadonlySet<string>;
  readonly templates?: readonly string[];
}

/**
 * The .env policy: a staged env file blocks (even force-added past .gitignore);
 * a tracked unchanged one or an untracked one git would not ignore is a warning.
 */
export function analyzeEnvFiles(input: EnvInputs): EnvFileStatus[] {
  const templates = input.templates ?? DEFAULT_ENV_TEMPLATES;
  const relevant = (p: string) => isEnvFile(p) && !isEnvTemplate(p, templates);
  const staged = new Set(input.stagedChanged.filter(relevant));
  const deleted = new Set(input.stagedDeleted);
  const out: EnvFileStatus[] = [];
  for (const path of [...staged].sort()) {
    out.push({ path, state: 'staged', ignored: input.ignored.has(path), blocks: true });
  }
  for (const path of [...new Set(input.tracked)].filter(relevant).sort()) {
    if (staged.has(path) || deleted.has(path)) continue;
    out.push({ path, state: 'tracked', ignored: input.ignored.has(path), blocks: false });
  }
  for (const path of [...new Set(input.untrackedUnignored)].filter(relevant).sort()) {
    out.push({ path, state: 'untracked', ignored: false, blocks: false });
  }
  return out;
}

/** Env paths that need a .gitignore entry: those git does not ignore yet. */
export function pathsNeedingIgnore(files: readonly EnvFileStatus[]): string[] {
  return files.filter((f) => !f.ignored).map((f) => f.path);
}

/** Env paths to take out of the index (the files stay on disk). */
export function pathsToUnstage(files: readonly EnvFileStatus[]): string[] {
  return files.filter((f) => f.state !== 'untracked').map((f) => f.path);
}
