/**
 * Runs keyfence the way the pre-commit hook does: the corpus is staged in a
 * throwaway git repository and `node dist/cli.js scan --staged --format json`
 * runs with that repository as its working directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HarnessError, REPO_ROOT, childEnv, mustRun, run } from './util';

/** A finding reduced to what scoring needs; `shown` is already redacted. */
export interface Hit {
  readonly path: string;
  readonly line: number;
  readonly ruleId: string;
  readonly shown: string;
}

export interface ScanRun {
  readonly hits: Hit[];
  readonly ms: number;
  readonly bytes: number;
  readonly files: number;
  readonly envFiles: number;
}

/** A fresh repository with every file under `dir` staged (CRLF kept byte for byte). */
export async function stageAll(dir: string): Promise<number> {
  const started = Date.now();
  await mustRun('git', ['init', '-q'], { cwd: dir, what: 'git init' });
  await mustRun('git', ['config', 'core.autocrlf', 'false'], { cwd: dir });
  await mustRun('git', ['config', 'core.safecrlf', 'false'], { cwd: dir });
  await mustRun('git', ['add', '-A', '.'], { cwd: dir, what: `git add in ${dir}` });
  return Date.now() - started;
}

interface Report {
  findings: Array<{ ruleId: string; path: string; line: number; redacted: string }>;
  envFiles: unknown[];
  stats: { files: number; bytes: number; ms: number };
}

export async function keyfenceStaged(repo: string, outFile: string): Promise<ScanRun> {
  const cli = join(REPO_ROOT, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new HarnessError(`${cli} is missing: run npm run build (npm run eval does)`);
  const started = Date.now();
  // Exit 1 means "would block": expected on a corpus of keys. 2 is an error.
  await mustRun(process.execPath, [cli, 'scan', '--staged', '--format', 'json', '--output', outFile], {
    cwd: repo,
    env: childEnv(),
    ok: [0, 1],
    what: 'keyfence scan --staged',
  });
  const ms = Date.now() - started;
  let report: Report;
  try {
    report = JSON.parse(readFileSync(outFile, 'utf8')) as Report;
  } catch (e) {
    throw new HarnessError(`keyfence wrote no valid JSON report: ${(e as Error).message}`);
  }
  if (!Array.isArray(report.findings)) throw new HarnessError('keyfence JSON report has no findings array');
  return {
    hits: report.findings.map((f) => ({ path: f.path, line: f.line, ruleId: f.ruleId, shown: f.redacted })),
    ms,
    bytes: report.stats.bytes,
    files: report.stats.files,
    envFiles: report.envFiles.length,
  };
}

/** package version, HEAD commit and how many files under src/ differ from it (the build is of the work tree). */
export async function keyfenceVersion(): Promise<string> {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const head = await run('git', ['rev-parse', '--short=10', 'HEAD'], { cwd: REPO_ROOT, env: childEnv() });
  if (head.code !== 0) return pkg.version;
  const dirty = await run('git', ['status', '--porcelain', '--', 'src'], { cwd: REPO_ROOT, env: childEnv() });
  const changed = dirty.stdout.split('\n').filter(Boolean).length;
  return `${pkg.version}, HEAD ${head.stdout.trim()}${changed ? `, built with ${changed} uncommitted file(s) under src/` : ''}`;
}
