describe('the stand-in for debug in the build', () => {
  const load = (debugVariable: string | undefined) => {
    const saved = process.env.DEBUG;
    if (debugVariable === undefined) delete process.env.DEBUG;
    else process.env.DEBUG = debugVariable;
    try {
      let loaded: unknown;
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        loaded = require('../../src/git/quiet-debug');
      });
      return loaded as ((namespace: string) => ((...args: unknown[]) => void) & { namespace: string; enabled: boolean; extend(n: string): { namespace: string } }) & {
        formatters: Record<string, unknown>;
      };
    } finally {
      if (saved === undefined) delete process.env.DEBUG;
      else process.env.DEBUG = saved;
    }
  };

  test('without DEBUG: loggers as simple-git uses them (called, extended, formatters added) that print nothing', () => {
    const debug = load(undefined);
    const write = jest.spyOn(process.stderr, 'write');
    const log = debug('simple-git');
    log('%s spawned', 'git');
    expect(log.enabled).toBe(false);
    expect(log.extend('task').namespace).toBe('simple-git:task');
    debug.formatters.L = () => 'x';
    expect(write).not.toHaveBeenCalled();
    write.mockRestore();
  });

  test('with DEBUG set: the debug package itself', () => {
    const debug = load('simple-git');
    expect(debug('simple-git').enabled).toBe(true);
    expect(debug('other').enabled).toBe(false);
  });
});
