/** init cannot proceed (no package.json, husky missing, hooks owned elsewhere); the CLI exits 2. */
export class InitError extends Error {
  override name = 'InitError';
}
