import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeBaseline } from '../policy/baseline';
import type { RepoContext } from './context';
import { scanTree } from './tree-scan';

/**
 * `keyfence baseline`: accepts every finding in the tracked tree by writing its
 * fingerprint (never the secret) to the baseline file, sorted, without timestamps.
 */
export async function runBaseline(ctx: RepoContext, out: (s: string) => void): Promise<number> {
  const result = await scanTree({ ...ctx, baseline: new Set() }, []);
  const prints = result.findings.map((f) => f.fingerprint);
  writeFileSync(join(ctx.top, ctx.config.baseline), serializeBaseline(prints));
  out(`keyfence: wrote ${ctx.config.baseline} with ${new Set(prints).size} accepted findings (fingerprints only)\n`);
  return 0;
}
