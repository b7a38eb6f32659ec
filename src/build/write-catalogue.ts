/**
 * Build step: compiles the rules and writes the snapshot every commit reads
 * instead of compiling them again (see detect/catalogue-snapshot.ts), beside the
 * bundles in dist/. Not shipped: the package holds only what it wrote.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { snapshotOf } from '../detect/catalogue-snapshot';
import { compileCatalogue } from '../detect/engine';
import { catalogue } from '../detect/rules';
import { CATALOGUE_SNAPSHOT } from '../policy/evaluate';

writeFileSync(join(__dirname, '..', CATALOGUE_SNAPSHOT), snapshotOf(compileCatalogue(catalogue)));
