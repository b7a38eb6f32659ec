/**
 * Stands in for the `debug` package in the build (esbuild --alias:debug=...):
 * simple-git and @kwsites/file-exists create their loggers as they load, and
 * loading debug (with supports-color, tty and os) was ~1 ms of every commit,
 * for loggers that print only when DEBUG is set. With DEBUG set, this is debug
 * itself, so `DEBUG=simple-git git commit` shows what git was asked, as before.
 */

/** What the build's users of debug call: a logger per namespace, extended by name; formatters they add. */
interface Logger {
  (...args: unknown[]): void;
  readonly namespace: string;
  readonly enabled: boolean;
  extend(name: string, delimiter?: string): Logger;
}

interface DebugFactory {
  (namespace: string): Logger;
  readonly formatters: Record<string, (value: unknown) => string>;
  enabled(namespace: string): boolean;
}

function quietLogger(namespace: string): Logger {
  return Object.assign(() => undefined, {
    namespace,
    enabled: false,
    extend: (name: string, delimiter = ':') => quietLogger(`${namespace}${delimiter}${name}`),
  });
}

const quiet: DebugFactory = Object.assign(quietLogger, { formatters: {}, enabled: () => false });

// A path, not the package name, which the build maps to this file.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export = process.env.DEBUG ? (require('../../node_modules/debug/src/index.js') as DebugFactory) : quiet;
