/**
 * `npm run eval`: a reproducible detection evaluation of keyfence, with
 * secretlint on the same corpora for comparison. It reports; it does not assert
 * targets. Exit 0 when it completes, 1 on a harness failure. See docs/eval.md.
 *
 * Environment: KEYFENCE_FORMATS (catalogue path), KEYFENCE_EVAL_SEED (corpus seed),
 * KEYFENCE_EVAL_KEEP=1 (keep the temp corpora), KEYFENCE_EVAL_SKIP_SECRETLINT=1,
 * KEYFENCE_EVAL_NO_DOCS=1 (do not rewrite docs/comparison.md).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { buildPositiveCorpus, CONTEXTS, CONTEXT_DESCRIPTIONS, type PositiveCorpus } from './corpus';
import { formatsPath, loadFormats, type Format } from './formats';
import { keyfenceStaged, keyfenceVersion, stageAll, type ScanRun } from './keyfence';
import { buildNegativeCorpus, ensureNegativePackages, DIRECT_BUDGET, MAX_FILE, NEGATIVE_PACKAGES, TRANSITIVE_BUDGET, type NegativeCorpus } from './negatives';
import { countBy, score, type Scored, type Tally } from './score';
import { ensureSecretlint, secretlintFiles, SECRETLINT_RC } from './secretlint';
import { CACHE_DIR, HarnessError, REPO_ROOT, Rng, markdownTable, mb, pct, preview, table } from './util';

const log = (s = '') => process.stdout.write(s + '\n');
const section = (s: string) => log(`\n=== ${s} ${'='.repeat(Math.max(3, 72 - s.length))}`);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const ratio = (t: Tally | undefined, exact = false) => (t ? `${pct(exact ? t.exact : t.found, t.total)} (${exact ? t.exact : t.found}/${t.total})` : 'n/a');

function listFiles(root: string, dir = root, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.git') continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) listFiles(root, full, out);
    else if (e.isFile()) out.push(relative(root, full).split('\\').join('/'));
  }
  return out.sort();
}

interface ScannerOutcome {
  readonly name: string;
  readonly positive: ScanRun;
  readonly scored: Scored;
  readonly negative: ScanRun;
}

function printRecall(outcomes: readonly ScannerOutcome[], formats: readonly Format[]): void {
  const names = outcomes.map((o) => o.name);
  const tiers = ['high', 'medium', 'low'];
  const rows: string[][] = [
    ['overall', ...outcomes.map((o) => ratio(o.scored.overall))],
    ...tiers.map((t) => [`confidence ${t} (${formats.filter((f) => f.confidence === t).length} formats)`, ...outcomes.map((o) => ratio(o.scored.byConfidence.get(t)))]),
  ];
  if (outcomes[0]) rows.push(['keyfence: ruleId == format id', ratio(outcomes[0].scored.overall, true), ...outcomes.slice(1).map(() => '-')]);
  log(table(['recall', ...names], rows));
  log('');
  const groups = [...new Set(formats.map((f) => f.group))].sort();
  log(table(['group', 'formats', ...names], groups.map((g) => [g, String(formats.filter((f) => f.group === g).length), ...outcomes.map((o) => ratio(o.scored.byGroup.get(g)))])));
  log('');
  log(table(['context', ...names], CONTEXTS.map((c) => [c, ...outcomes.map((o) => ratio(o.scored.byContext.get(c)))])));
}

interface FormatGap {
  readonly format: Format;
  readonly tally: Tally;
  readonly missedContexts: string[];
  readonly otherRules: string[];
  readonly example: string;
}

function gaps(scored: Scored, formats: readonly Format[]): FormatGap[] {
  const out: FormatGap[] = [];
  for (const f of formats) {
    const tally = scored.byFormat.get(f.id)!;
    if (tally.found === tally.total) continue;
    const mine = scored.results.filter((r) => r.key.format.id === f.id);
    const missed = mine.filter((r) => !r.found);
    out.push({
      format: f,
      tally,
      missedContexts: missed.map((r) => r.key.context),
      otherRules: [...new Set(mine.flatMap((r) => r.rules))],
      example: preview(missed[0]!.key.value),
    });
  }
  return out.sort((a, b) => a.tally.found / a.tally.total - b.tally.found / b.tally.total || (a.format.id < b.format.id ? -1 : 1));
}

function printFindings(title: string, run: ScanRun): Array<[string, number]> {
  log(`${title}: ${run.hits.length} findings`);
  for (const h of [...run.hits].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line))) {
    log(`  ${h.path}:${h.line}  ${h.ruleId}  ${h.shown}`);
  }
  const perRule = countBy(run.hits, (h) => h.ruleId);
  if (perRule.length) {
    log(`${title}, per rule:`);
    log(table(['rule', 'findings'], perRule.map(([r, n]) => [r, String(n)])));
  }
  return perRule;
}

async function main(): Promise<void> {
  const started = Date.now();
  const seed = process.env.KEYFENCE_EVAL_SEED ?? 'keyfence-eval-1';
  const fpath = formatsPath();
  const formats = loadFormats(fpath);
  const catalogueHash = createHash('sha256').update(readFileSync(fpath)).digest('hex').slice(0, 12);
  const work = mkdtempSync(join(tmpdir(), 'keyfence-eval-'));
  const keep = process.env.KEYFENCE_EVAL_KEEP === '1';
  const skipSecretlint = process.env.KEYFENCE_EVAL_SKIP_SECRETLINT === '1';
  mkdirSync(CACHE_DIR, { recursive: true });
  log(`keyfence detection eval — ${new Date().toISOString()}`);
  log(`keyfence ${await keyfenceVersion()}; Node ${process.version}; ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}`);
  log(`catalogue: ${fpath} (${formats.length} formats, sha256 ${catalogueHash}), seed "${seed}", temp dir ${work}${keep ? ' (kept)' : ''}`);

  try {
    const rng = new Rng(seed);

    // ---------------------------------------------------------------- positive corpus
    section('1. positive corpus (synthetic keys, generated now, never printed)');
    const posRoot = join(work, 'positive');
    mkdirSync(posRoot);
    let t = Date.now();
    const positive: PositiveCorpus = buildPositiveCorpus(formats, posRoot, rng.fork('positive'));
    const methods = countBy(positive.keys, (k) => k.method);
    log(`${positive.keys.length} keys of ${new Set(positive.keys.map((k) => k.format.id)).size}/${formats.length} formats in ${CONTEXTS.length} contexts, one key per file, ${mb(positive.bytes)}, generated in ${secs(Date.now() - t)}`);
    log(`construction: ${methods.map(([m, n]) => `${m} ${n}`).join(', ')}`);
    if (positive.stats.fallbacks.size) log(`special construction fell back to structural for: ${[...positive.stats.fallbacks].join(', ')}`);
    if (positive.stats.lengthOutside.size) log(`generated length outside totalLength (±16) for: ${[...positive.stats.lengthOutside].join(', ')}`);
    t = Date.now();
    await stageAll(posRoot);
    log(`staged in a temp git repo in ${secs(Date.now() - t)}`);

    section('2. keyfence on the positive corpus (scan --staged --format json)');
    const kfPos = await keyfenceStaged(posRoot, join(work, 'keyfence-positive.json'));
    const kfScored = score(positive.keys, kfPos.hits);
    log(`scanned ${kfPos.files} files in ${secs(kfPos.ms)}; ${kfPos.hits.length} findings, ${kfScored.stray.length} not on a planted key`);
    const otherRule = kfScored.results.filter((r) => r.found && !r.exact);
    log(`found at the key's location under another ruleId: ${otherRule.length} keys`);
    const pairs = countBy(otherRule, (r) => `${r.key.format.id} -> ${r.rules.join('+')}`);
    if (pairs.length) log(table(['format -> ruleId(s) found there', 'keys'], pairs.slice(0, 40).map(([p, n]) => [p, String(n)])));
    if (pairs.length > 40) log(`  … ${pairs.length - 40} more pairs in results.json`);
    if (kfScored.stray.length) {
      log('findings not on a planted key (filler lines):');
      for (const [r, n] of countBy(kfScored.stray, (h) => `${h.ruleId} (${h.path.split('/')[0]})`)) log(`  ${r}: ${n}`);
    }

    // ---------------------------------------------------------------- negative corpus
    section('3. negative corpus (real third-party source + generated look-alikes)');
    const installDir = await ensureNegativePackages(log);
    const negRoot = join(work, 'negative');
    mkdirSync(negRoot);
    t = Date.now();
    const negative: NegativeCorpus = buildNegativeCorpus(installDir, formats, negRoot, rng.fork('negative'));
    log(table(['part', 'files', 'size'], negative.parts.map((p) => [p.name, String(p.files), mb(p.bytes)])));
    log(`total: ${negative.files} files, ${mb(negative.bytes)} (built in ${secs(Date.now() - t)})`);
    t = Date.now();
    await stageAll(negRoot);
    log(`staged in a temp git repo in ${secs(Date.now() - t)}`);

    section('4. keyfence on the negative corpus (every finding is a false positive)');
    const kfNeg = await keyfenceStaged(negRoot, join(work, 'keyfence-negative.json'));
    log(`scanned ${kfNeg.files} files, ${mb(kfNeg.bytes)} of added lines, in ${secs(kfNeg.ms)}; env files reported: ${kfNeg.envFiles}`);
    const kfNegRules = printFindings('keyfence negative-corpus findings', kfNeg);

    // ---------------------------------------------------------------- secretlint
    let slOutcome: ScannerOutcome | null = null;
    let slVersions: Record<string, string> = {};
    let slNegRules: Array<[string, number]> = [];
    if (skipSecretlint) {
      section('5. secretlint: skipped (KEYFENCE_EVAL_SKIP_SECRETLINT=1)');
    } else {
      section('5. secretlint on the same corpora');
      const sl = await ensureSecretlint(log);
      slVersions = sl.versions;
      log(`versions: ${Object.entries(sl.versions).map(([k, v]) => `${k}@${v}`).join(', ')}; rc ${JSON.stringify(SECRETLINT_RC)}`);
      const slPos = await secretlintFiles(sl, posRoot, listFiles(posRoot), join(work, 'sl-scratch'));
      const slScored = score(positive.keys, slPos.hits);
      log(`positive corpus: ${slPos.files} files in ${secs(slPos.ms)}; ${slPos.hits.length} findings, ${slScored.stray.length} not on a planted key`);
      const slNeg = await secretlintFiles(sl, negRoot, listFiles(negRoot), join(work, 'sl-scratch'));
      log(`negative corpus: ${slNeg.files} files, ${mb(slNeg.bytes)}, in ${secs(slNeg.ms)} (whole corpus, no subset)`);
      slNegRules = printFindings('secretlint negative-corpus findings', slNeg);
      slOutcome = { name: 'secretlint', positive: slPos, scored: slScored, negative: slNeg };
    }

    // ---------------------------------------------------------------- summary
    section('6. summary');
    const outcomes: ScannerOutcome[] = [{ name: 'keyfence', positive: kfPos, scored: kfScored, negative: kfNeg }];
    if (slOutcome) outcomes.push(slOutcome);
    printRecall(outcomes, formats);
    log('');
    log(
      table(
        ['', ...outcomes.map((o) => o.name)],
        [
          ['negative-corpus findings', ...outcomes.map((o) => String(o.negative.hits.length))],
          ['formats at 100% recall', ...outcomes.map((o) => String([...o.scored.byFormat.values()].filter((v) => v.found === v.total).length))],
          ['formats never found', ...outcomes.map((o) => String([...o.scored.byFormat.values()].filter((v) => v.found === 0).length))],
          ['scan time positive / negative', ...outcomes.map((o) => `${secs(o.positive.ms)} / ${secs(o.negative.ms)}`)],
        ],
      ),
    );
    const kfGaps = gaps(kfScored, formats);
    log(`\nkeyfence: ${kfGaps.length} formats below 100% recall`);
    if (kfGaps.length) {
      log(
        table(
          ['format', 'conf', 'found', 'missed in', 'ruleIds found at its keys', 'a missed key'],
          kfGaps.map((g) => [g.format.id, g.format.confidence, `${g.tally.found}/${g.tally.total}`, summarizeContexts(g.missedContexts), g.otherRules.join(' ') || '-', g.example]),
        ),
      );
    }

    const elapsed = Date.now() - started;
    const results = {
      date: new Date().toISOString(),
      seed,
      catalogue: { path: fpath, formats: formats.length, sha256: catalogueHash },
      positive: { keys: positive.keys.length, bytes: positive.bytes },
      negative: { files: negative.files, bytes: negative.bytes, parts: negative.parts },
      scanners: outcomes.map((o) => ({
        name: o.name,
        overall: o.scored.overall,
        byConfidence: Object.fromEntries(o.scored.byConfidence),
        byGroup: Object.fromEntries(o.scored.byGroup),
        byContext: Object.fromEntries(o.scored.byContext),
        byFormat: Object.fromEntries(o.scored.byFormat),
        negativeFindings: o.negative.hits,
        strayPositiveFindings: o.scored.stray.length,
      })),
      keyfenceOtherRule: pairs,
      elapsedMs: elapsed,
    };
    writeFileSync(join(CACHE_DIR, 'results.json'), JSON.stringify(results, null, 1));
    log(`\nmachine-readable results (no key values): ${join(CACHE_DIR, 'results.json')}`);

    if (process.env.KEYFENCE_EVAL_NO_DOCS !== '1') {
      const doc = comparisonMarkdown({ keyfenceVersion: await keyfenceVersion(), formats, positive, negative, outcomes, kfGaps, kfNegRules, slNegRules, slVersions, catalogueHash, elapsed, seed, pairs });
      writeFileSync(join(REPO_ROOT, 'docs', 'comparison.md'), doc);
      log(`wrote ${join(REPO_ROOT, 'docs', 'comparison.md')}`);
    }
    log(`eval completed in ${secs(elapsed)}`);
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
}

function summarizeContexts(contexts: readonly string[]): string {
  return countBy(contexts, (c) => c)
    .map(([c, n]) => (n > 1 ? `${c}×${n}` : c))
    .join(' ');
}

interface DocInput {
  formats: readonly Format[];
  positive: PositiveCorpus;
  negative: NegativeCorpus;
  outcomes: readonly ScannerOutcome[];
  kfGaps: readonly FormatGap[];
  kfNegRules: Array<[string, number]>;
  slNegRules: Array<[string, number]>;
  slVersions: Record<string, string>;
  catalogueHash: string;
  elapsed: number;
  seed: string;
  pairs: Array<[string, number]>;
  keyfenceVersion: string;
}

function comparisonMarkdown(d: DocInput): string {
  const names = d.outcomes.map((o) => o.name);
  const tiers = ['high', 'medium', 'low'];
  const groups = [...new Set(d.formats.map((f) => f.group))].sort();
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const date = new Date().toISOString().slice(0, 10);
  const kf = d.outcomes[0]!;
  const lines: string[] = [];
  lines.push('# keyfence vs secretlint: detection comparison', '');
  lines.push(
    `Generated by \`npm run eval\` on ${date} (${secs(d.elapsed)} end to end) on ${cpu} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}. ` +
      'How the corpora are built and the numbers computed: [eval.md](eval.md). Re-running rewrites this file.',
    '',
  );
  lines.push('## Versions and corpora', '');
  lines.push(
    markdownTable(
      ['item', 'value'],
      [
        ['keyfence', d.keyfenceVersion],
        ['secretlint', Object.keys(d.slVersions).length ? Object.entries(d.slVersions).map(([k, v]) => `${k}@${v}`).join(', ') : 'not run'],
        ['secretlint config', '`' + JSON.stringify(SECRETLINT_RC) + '`'],
        ['catalogue', `token-formats.json, ${d.formats.length} formats (sha256 ${d.catalogueHash})`],
        ['positive corpus', `${d.positive.keys.length} synthetic keys, ${d.formats.length} formats × up to ${CONTEXTS.length} contexts, one key per file, ${mb(d.positive.bytes)} (seed \`${d.seed}\`)`],
        ['negative corpus', `${d.negative.files} files, ${mb(d.negative.bytes)}; secretlint ran on the whole corpus`],
        ['command', '`npm run eval`'],
      ],
    ),
    '',
  );
  lines.push('## Recall on the positive corpus', '');
  lines.push('A key counts as found when the scanner reports a finding starting on one of the lines the key occupies, whatever the rule id.', '');
  lines.push(
    markdownTable(
      ['recall', ...names],
      [
        ['overall', ...d.outcomes.map((o) => ratio(o.scored.overall))],
        ...tiers.map((t) => [`${t}-confidence formats (${d.formats.filter((f) => f.confidence === t).length})`, ...d.outcomes.map((o) => ratio(o.scored.byConfidence.get(t)))]),
        ['formats at 100%', ...d.outcomes.map((o) => String([...o.scored.byFormat.values()].filter((v) => v.found === v.total).length))],
        ['formats never found', ...d.outcomes.map((o) => String([...o.scored.byFormat.values()].filter((v) => v.found === 0).length))],
        ['keyfence: finding carries the format\'s own id', ratio(kf.scored.overall, true), ...d.outcomes.slice(1).map(() => '-')],
      ],
    ),
    '',
  );
  lines.push('### Per group', '');
  lines.push(markdownTable(['group', 'formats', ...names], groups.map((g) => [g, String(d.formats.filter((f) => f.group === g).length), ...d.outcomes.map((o) => ratio(o.scored.byGroup.get(g)))])), '');
  lines.push('### Per context', '');
  lines.push(markdownTable(['context', ...names], CONTEXTS.map((c) => [`${c}`, ...d.outcomes.map((o) => ratio(o.scored.byContext.get(c)))])), '');
  lines.push('## Negative corpus (every finding is a false positive)', '');
  lines.push(markdownTable(['part', 'files', 'size'], d.negative.parts.map((p) => [p.name, String(p.files), mb(p.bytes)])), '');
  lines.push(
    markdownTable(
      ['', ...names],
      [
        ['findings', ...d.outcomes.map((o) => String(o.negative.hits.length))],
        ['files with a finding', ...d.outcomes.map((o) => String(new Set(o.negative.hits.map((h) => h.path)).size))],
        ['scan time', ...d.outcomes.map((o) => secs(o.negative.ms))],
      ],
    ),
    '',
  );
  const perRule = (title: string, rules: Array<[string, number]>) => {
    lines.push(`${title}:`, '');
    lines.push(rules.length ? markdownTable(['rule', 'findings'], rules.map(([r, n]) => [r, String(n)])) : '(none)', '');
  };
  perRule('keyfence findings per rule', d.kfNegRules);
  if (d.outcomes.length > 1) perRule('secretlint findings per rule', d.slNegRules);
  lines.push('## keyfence formats below 100% recall', '');
  lines.push(
    d.kfGaps.length
      ? markdownTable(
          ['format', 'confidence', 'found', 'missed in', 'rule ids found at its keys'],
          d.kfGaps.map((g) => [g.format.id, g.format.confidence, `${g.tally.found}/${g.tally.total}`, summarizeContexts(g.missedContexts), g.otherRules.join(' ') || '-']),
        )
      : '(none)',
    '',
  );
  lines.push('## keyfence: keys found under another rule id', '');
  lines.push(d.pairs.length ? markdownTable(['format -> rule id(s) at its location', 'keys'], d.pairs.map(([p, n]) => [p, String(n)])) : '(none)', '');
  lines.push('## Contexts', '');
  for (const c of CONTEXTS) lines.push(`- \`${c}\`: ${CONTEXT_DESCRIPTIONS[c]}`);
  lines.push('', `Negative packages (exact versions, ${mb(DIRECT_BUDGET)} budget each, ${mb(TRANSITIVE_BUDGET)} per dependency they pull in, files over ${mb(MAX_FILE)} skipped): ${Object.entries(NEGATIVE_PACKAGES).map(([k, v]) => `${k}@${v}`).join(', ')}.`, '');
  return lines.join('\n');
}

main().catch((error: unknown) => {
  const message = error instanceof HarnessError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`\neval: harness failure: ${message}\n`);
  process.exitCode = 1;
});

