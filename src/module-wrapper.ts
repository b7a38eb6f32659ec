/**
 * The CommonJS module function around the single-file build, as node's
 * Module.wrap makes it. The build writes dist/keyfence.js already wrapped
 * (src/build/wrap-bundle.ts), so bin.ts compiles the file's text as it is:
 * wrapping it at start-up made a 600 KB string that V8 then copied flat,
 * ~0.8 ms of every commit.
 */
export const MODULE_HEAD = '(function (exports, require, module, __filename, __dirname) { ';
export const MODULE_TAIL = '\n});';

/** `source` wrapped, unless it already is. */
export function wrapAsModule(source: string): string {
  return source.startsWith(MODULE_HEAD) ? source : `${MODULE_HEAD}${source.replace(/^#!.*/, '')}${MODULE_TAIL}`;
}
