/**
 * A change large enough for the hook to share the reading with worker threads
 * (src/commands/parallel-read.ts): every key must still be found once, wherever
 * it sits, and the summary must count every file and byte exactly once; the
 * same for a tree scan of the same files.
 */
import { githubToken } from './keys';
import { TempRepo } from './repo';

jest.setTimeout(300_000);

const FILES = 480;
const LINES_PER_FILE = 800;
/** Keys sit in every 40th file, at a line that moves from file to file. */
const KEYED = (i: number): boolean => i % 40 === 7;
const keyLine = (i: number): number => 1 + ((i * 37) % LINES_PER_FILE);

function fileContent(i: number, key: string | null): string {
  const lines: string[] = [];
  for (let line = 1; line <= LINES_PER_FILE; line++) {
    if (key && line === keyLine(i)) lines.push(`const token = "${key}";`);
    else lines.push(`export const value_${i}_${line} = computeSomething(${line}, 'tokenizer', "v${i}.${line}");`);
  }
  return lines.join('\n') + '\n';
}

describe('a large staged change (read on worker threads too)', () => {
  test('finds every key once and counts every byte once', () => {
    const repo = TempRepo.create();
    const expected: string[] = [];
    let bytes = 0;
    for (let i = 0; i < FILES; i++) {
      const key = KEYED(i) ? githubToken() : null;
      const content = fileContent(i, key);
      bytes += Buffer.byteLength(content);
      repo.write(`lib/part${String(i).padStart(3, '0')}.js`, content);
      if (key) expected.push(`lib/part${String(i).padStart(3, '0')}.js:${keyLine(i)}:16`);
    }
    // Well past what one worker needs to pay for itself (16 MB).
    expect(bytes).toBeGreaterThan(24 * 1024 * 1024);
    repo.git(['add', '-A']);

    const json = repo.keyfence(['scan', '--staged', '--format', 'json']);
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout) as { findings: { path: string; line: number; column: number; ruleId: string }[]; stats: { files: number; bytes: number } };
    expect(report.findings.map((f) => `${f.path}:${f.line}:${f.column}`)).toEqual(expected);
    expect(new Set(report.findings.map((f) => f.ruleId))).toEqual(new Set(['github-classic-pat']));
    // Besides the new files, what `keyfence init` wrote is staged too (package.json, the husky hook).
    const staged = repo.git(['diff', '--cached', '--name-only', '-z']).stdout.split('\0').filter(Boolean);
    const others = staged.filter((p) => !p.startsWith('lib/'));
    expect(report.stats.files).toBe(FILES + others.length);
    expect(report.stats.bytes).toBe(others.reduce((n, p) => n + repo.read(p).length, bytes));

    const commit = repo.commit();
    expect(commit.status).not.toBe(0);
    expect(commit.output).toContain(`${expected.length} secrets`);
    for (const place of expected) expect(commit.output).toContain(place);
    expect(repo.headCount()).toBe(0);

    // The same files as a tree scan (tracked means in the index), shared with a worker the same way.
    const all = repo.keyfence(['scan', '--all', '--format', 'json']);
    expect(all.status).toBe(1);
    const tree = JSON.parse(all.stdout) as typeof report & { staleBaseline: string[] };
    expect(tree.findings.map((f) => `${f.path}:${f.line}:${f.column}`)).toEqual(expected);
    expect(tree.stats.files).toBe(report.stats.files);
    expect(tree.stats.bytes).toBe(report.stats.bytes);
    // A baseline of every finding: the next tree scan reports none, and no entry as stale,
    // whichever thread saw each key.
    expect(repo.keyfence(['baseline']).status).toBe(0);
    const accepted = JSON.parse(repo.keyfence(['scan', '--all', '--format', 'json']).stdout) as typeof tree;
    expect(accepted.findings).toEqual([]);
    expect(accepted.staleBaseline).toEqual([]);
  });
});
