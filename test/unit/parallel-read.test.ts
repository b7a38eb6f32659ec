/**
 * The worker-thread side of a large staged read, driven directly: the test plays
 * the main thread (it claims the first files and then stops), so whatever is
 * found afterwards was read and judged by the built worker (dist/commands/scan-worker.js).
 * `bytesPerWorker: 1` makes any change over SAMPLE_FILES files large enough for one.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { estimateBytes, parallelScan, SAMPLE_FILES, type ParallelOptions } from '../../src/commands/parallel-read';
import { IDLE, NEXT_FILE, RUNNING } from '../../src/commands/scan-worker-protocol';
import { DEFAULT_CONFIG } from '../../src/config/defaults';
import type { StagedFile } from '../../src/git/staged';
import { fingerprint } from '../../src/detect/fingerprint';
import { crc32Base62Token, rand } from '../helpers/synth';

jest.setTimeout(60_000);

const BUILT_WORKER = join(__dirname, '..', '..', 'dist', 'commands', 'scan-worker.js');

const blobId = (content: string): string =>
  createHash('sha1').update(`blob ${Buffer.byteLength(content)}\0`).update(content).digest('hex');

let top: string;
beforeEach(() => {
  top = mkdtempSync(join(tmpdir(), 'keyfence-parallel-'));
});
afterEach(() => rmSync(top, { recursive: true, force: true }));

/** Writes the files and lists them as a staged read would (blob = what was "staged"). */
function stage(contents: readonly string[], staged: readonly string[] = contents): StagedFile[] {
  mkdirSync(join(top, 'src'));
  return contents.map((content, i) => {
    const path = `src/f${i}.js`;
    writeFileSync(join(top, path), content);
    return { path, status: 'A', mode: '100644', blob: blobId(staged[i]!), submodule: false, symlink: false };
  });
}

/** One worker for any change of more than SAMPLE_FILES files. */
const ONE_WORKER: ParallelOptions = { workerScript: BUILT_WORKER, maxWorkers: 1, bytesPerWorker: 1 };

/** Claims the first `count` files as the main thread would, then stops claiming. */
function claimFirst(helper: { claim(): number }, count: number): void {
  for (let i = 0; i < count; i++) expect(helper.claim()).toBe(i);
}

describe('scan worker threads', () => {
  beforeAll(() => {
    if (!existsSync(BUILT_WORKER)) throw new Error(`${BUILT_WORKER} is missing: run \`npm test\` (it builds first) or \`npm run build\``);
  });

  test('a worker reads, verifies and judges the files the main thread leaves', async () => {
    const total = SAMPLE_FILES + 40;
    const keys = new Map<number, string>();
    const contents = Array.from({ length: total }, (_, i) => {
      if (i > SAMPLE_FILES && i % 5 === 0) {
        keys.set(i, crc32Base62Token('gh' + 'p_'));
        return `// file ${i}\nconst token = "${keys.get(i)!}";\n`;
      }
      return `// file ${i}\nconsole.log(${i});\n`;
    });
    // One file changed after `git add`: its bytes are not the staged blob, so git must supply it.
    const staged = contents.map((c, i) => (i === total - 1 ? `${c}// edited later\n` : c));
    const files = stage(contents, staged);
    const parallel = parallelScan(top, DEFAULT_CONFIG, new Set(), ONE_WORKER);
    const helper = parallel.helperFor(files, () => [])!;
    expect(helper).not.toBeNull();
    claimFirst(helper, SAMPLE_FILES + 1);
    // The main thread stops after the file it claimed last: the worker must read all the rest.
    const misses = await helper.finish();
    expect(misses).toEqual([`src/f${total - 1}.js`]);
    const result = parallel.result();
    const expected = [...keys.keys()].map((i) => `src/f${i}.js:2:16 github-classic-pat`);
    expect(result.findings.map((f) => `${f.path}:${f.line}:${f.column} ${f.rule.id}`).sort()).toEqual(expected.sort());
    // Files SAMPLE_FILES+1 .. total-2 were judged by the worker: two lines each.
    expect(result.lines).toBe(2 * (total - SAMPLE_FILES - 2));
  });

  test('a worker applies the config, the baseline and the developer\'s own values it is handed', async () => {
    const [allowed, baselined, reported] = [crc32Base62Token('gh' + 'p_'), crc32Base62Token('gh' + 'p_'), crc32Base62Token('gh' + 'p_')];
    const ownValue = rand('A-Za-z0-9', 24);
    const keyed: Record<number, string> = {
      [SAMPLE_FILES + 2]: `const a = "${allowed}";\n`,
      [SAMPLE_FILES + 4]: `const b = "${baselined}";\n`,
      [SAMPLE_FILES + 6]: `const c = "${reported}";\n`,
      [SAMPLE_FILES + 8]: `const d = "${ownValue}";\n`,
    };
    const files = stage(Array.from({ length: SAMPLE_FILES + 10 }, (_, i) => keyed[i] ?? `// ${i}\n`));
    const config = { ...DEFAULT_CONFIG, allow: { paths: [`src/f${SAMPLE_FILES + 2}.js`], patterns: [] } };
    const baseline = new Set([fingerprint('github-classic-pat', baselined)]);
    const values = [{ name: 'MY_SERVICE_TOKEN', file: '.env.local', value: ownValue }];
    const parallel = parallelScan(top, config, baseline, ONE_WORKER);
    const helper = parallel.helperFor(files, () => values)!;
    claimFirst(helper, SAMPLE_FILES + 1);
    await expect(helper.finish()).resolves.toEqual([]);
    const found = parallel.result().findings.map((f) => `${f.path} ${f.rule.id}`);
    expect(found).toEqual([`src/f${SAMPLE_FILES + 6}.js github-classic-pat`, `src/f${SAMPLE_FILES + 8}.js local-env-value`]);
  });

  test('in a tree scan a worker reads files as they are (no object ids), skips binary ones, and reports the baseline entries it saw', async () => {
    const [baselined, reported] = [crc32Base62Token('gh' + 'p_'), crc32Base62Token('gh' + 'p_')];
    const keyed: Record<number, string> = {
      [SAMPLE_FILES + 3]: `const b = "${baselined}";\n`,
      [SAMPLE_FILES + 5]: `const c = "${reported}";`,
    };
    const contents = Array.from({ length: SAMPLE_FILES + 8 }, (_, i) => keyed[i] ?? `// ${i}\n`);
    // Object ids play no part: these are what a staged read would have refused.
    const files = stage(contents, contents.map(() => 'not what is on disk')).map(({ path }) => ({ path, blob: '' }));
    writeFileSync(join(top, files[SAMPLE_FILES + 6]!.path), Buffer.from([0x61, 0, 0x62]));
    const baseline = new Set([fingerprint('github-classic-pat', baselined), fingerprint('github-classic-pat', 'gone')]);
    const parallel = parallelScan(top, DEFAULT_CONFIG, baseline, { ...ONE_WORKER, mode: 'tree' });
    const helper = parallel.helperFor(files, () => [])!;
    claimFirst(helper, SAMPLE_FILES + 1);
    await expect(helper.finish()).resolves.toEqual([]);
    const result = parallel.result();
    expect(result.findings.map((f) => `${f.path}:${f.line}:${f.column} ${f.rule.id}`)).toEqual([`src/f${SAMPLE_FILES + 5}.js:1:12 github-classic-pat`]);
    expect(result.baselineHits).toEqual([fingerprint('github-classic-pat', baselined)]);
    // Six text files of one line each (the binary one has none); bytes as stored.
    const judged = [1, 2, 3, 4, 5, 7].map((k) => contents[SAMPLE_FILES + k]!);
    expect(result.lines).toBe(6);
    expect(result.bytes).toBe(judged.reduce((n, c) => n + Buffer.byteLength(c), 0));
  });

  test('no worker for a change estimated below one worker\'s share, nor for a handful of files', () => {
    let valuesRead = 0;
    const ownValues = (): [] => (valuesRead++, []);
    const few = stage(Array.from({ length: SAMPLE_FILES }, (_, i) => `// ${i}\n`));
    expect(parallelScan(top, DEFAULT_CONFIG, new Set(), ONE_WORKER).helperFor(few, ownValues)).toBeNull();
    // A few bytes per file: far below the default share of one worker.
    const more = [...few, ...few.map((f) => ({ ...f, path: `more/${f.path}` }))];
    const parallel = parallelScan(top, DEFAULT_CONFIG, new Set(), { workerScript: BUILT_WORKER, maxWorkers: 1 });
    parallel.prepare(more);
    expect(parallel.helperFor(more, ownValues)).toBeNull();
    // No worker started, so the developer's env values were not read for one.
    expect(valuesRead).toBe(0);
  });

  test('the estimate: the average of the first files times their number; big files first end the sample early', () => {
    const sizes = [300, 100, ...Array.from({ length: SAMPLE_FILES + 8 }, () => 10)];
    const files = stage(sizes.map((n) => 'x'.repeat(n)));
    // The first two add up to `enough`: 200 bytes a file, for all of them.
    expect(estimateBytes(top, files, 400)).toBe(200 * files.length);
    // One byte more takes the third file.
    expect(estimateBytes(top, files, 401)).toBe((410 / 3) * files.length);
    // Never reached: SAMPLE_FILES files are sampled.
    expect(estimateBytes(top, files, 10_000)).toBe(((400 + 10 * (SAMPLE_FILES - 2)) / SAMPLE_FILES) * files.length);
    // A file gone from the work tree counts as empty (git supplies it later).
    rmSync(join(top, files[0]!.path));
    expect(estimateBytes(top, files, 100)).toBe(((0 + 100) / 2) * files.length);
    expect(estimateBytes(top, [])).toBe(0);
  });

  test('prepared workers start before the read and take no file until handed the developer\'s values', async () => {
    const ownValue = rand('A-Za-z0-9', 24);
    const files = stage(Array.from({ length: SAMPLE_FILES + 10 }, (_, i) => (i === SAMPLE_FILES + 5 ? `const d = "${ownValue}";\n` : `// ${i}\n`)));
    const parallel = parallelScan(top, DEFAULT_CONFIG, new Set(), ONE_WORKER);
    parallel.prepare(files);
    // Time enough for the worker to load, compile the rules and claim, were it allowed to.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const values = [{ name: 'MY_SERVICE_TOKEN', file: '.env.local', value: ownValue }];
    const helper = parallel.helperFor(files, () => values)!;
    claimFirst(helper, 1);
    await expect(helper.finish()).resolves.toEqual([]);
    // The worker judged the keyed file with the values it was handed after it started.
    expect(parallel.result().findings.map((f) => `${f.path} ${f.rule.id}`)).toEqual([`src/f${SAMPLE_FILES + 5}.js local-env-value`]);
  });

  test('abandon() stops the prepared workers, which were never handed their files', () => {
    const files = stage(Array.from({ length: SAMPLE_FILES + 4 }, (_, i) => `// ${i}\n`));
    const posted = jest.spyOn(Worker.prototype, 'postMessage');
    const terminated = jest.spyOn(Worker.prototype, 'terminate');
    try {
      const parallel = parallelScan(top, DEFAULT_CONFIG, new Set(), ONE_WORKER);
      parallel.prepare(files);
      expect(terminated).not.toHaveBeenCalled();
      parallel.abandon();
      expect(terminated).toHaveBeenCalledTimes(1);
      expect(posted).not.toHaveBeenCalled();
    } finally {
      posted.mockRestore();
      terminated.mockRestore();
    }
  });

  test('a prepared worker that is never handed its files does not keep the process alive', () => {
    const script = join(top, 'waiting-worker.js');
    // Waits for its job as the real worker does, and keeps its own thread busy meanwhile.
    writeFileSync(script, "require('node:worker_threads').parentPort.once('message', () => {});\nsetInterval(() => {}, 1000);\n");
    const files = stage(Array.from({ length: SAMPLE_FILES + 2 }, (_, i) => `// ${i}\n`));
    const driver = [
      `const { parallelScan } = require(${JSON.stringify(join(__dirname, '..', '..', 'dist', 'commands', 'parallel-read.js'))});`,
      `const { DEFAULT_CONFIG } = require(${JSON.stringify(join(__dirname, '..', '..', 'dist', 'config', 'defaults.js'))});`,
      `const parallel = parallelScan(${JSON.stringify(top)}, DEFAULT_CONFIG, new Set(), { workerScript: ${JSON.stringify(script)}, maxWorkers: 1, bytesPerWorker: 1 });`,
      `parallel.prepare(${JSON.stringify(files)});`,
      "setTimeout(() => console.log('main thread done'), 300);",
    ].join('\n');
    const run = spawnSync(process.execPath, ['-e', driver], { encoding: 'utf8', timeout: 20_000 });
    expect(run.error).toBeUndefined();
    expect(run.stdout).toContain('main thread done');
    expect(run.status).toBe(0);
  });

  test('a worker still starting when the main thread has read everything is closed, not waited for', async () => {
    const files = stage(Array.from({ length: SAMPLE_FILES + 20 }, (_, i) => `const a${i} = "${rand('a-z', 8)}";\n`));
    const parallel = parallelScan(top, DEFAULT_CONFIG, new Set(), ONE_WORKER);
    const helper = parallel.helperFor(files, () => [])!;
    // The main thread claims every file in this same tick, long before a thread can start.
    let claimed = 0;
    while (helper.claim() >= 0) claimed++;
    expect(claimed).toBe(files.length);
    await expect(helper.finish()).resolves.toEqual([]);
    expect(parallel.result()).toEqual({ findings: [], baselineHits: [], lines: 0, bytes: 0 });
  });

  test.each([
    ['throws', "throw new Error('the rules did not load');", /scan worker thread failed: the rules did not load/],
    ['exits without reporting', 'process.exit(3);', /scan worker thread stopped \(exit code 3\) before it reported/],
    // The user's to settle, so it comes through as it is (the command line names it, not "internal error").
    [
      'finds a file changed while reading it',
      "const e = new Error('big.txt changed while keyfence was reading it'); e.name = 'FileChangedError'; throw e;",
      /^big\.txt changed while keyfence was reading it$/,
    ],
  ])('a worker that %s fails the read with the cause (the files it had to read are not judged)', async (_what, body, message) => {
    const script = join(top, 'broken-worker.js');
    writeFileSync(script, `${body}\n`);
    const files = stage(Array.from({ length: SAMPLE_FILES + 5 }, (_, i) => `// ${i}\n`));
    const parallel = parallelScan(top, DEFAULT_CONFIG, new Set(), { ...ONE_WORKER, workerScript: script });
    const helper = parallel.helperFor(files, () => [])!;
    claimFirst(helper, SAMPLE_FILES + 1);
    await expect(helper.finish()).rejects.toThrow(message);
  });

  test('a worker that fails after taking files fails the read, even once the main thread has claimed the rest', async () => {
    const marker = join(top, 'worker-took-a-file');
    const script = join(top, 'crashing-worker.js');
    // Takes one file as the protocol says, tells the test so, then crashes mid-read.
    writeFileSync(
      script,
      [
        "const { parentPort, workerData } = require('node:worker_threads');",
        'const shared = new Int32Array(workerData.shared);',
        'parentPort.once("message", () => {',
        `  Atomics.compareExchange(shared, workerData.stateSlot, ${IDLE}, ${RUNNING});`,
        `  Atomics.add(shared, ${NEXT_FILE}, 1);`,
        `  require('node:fs').writeFileSync(${JSON.stringify(marker)}, '');`,
        "  setTimeout(() => { throw new Error('crashed while reading'); }, 50);",
        '});',
      ].join('\n'),
    );
    const files = stage(Array.from({ length: SAMPLE_FILES + 10 }, (_, i) => `// ${i}\n`));
    const parallel = parallelScan(top, DEFAULT_CONFIG, new Set(), { ...ONE_WORKER, workerScript: script });
    const helper = parallel.helperFor(files, () => [])!;
    claimFirst(helper, 1);
    for (let waited = 0; !existsSync(marker); waited += 10) {
      if (waited > 30_000) throw new Error('the test worker never started');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // As the real read loop does: claim until nothing is left, then finish.
    while (helper.claim() >= 0);
    await expect(helper.finish()).rejects.toThrow(/scan worker thread failed: crashed while reading/);
  });
});

