import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleVectors } from '../helpers/vectors';

/** Every `*.vectors.ts` file beside this one; each exports arrays of RuleVectors. */
export function loadAllVectors(): RuleVectors[] {
  const all: RuleVectors[] = [];
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.vectors.ts')).sort()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(__dirname, file)) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      if (Array.isArray(value)) all.push(...(value as RuleVectors[]));
    }
  }
  return all;
}
