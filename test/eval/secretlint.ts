/**
 * secretlint over the same corpora, for comparison. Pinned versions are
 * installed into the cache at eval time (never into package.json). secretlint
 * 12.1+ requires Node 22, so 12.0.0 (Node >= 20) is used; its recommended
 * preset already bundles the Anthropic and OpenAI rules, so those separate
 * packages are not added (they would report every hit twice).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Hit, ScanRun } from './keyfence';
import { CACHE_DIR, HarnessError, childEnv, mustRun, pool, preview } from './util';

export const SECRETLINT_PACKAGES: Readonly<Record<string, string>> = {
  secretlint: '12.0.0',
  '@secretlint/secretlint-rule-preset-recommend': '12.0.0',
  '@secretlint/secretlint-rule-no-dotenv': '12.0.0',
};

export const SECRETLINT_RC = {
  rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }, { id: '@secretlint/secretlint-rule-no-dotenv' }],
};

/** secretlint's run time grows with the square of the files per invocation, so files go in small batches. */
const BATCH_FILES = 150;
const BATCH_BYTES = 3_000_000;

export interface Secretlint {
  readonly dir: string;
  readonly cli: string;
  readonly rc: string;
  readonly versions: Record<string, string>;
}

export async function ensureSecretlint(log: (s: string) => void): Promise<Secretlint> {
  const dir = join(CACHE_DIR, 'secretlint');
  const manifest = JSON.stringify({ name: 'keyfence-eval-secretlint', private: true, dependencies: SECRETLINT_PACKAGES }, null, 2) + '\n';
  const marker = join(dir, '.installed');
  if (!(existsSync(marker) && readFileSync(marker, 'utf8') === manifest)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), manifest);
    log(`installing secretlint ${SECRETLINT_PACKAGES.secretlint} into ${dir} (first run only)`);
    await mustRun('npm', ['install', '--prefix', dir, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: dir,
      what: 'npm install of secretlint (set KEYFENCE_EVAL_SKIP_SECRETLINT=1 to run without it)',
    });
    writeFileSync(marker, manifest);
  }
  const rc = join(dir, '.secretlintrc.json');
  writeFileSync(rc, JSON.stringify(SECRETLINT_RC, null, 2) + '\n');
  const versions: Record<string, string> = {};
  for (const name of [...Object.keys(SECRETLINT_PACKAGES), '@secretlint/core']) {
    const pkg = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(pkg)) versions[name] = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  }
  const cli = join(dir, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
  if (!existsSync(cli)) throw new HarnessError(`secretlint CLI not found at ${cli}`);
  return { dir, cli, rc, versions };
}

interface SecretlintResult {
  filePath: string;
  sourceContent?: string;
  messages: Array<{ ruleId: string; range?: [number, number]; loc: { start: { line: number } } }>;
}

export function shortRule(ruleId: string): string {
  return ruleId.replace(/^@secretlint\/secretlint-rule-/, '');
}

/**
 * Lints `files` (paths relative to `root`) in batches, one batch per core at a time.
 * Secret values never leave this function: each hit keeps only a preview.
 */
export async function secretlintFiles(sl: Secretlint, root: string, files: readonly string[], scratch: string): Promise<ScanRun> {
  const batches: string[][] = [];
  let current: string[] = [];
  let size = 0;
  let bytes = 0;
  for (const f of files) {
    const s = statSync(join(root, f)).size;
    bytes += s;
    if (current.length && (current.length >= BATCH_FILES || size + s > BATCH_BYTES)) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(f);
    size += s;
  }
  if (current.length) batches.push(current);
  mkdirSync(scratch, { recursive: true });
  const started = Date.now();
  const cores = Math.max(1, cpus().length);
  const results = await pool(
    cores,
    batches.map((batch, i) => async (): Promise<Hit[]> => {
      const out = join(scratch, `batch-${i}.json`);
      // With --output, secretlint exits 0 even when it reports; 2 is a crash.
      await mustRun(
        process.execPath,
        [sl.cli, '--format', 'json', '--output', out, '--no-color', '--no-glob', '--secretlintrc', sl.rc, ...batch],
        { cwd: root, env: childEnv(), ok: [0, 1], what: `secretlint (batch ${i + 1}/${batches.length})` },
      );
      const parsed = JSON.parse(readFileSync(out, 'utf8')) as SecretlintResult[];
      rmSync(out);
      const hits: Hit[] = [];
      for (const r of parsed) {
        const rel = r.filePath.startsWith(root) ? r.filePath.slice(root.length + 1).split('\\').join('/') : r.filePath;
        for (const m of r.messages) {
          const value = m.range && r.sourceContent ? r.sourceContent.slice(m.range[0], m.range[1]) : '';
          hits.push({ path: rel, line: m.loc.start.line, ruleId: shortRule(m.ruleId), shown: value ? preview(value, 8) : '(whole file)' });
        }
      }
      return hits;
    }),
  );
  return { hits: results.flat(), ms: Date.now() - started, bytes, files: files.length, envFiles: 0 };
}
