/**
 * Build step: writes dist/keyfence.js as the module function bin.ts compiles
 * (see module-wrapper.ts). esbuild keeps cli.ts's "#!" line, which is only
 * valid at the very start of a script: it goes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { wrapAsModule } from '../module-wrapper';

const bundle = join(__dirname, '..', 'keyfence.js');
writeFileSync(bundle, wrapAsModule(readFileSync(bundle, 'utf8')));
