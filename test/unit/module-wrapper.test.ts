import { MODULE_HEAD, MODULE_TAIL, wrapAsModule } from '../../src/module-wrapper';

describe('the module function around the build', () => {
  test('wraps a bundle as node would, dropping its "#!" line; leaves a wrapped one as it is', () => {
    const bundle = '#!/usr/bin/env node\n"use strict";\nmodule.exports = 42;\n';
    const wrapped = wrapAsModule(bundle);
    expect(wrapped).toBe(`${MODULE_HEAD}\n"use strict";\nmodule.exports = 42;\n${MODULE_TAIL}`);
    expect(wrapAsModule(wrapped)).toBe(wrapped);
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const fn = new Function(`return ${wrapped}`)() as (e: object, r: unknown, m: { exports: unknown }) => void;
    const module = { exports: {} as unknown };
    fn(module.exports as object, null, module);
    expect(module.exports).toBe(42);
  });
});
