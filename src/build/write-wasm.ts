/**
 * Build step: writes the bytes of keyfence's WebAssembly modules beside the
 * bundles in dist/, where instantiate() reads them instead of encoding the
 * modules' code on every commit. Not shipped: the package holds only what it wrote.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCAN_MODULE } from '../detect/candidates';
import { SHA1_MODULE } from '../detect/sha1';

for (const definition of [SCAN_MODULE, SHA1_MODULE]) writeFileSync(join(__dirname, '..', definition.file), definition.encode());
