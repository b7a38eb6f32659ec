/**
 * `npm run bench`: keyfence's pre-commit hook against the floor (`node -e 0` plus
 * `git diff --cached`) and against secretlint, on a typical and a large staged
 * change, in one run, alternating. Prints the table and writes docs/benchmarks.md.
 *
 * Options: --runs N (timed runs per subject after one warm-up, default 10),
 * --no-full-secretlint (skip the one long secretlint run over all of (b)),
 * --no-profile, --no-write (leave docs/benchmarks.md alone), --keep (keep the temp repos).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, release, tmpdir, totalmem, type as osType } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { buildLarge, buildSubset, buildTypical, listCorpus, pickSubset, type Change } from './changes';
import { TimeLimitError, haveGnuTime, peakOnce, spread, timeOnce, type Spread, type Step, type Subject } from './measure';
import { profileOnce, type ProfileSummary } from './profile';
import { describeChange, ms, renderMarkdown, renderTable, type Report, type Row, type Target } from './report';
import { CORPUS_BEFORE, ensureCorpus, ensureSecretlint, ensureTemplate, type Secretlint } from './setup';
import { BenchError, MB, REPO_ROOT, benchEnv, log, mustRun } from './util';

interface Options {
  runs: number;
  fullSecretlint: boolean;
  profile: boolean;
  write: boolean;
  keep: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const o: Options = { runs: 10, fullSecretlint: true, profile: true, write: true, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--runs') o.runs = Number(argv[++i]);
    else if (a === '--no-full-secretlint') o.fullSecretlint = false;
    else if (a === '--no-profile') o.profile = false;
    else if (a === '--no-write') o.write = false;
    else if (a === '--keep') o.keep = true;
    else throw new BenchError(`unknown option ${a}; see the top of test/bench/run.ts`);
  }
  if (!Number.isInteger(o.runs) || o.runs < 1) throw new BenchError('--runs needs a whole number of at least 1');
  return o;
}

/** A subject whose warm-up shows it would take longer than this in total gets fewer runs (at least 3). */
const HEAVY_BUDGET_MS = 240_000;
/** secretlint on the 5 MB subset takes about half a minute a run: fewer runs, no warm-up. */
const SUBSET_SECRETLINT_RUNS = 3;
/**
 * Subjects slower than this are timed under GNU time directly (its ~1 ms is lost
 * in seconds), so their peak memory comes from the timed runs themselves.
 */
const WRAP_FROM_MS = 2000;
/** Separate peak-memory runs of each quick subject. */
const MEMORY_RUNS = 3;
/** The full secretlint run over (b) is skipped when it is estimated to take longer than this. */
const FULL_SECRETLINT_BUDGET_MS = 420_000;
/**
 * ...and stopped when it actually does take this long: its time grows faster than
 * the size of the change (a run estimated at 6.5 minutes from (c) was still going
 * after 26), so the estimate alone does not bound the bench.
 */
const FULL_SECRETLINT_LIMIT_MS = 900_000;
/** Argument bytes per secretlint invocation, safely below Linux's ARG_MAX. */
const ARG_BYTES = 1_000_000;

function secretlintSteps(sl: Secretlint, files: readonly string[]): Step[] {
  const base = ['--secretlintrc', sl.rc, '--no-glob', '--no-color'];
  const steps: Step[] = [];
  let chunk: string[] = [];
  let size = 0;
  for (const f of files) {
    if (chunk.length && size + f.length + 1 > ARG_BYTES) {
      steps.push({ command: sl.bin, args: [...base, ...chunk] });
      chunk = [];
      size = 0;
    }
    chunk.push(f);
    size += Buffer.byteLength(f) + 1;
  }
  if (chunk.length) steps.push({ command: sl.bin, args: [...base, ...chunk] });
  return steps;
}

function floor(change: Change): Subject {
  return {
    id: `floor-${change.id}`,
    tool: 'floor: `node -e 0` + `git diff --cached`',
    change: `(${change.id})`,
    cwd: change.dir,
    steps: [
      { command: 'node', args: ['-e', '0'] },
      { command: 'git', args: ['diff', '--cached', '--no-color', '-U0'] },
    ],
    ok: [0],
  };
}

/** What `.husky/pre-commit` runs: husky puts node_modules/.bin on PATH and runs `keyfence` at the top. */
function hook(change: Change): Subject {
  return {
    id: `keyfence-${change.id}`,
    tool: 'keyfence hook',
    change: `(${change.id})`,
    cwd: change.dir,
    steps: [{ command: join(change.dir, 'node_modules', '.bin', 'keyfence'), args: [] }],
    ok: [0, 1],
  };
}

function secretlint(change: Change, sl: Secretlint): Subject {
  return {
    id: `secretlint-${change.id}`,
    tool: 'secretlint',
    change: `(${change.id})`,
    cwd: change.dir,
    steps: secretlintSteps(sl, change.files),
    ok: [0, 1],
  };
}

function firstLine(text: string): string {
  return (text.split('\n').find((l) => l.trim()) ?? '').trim().slice(0, 200);
}

function version(command: string, args: readonly string[], cwd: string): string {
  try {
    return mustRun(command, args, { cwd, what: `${command} ${args.join(' ')}` }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const wallStart = Date.now();
  const gnuTime = haveGnuTime();
  if (!gnuTime) log('GNU time (/usr/bin/time) is missing: peak memory is not measured; install it with `apt-get install time`');

  const template = ensureTemplate();
  const corpus = ensureCorpus();
  const sl = ensureSecretlint();

  const work = mkdtempSync(join(tmpdir(), 'keyfence-bench-'));
  try {
    const env = benchEnv(join(work, 'home'));
    // Every `node`, the floor's and the hook's shebang alike, is the node running the bench.
    env.PATH = [dirname(process.execPath), env.PATH ?? ''].join(delimiter);

    log('building (a) the typical change');
    const a = buildTypical(join(work, 'a'), corpus.root, template, env);
    log('listing the corpus');
    const corpusFiles = listCorpus(corpus.root);
    log(`building (b) the large change from ${corpusFiles.length} files`);
    const b = buildLarge(join(work, 'b'), corpusFiles, template, env);
    const c = buildSubset(join(work, 'c'), pickSubset(corpusFiles), template, env);
    const changes = [a, b, c];
    for (const ch of changes) log(`(${ch.id}) ${describeChange(ch)}`);

    const startup: Subject = {
      id: 'startup-a',
      tool: 'keyfence --version (start-up only)',
      change: '(a)',
      cwd: a.dir,
      steps: [{ command: join(a.dir, 'node_modules', '.bin', 'keyfence'), args: ['--version'] }],
      ok: [0],
    };
    // What CI and a first install run: every tracked file, whole (here, the same files as (b)'s additions).
    const treeScan: Subject = {
      id: 'tree-b',
      tool: 'keyfence scan --all (whole tree)',
      change: '(b)',
      cwd: b.dir,
      steps: [{ command: join(b.dir, 'node_modules', '.bin', 'keyfence'), args: ['scan', '--all'] }],
      ok: [0, 1],
    };
    const subjects: Subject[] = [floor(a), startup, hook(a), secretlint(a, sl), floor(b), hook(b), treeScan, hook(c), secretlint(c, sl)];
    const samples = new Map<string, number[]>(subjects.map((s) => [s.id, []]));
    const last = new Map<string, { codes: readonly number[]; head: string }>();

    const loadStart = loadavg()[0]!;
    log('warm-up round');
    const warm = new Map<string, number>();
    const runs = new Map<string, number>();
    const notes: string[] = [];
    for (const s of subjects) {
      if (s.id === 'secretlint-c') {
        runs.set(s.id, Math.min(options.runs, SUBSET_SECRETLINT_RUNS));
        continue;
      }
      const r = await timeOnce(s, env);
      warm.set(s.id, r.ms);
      log(`  ${s.tool} ${s.change}: ${ms(r.ms)}`);
      const n = r.ms * options.runs > HEAVY_BUDGET_MS ? Math.max(3, Math.floor(HEAVY_BUDGET_MS / r.ms)) : options.runs;
      runs.set(s.id, n);
      if (n < options.runs) notes.push(`${s.tool} on ${s.change} took ${ms(r.ms)} in the warm-up, so it ran ${n} times instead of ${options.runs} to keep the bench under ~15 minutes.`);
    }
    const wrapped = (s: Subject): boolean => gnuTime && (warm.get(s.id) ?? Infinity) >= WRAP_FROM_MS;
    const peakSamples = new Map<string, number[]>(subjects.map((s) => [s.id, []]));

    const rounds = Math.max(...runs.values());
    for (let r = 0; r < rounds; r++) {
      // Alternating, with the order rotated each round so no subject always follows the same one.
      const order = subjects.map((_, i) => subjects[(i + r) % subjects.length]!);
      for (const s of order) {
        const got = samples.get(s.id)!;
        if (got.length >= runs.get(s.id)!) continue;
        if (wrapped(s)) {
          const res = await peakOnce(s, env, work);
          got.push(res.ms);
          peakSamples.get(s.id)!.push(res.bytes);
          last.set(s.id, { codes: res.codes, head: res.head });
        } else {
          const res = await timeOnce(s, env);
          got.push(res.ms);
          last.set(s.id, { codes: res.codes, head: res.head });
        }
      }
      log(`round ${r + 1}/${rounds} done`);
    }

    // secretlint over all of (b): one run, timed and memory-measured at once (its minutes dwarf GNU time's cost).
    const slB = secretlint(b, sl);
    const slC = subjects.find((s) => s.id === 'secretlint-c')!;
    const slCMedian = spread(samples.get(slC.id)!).median;
    const estimate = slCMedian * (b.addedBytes / c.addedBytes);
    let slBRow: Row | null = null;
    if (!options.fullSecretlint) {
      notes.push('secretlint over all of (b) was skipped (--no-full-secretlint); the speed target is judged on the 5 MB subset (c).');
    } else if (estimate > FULL_SECRETLINT_BUDGET_MS) {
      notes.push(`secretlint over all of (b) was skipped: at its speed on (c) it would take about ${ms(estimate)}; the speed target is judged on the 5 MB subset (c).`);
    } else {
      log(`secretlint over all of (b), once (about ${ms(estimate)} expected, stopped after ${ms(FULL_SECRETLINT_LIMIT_MS)})`);
      try {
        const res = gnuTime ? await peakOnce(slB, env, work, FULL_SECRETLINT_LIMIT_MS) : { ...(await timeOnce(slB, env, FULL_SECRETLINT_LIMIT_MS)), bytes: 0 };
        slBRow = {
          subject: slB,
          time: spread([res.ms]),
          peakBytes: gnuTime ? spread([res.bytes]) : null,
          lastCodes: res.codes,
          firstLine: '',
        };
        if (slB.steps.length > 1) notes.push(`secretlint over (b) ran as ${slB.steps.length} invocations (argument-length limit), timed together.`);
      } catch (error) {
        if (!(error instanceof TimeLimitError)) throw error;
        notes.push(
          `secretlint over all of (b) was stopped after ${ms(FULL_SECRETLINT_LIMIT_MS)} unfinished (its speed on (c) predicted ${ms(estimate)}); ` +
            'the speed target is judged on the 5 MB subset (c).',
        );
      }
    }

    const peaks = new Map<string, Spread>();
    if (gnuTime) {
      log('peak memory runs of the quick subjects');
      for (const s of subjects) {
        const values = peakSamples.get(s.id)!;
        if (!wrapped(s)) for (let i = 0; i < MEMORY_RUNS; i++) values.push((await peakOnce(s, env, work)).bytes);
        peaks.set(s.id, spread(values));
      }
    }

    const profiles: Array<{ title: string; summary: ProfileSummary }> = [];
    if (options.profile) {
      log('profiling the hook on (a) and (b)');
      for (const ch of [a, b]) {
        for (const { thread, summary } of await profileOnce(hook(ch), env, work)) {
          profiles.push({ title: `keyfence hook on (${ch.id})${thread === 0 ? '' : `, worker thread ${thread}`}`, summary });
        }
      }
    }

    // ---- the report
    const rows: Row[] = subjects.map((s) => ({
      subject: s,
      time: spread(samples.get(s.id)!),
      peakBytes: peaks.get(s.id) ?? null,
      lastCodes: last.get(s.id)?.codes ?? [],
      firstLine: firstLine(last.get(s.id)?.head ?? ''),
    }));
    if (slBRow) rows.splice(rows.findIndex((r) => r.subject.id === 'keyfence-b') + 1, 0, slBRow);
    const row = (id: string): Row => rows.find((r) => r.subject.id === id)!;
    const med = (id: string): number => row(id).time.median;
    const rate = (bytes: number, t: number): string => `${(bytes / MB / (t / 1000)).toFixed(1)} MB/s`;

    for (const ch of changes) {
      const r = row(`keyfence-${ch.id}`);
      notes.push(`keyfence on (${ch.id}) exited ${r.lastCodes.join('/')} and said: \`${r.firstLine.replace(/`/g, "'")}\``);
      const counted = /([\d,]+) (?:scanned )?files?\b/.exec(r.firstLine);
      if (counted && Number(counted[1]!.replace(/,/g, '')) !== ch.files.length) {
        notes.push(`**keyfence on (${ch.id}) reported ${counted[1]} files but ${ch.files.length} are staged.**`);
      }
    }
    if (row('keyfence-a').lastCodes[0] !== 0) notes.push('**keyfence blocked the typical change, which holds no secret: a false positive.**');
    for (const r of [...rows.filter((x) => x.subject.tool === 'secretlint')]) {
      if (r.lastCodes.some((code) => code === 1)) notes.push(`secretlint reported findings on ${r.subject.change} (exit 1).`);
    }

    const ratioA = med('keyfence-a') / med('floor-a');
    const mbps = b.addedBytes / MB / (med('keyfence-b') / 1000);
    const vsFull = slBRow ? slBRow.time.median / med('keyfence-b') : null;
    const vsSubset = med('secretlint-c') / med('keyfence-c');
    const peakB = peaks.get('keyfence-b');
    const memRatio = peakB ? peakB.median / b.addedBytes : null;

    const targets: Target[] = [
      {
        name: 'typical change (a): keyfence hook ≤ 1.3 × the floor',
        measured: `${ratioA.toFixed(2)} × (${ms(med('keyfence-a'))} vs ${ms(med('floor-a'))})`,
        met: ratioA <= 1.3,
      },
      {
        name: 'large change (b): ≥ 100 MB/s of staged additions',
        measured: `${mbps.toFixed(1)} MB/s (${(b.addedBytes / MB).toFixed(1)} MB in ${ms(med('keyfence-b'))})`,
        met: mbps >= 100,
      },
      vsFull !== null
        ? {
            name: 'large change (b): ≥ 10 × faster than secretlint',
            measured: `${vsFull.toFixed(1)} × on all of (b) (${ms(slBRow!.time.median)} vs ${ms(med('keyfence-b'))}); ${vsSubset.toFixed(1)} × on the 5 MB subset (c)`,
            met: vsFull >= 10,
          }
        : {
            name: 'large change: ≥ 10 × faster than secretlint (judged on the 5 MB subset (c))',
            measured: `${vsSubset.toFixed(1)} × (${ms(med('secretlint-c'))} vs ${ms(med('keyfence-c'))})`,
            met: vsSubset >= 10,
          },
      {
        name: 'large change (b): keyfence peak memory < 1.5 × the staged additions',
        measured: peakB && memRatio !== null ? `${memRatio.toFixed(2)} × (${(peakB.median / MB).toFixed(0)} MB for ${(b.addedBytes / MB).toFixed(1)} MB)` : 'not measured (no GNU time)',
        met: memRatio === null ? null : memRatio < 1.5,
      },
    ];

    const ratios = [
      `(a) keyfence hook / floor: ${ratioA.toFixed(2)} ×; start-up alone (\`keyfence --version\`) / floor: ${(med('startup-a') / med('floor-a')).toFixed(2)} ×`,
      `(a) secretlint / keyfence hook: ${(med('secretlint-a') / med('keyfence-a')).toFixed(1)} ×`,
      `(b) keyfence hook ${rate(b.addedBytes, med('keyfence-b'))}; the floor alone ${rate(b.addedBytes, med('floor-b'))}; keyfence / floor ${(med('keyfence-b') / med('floor-b')).toFixed(2)} ×`,
      `(b) as a whole tree, \`keyfence scan --all\`: ${rate(b.addedBytes, med('tree-b'))} (every tracked file read from the work tree)`,
      ...(slBRow ? [`(b) secretlint ${rate(b.addedBytes, slBRow.time.median)}; secretlint / keyfence ${vsFull!.toFixed(1)} ×`] : []),
      `(c) keyfence hook ${rate(c.addedBytes, med('keyfence-c'))}; secretlint ${rate(c.addedBytes, med('secretlint-c'))}; secretlint / keyfence ${vsSubset.toFixed(1)} ×`,
      ...(peakB
        ? [
            `peak memory / staged additions: keyfence ${(peakB.median / b.addedBytes).toFixed(2)} × on (b), ${(peaks.get('keyfence-c')!.median / c.addedBytes).toFixed(2)} × on (c); ` +
              `the floor (its larger process, git diff) ${(peaks.get('floor-b')!.median / b.addedBytes).toFixed(2)} × on (b)` +
              (slBRow?.peakBytes ? `; secretlint ${(slBRow.peakBytes.median / b.addedBytes).toFixed(2)} × on (b)` : ''),
          ]
        : []),
    ];

    const cpu = cpus();
    const loadEnd = loadavg()[0]!;
    if (Math.max(loadStart, loadEnd) > cpu.length) {
      notes.unshift(
        `**The machine was busy: load average ${loadStart.toFixed(1)} at the start and ${loadEnd.toFixed(1)} at the end, on ${cpu.length} cores. ` +
          'Other processes competed for the CPU, so times are inflated and widely spread (the ratios less so, as runs alternate); rerun on an idle machine for reference numbers.**',
      );
    }
    const head = version('git', ['rev-parse', '--short', 'HEAD'], REPO_ROOT);
    const report: Report = {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      command: 'npm run bench',
      machine: [
        `CPU: ${cpu[0]?.model.trim() ?? 'unknown'}, ${cpu.length} cores; memory ${(totalmem() / 2 ** 30).toFixed(1)} GiB; ${osType()} ${release()} ${arch()}`,
        // Other work on the machine slows every subject; the load shows whether the run was quiet.
        `load average (1 min) at the start of the measurements ${loadStart.toFixed(2)}, at the end ${loadEnd.toFixed(2)}`,
      ],
      versions: [
        `node ${process.version}; ${version('git', ['--version'], REPO_ROOT)}`,
        `keyfence ${template.keyfenceVersion}, packed with \`npm pack\` from the working tree at commit ${head} (uncommitted changes included); husky ${template.huskyVersion}`,
        `secretlint: ${Object.entries(sl.versions).map(([k, v]) => `${k}@${v}`).join(', ')}`,
      ],
      changes,
      corpus:
        `every text file (no NUL byte in the first 8000 bytes, as git decides) installed by \`npm install --before=${CORPUS_BEFORE}\` of ` +
        `${Object.entries(corpus.packages).map(([k, v]) => `${k}@${v}`).join(', ')} (with their dependencies), ` +
        'staged as new files under vendor/; (c) is a seeded sample of those files filling 5 MB.',
      rows,
      targets,
      ratios,
      profiles,
      notes,
      method: [
        `Each subject ran once as a warm-up, then ${options.runs} timed runs (fewer only where a note says so), in rounds that alternate all subjects with the order rotated each round. ` +
          `secretlint on the 5 MB subset (c) takes about half a minute a run, so it runs ${SUBSET_SECRETLINT_RUNS} times without a warm-up; its run over all of (b), when not skipped, runs once.`,
        'Time is wall-clock from spawn to exit, measured by the bench around bare processes. The floor runs `node -e 0` and then `git diff --cached --no-color -U0` and times them together.',
        'The keyfence hook is `node_modules/.bin/keyfence` run at the repository top, which is what `.husky/pre-commit` (written by `keyfence init`) runs; keyfence is installed from `npm pack` of this checkout.',
        '`keyfence scan --all` on (b) scans every tracked file of (b) whole from the work tree (they are the staged new files, so the same bytes as the hook); no target is set for it, it shows what CI and a first install get.',
        'secretlint runs from its own bin link with `--secretlintrc` (recommended preset + no-dotenv) `--no-glob` and the staged paths as arguments, as lint-staged would call it; finding the staged paths is not timed for secretlint.',
        'Every process gets an empty HOME, no system git config, no CI/GIT_*/NODE_OPTIONS/NODE_EXTRA_CA_CERTS variables (the last makes every node start load a certificate file; where a machine sets it for a proxy, it would inflate the floor and flatter the ratios), no terminal (its own session) and stdout/stderr piped to the bench, which discards them.',
        `Peak memory is GNU time's %M: the largest resident set of the process or of any descendant it waited for (so keyfence's number is git's if git is larger; it is not the sum of both). ` +
          `Subjects that took ${ms(WRAP_FROM_MS)} or more in the warm-up (and secretlint on (c)) run every timed run under GNU time, whose ~1 ms is negligible there; quicker ones get ${MEMORY_RUNS} separate memory runs, so their times carry no wrapper. For the floor, the larger of its two processes.`,
        'MB = 1,000,000 bytes. "Staged additions" are the bytes of the added lines in `git diff --cached` (for (b) and (c), the new files).',
        `The bench itself took ${((Date.now() - wallStart) / 60_000).toFixed(1)} minutes, set-up included (plus \`npm run build\` before it).`,
      ],
    };

    process.stdout.write(`\n${renderTable(report)}\n\n${ratios.map((r) => `- ${r}`).join('\n')}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
    if (options.write) {
      const path = join(REPO_ROOT, 'docs', 'benchmarks.md');
      writeFileSync(path, renderMarkdown(report));
      log(`wrote ${path}`);
    }
  } finally {
    if (options.keep) log(`temporary repos kept in ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  const message = error instanceof BenchError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`bench: ${message}\n`);
  process.exitCode = 1;
});
