/**
 * The oldest git keyfence works with: `git diff --no-relative` (which keeps a
 * user's diff.relative from hiding files) arrived in git 2.28.
 */
export const MIN_GIT_VERSION: readonly [number, number] = [2, 28];

/** Parses `git version 2.39.5` (and vendor suffixes such as `(Apple Git-146)`); null when unrecognisable. */
export function parseGitVersion(output: string): [number, number] | null {
  const m = /git version (\d+)\.(\d+)/.exec(output);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** Why a git call may have failed, when the version explains it; null when the version is fine or unknown. */
export function tooOldMessage(versionOutput: string): string | null {
  const version = parseGitVersion(versionOutput);
  if (!version) return null;
  const [major, minor] = version;
  const [minMajor, minMinor] = MIN_GIT_VERSION;
  if (major > minMajor || (major === minMajor && minor >= minMinor)) return null;
  return (
    `git ${major}.${minor} is too old: keyfence needs git ${minMajor}.${minMinor} or later; ` +
    'upgrade git, or put a newer git first on the PATH the hook sees'
  );
}
