/**
 * `scan --since` and `scan --history` on real repositories: a bare "origin", a
 * developer's clone with keyfence installed through husky, and CI clones made the
 * way GitHub Actions and GitLab CI make them. The commands run are the ones in
 * docs/ci.md, read from the file, so the documentation cannot drift from what works.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sarifErrors } from '../fixtures/sarif/validate';
import { anthropicKey, githubToken } from './keys';
import { assertNoSecretIn, ATTRIBUTE_PLACES, TempRepo, type RunResult } from './repo';

jest.setTimeout(120_000);

const DOCS = readFileSync(join(__dirname, '..', '..', 'docs', 'ci.md'), 'utf8');

/** Every line of a fenced block in docs/ci.md that runs keyfence or git, without its YAML wrapping. */
function documentedCommands(): string[] {
  const commands: string[] = [];
  for (const block of DOCS.matchAll(/```(?:yaml|sh)\n([\s\S]*?)```/g)) {
    for (const raw of block[1]!.split('\n')) {
      const line = raw.replace(/^\s*(?:-\s+)?(?:run:\s*)?/, '').replace(/\s+#.*$/, '');
      if (/^(npx keyfence|git) /.test(line)) commands.push(line);
    }
  }
  return commands;
}

interface Sarif {
  runs: Array<{ results: Array<{ ruleId: string; level: string; message: { text: string }; properties: Record<string, unknown>; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }>;
}

interface JsonReport {
  blocked: boolean;
  findings: Array<{ ruleId: string; path: string; line: number; column: number; commit?: string; authorDate?: string; fingerprint: string }>;
  envFiles: Array<{ path: string; state: string; commit?: string }>;
  stats: { commits?: number };
}

/** The shared story: a key on main before the branch point, one on the pull-request branch, one on main after. */
class Story {
  readonly dev: TempRepo;
  readonly origin: string;
  readonly mainKey = githubToken();
  readonly prKey = anthropicKey();
  readonly lateKey = githubToken();
  readonly mainKeyCommit: string;
  readonly prKeyCommit: string;
  readonly lateKeyCommit: string;
  readonly branchPoint: string;

  constructor() {
    this.dev = TempRepo.create();
    const dev = this.dev;
    this.origin = mkdtempSync(join(tmpdir(), 'kf-origin-'));
    dev.git(['init', '-q', '--bare', '-b', 'main', this.origin]);
    dev.git(['add', '-A']);
    expect(dev.commit('keyfence set up').status).toBe(0);
    // Keys get in only past the hook, as they do in real life.
    dev.write('legacy.js', `module.exports = { token: "${this.mainKey}" };\n`);
    dev.git(['add', 'legacy.js']);
    expect(dev.commit('legacy config', ['--no-verify']).status).toBe(0);
    this.mainKeyCommit = this.head();
    this.branchPoint = this.mainKeyCommit;
    dev.git(['remote', 'add', 'origin', this.origin]);
    dev.git(['push', '-q', '--no-verify', 'origin', 'main']);

    dev.git(['checkout', '-q', '-b', 'feature']);
    dev.write('src/pr.js', `// the new client\nconst client = new Anthropic({\n  apiKey: "${this.prKey}",\n});\n`);
    dev.git(['add', 'src/pr.js']);
    expect(dev.commit('add client', ['--no-verify']).status).toBe(0);
    this.prKeyCommit = this.head();
    dev.write('README.md', '# project\n');
    dev.git(['add', 'README.md']);
    expect(dev.commit('readme').status).toBe(0);
    dev.git(['push', '-q', '--no-verify', 'origin', 'feature']);

    dev.git(['checkout', '-q', 'main']);
    dev.write('late.js', `exports.t = "${this.lateKey}";\n`);
    dev.git(['add', 'late.js']);
    expect(dev.commit('late on main', ['--no-verify']).status).toBe(0);
    this.lateKeyCommit = this.head();
    dev.git(['push', '-q', '--no-verify', 'origin', 'main']);
  }

  head(): string {
    return this.dev.git(['rev-parse', 'HEAD']).stdout.trim();
  }

  /** A full clone as CI makes it (fetch-depth: 0 / GIT_DEPTH: 0), `npm ci` standing in as the installed node_modules. */
  ciClone(checkout: (clone: string) => void, cloneArgs: readonly string[] = []): string {
    const parent = mkdtempSync(join(tmpdir(), 'kf-ci-'));
    const clone = join(parent, 'work');
    expect(this.dev.git(['clone', '-q', ...cloneArgs, pathUrl(this.origin, cloneArgs), clone]).status).toBe(0);
    for (const [k, v] of [['user.name', 'CI'], ['user.email', 'ci@example.com']]) this.dev.git(['-C', clone, 'config', k!, v!]);
    symlinkSync(join(process.env.KEYFENCE_E2E_TEMPLATE!, 'node_modules'), join(clone, 'node_modules'), 'dir');
    checkout(clone);
    return clone;
  }

  /** Runs a documented command with sh in `cwd`, as a CI runner would. */
  sh(cwd: string, command: string, env: Record<string, string> = {}): RunResult {
    return this.dev.run('sh', ['-c', command], { cwd, env: { ...this.dev.env, npm_config_update_notifier: 'false', ...env } });
  }
}

/** --depth needs a URL for a local repository. */
function pathUrl(path: string, cloneArgs: readonly string[]): string {
  return cloneArgs.some((a) => a.startsWith('--depth')) ? `file://${path}` : path;
}

function gitIn(story: Story, cwd: string, args: string[]): string {
  const r = story.dev.git(['-C', cwd, ...args]);
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.output}`);
  return r.stdout.trim();
}

describe('the CI commands documented in docs/ci.md, on a base branch and a pull-request branch', () => {
  let story: Story;
  beforeAll(() => {
    story = new Story();
  });

  test('docs/ci.md documents each command this test runs', () => {
    const commands = documentedCommands();
    expect(commands).toEqual(
      expect.arrayContaining([
        'npx keyfence scan --since origin/${{ github.base_ref }} --format sarif --output keyfence.sarif',
        'npx keyfence scan --since origin/${{ github.base_ref }} --format github',
        'npx keyfence scan --since "$CI_MERGE_REQUEST_DIFF_BASE_SHA"',
        'npx keyfence scan --since "$CI_MERGE_REQUEST_DIFF_BASE_SHA" --format json --output keyfence.json',
        'npx keyfence scan --history',
        'npx keyfence scan --history --all-refs',
      ]),
    );
    expect(DOCS).toContain('fetch-depth: 0');
    expect(DOCS).toContain('github/codeql-action/upload-sarif');
    expect(DOCS).toContain('GIT_DEPTH: "0"');
  });

  test('GitHub Actions: on the pull-request merge commit, SARIF holds the PR key with its commit, and not main\'s keys', () => {
    // actions/checkout of a pull_request checks out refs/pull/N/merge: the PR merged into the base.
    const clone = story.ciClone((dir) => {
      gitIn(story, dir, ['checkout', '-q', '--detach', 'origin/main']);
      gitIn(story, dir, ['merge', '-q', '--no-ff', '--no-edit', 'origin/feature']);
    });
    for (const command of documentedCommands().filter((c) => c.includes('github.base_ref'))) {
      const run = story.sh(clone, command.replace(/\$\{\{ github\.base_ref \}\}/g, 'main'));
      expect(run.status).toBe(1);
      if (command.includes('--format sarif')) {
        const text = readFileSync(join(clone, 'keyfence.sarif'), 'utf8');
        assertNoSecretIn(text, 'keyfence.sarif');
        const log = JSON.parse(text) as Sarif;
        expect(sarifErrors(log)).toEqual([]);
        const results = log.runs[0]!.results;
        expect(results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region.startLine])).toEqual([
          ['anthropic-api-key', 'src/pr.js', 3],
        ]);
        expect(results[0]!.properties.commit).toBe(story.prKeyCommit);
        expect(results[0]!.properties.authorDate).toMatch(/^\d{4}-\d\d-\d\dT/);
        expect(results[0]!.message.text).toContain('deleting it in a new commit is not enough');
        // The log still says what happened.
        expect(run.stderr).toMatch(/keyfence: 1 secret \(blocking\); report: keyfence\.sarif/);
        expect(run.stdout).toBe('');
      } else {
        const annotations = run.stdout.split('\n').filter((l) => l.startsWith('::'));
        expect(annotations).toHaveLength(1);
        expect(annotations[0]).toMatch(/^::error file=src\/pr\.js,line=3,col=\d+,title=keyfence%3A Anthropic credential \(anthropic-api-key\)::/);
        expect(annotations[0]).toContain(`Added in commit ${story.prKeyCommit}`);
        expect(run.stdout).not.toContain('legacy.js');
        expect(run.stdout).not.toContain('late.js');
      }
    }
  });

  test('GitLab CI: on the source branch with CI_MERGE_REQUEST_DIFF_BASE_SHA, the text and JSON reports attribute the PR key to its commit', () => {
    const clone = story.ciClone((dir) => gitIn(story, dir, ['checkout', '-q', '--detach', 'origin/feature']));
    const env = {
      CI_MERGE_REQUEST_DIFF_BASE_SHA: gitIn(story, clone, ['merge-base', 'origin/main', 'HEAD']),
      CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
    };
    expect(env.CI_MERGE_REQUEST_DIFF_BASE_SHA).toBe(story.branchPoint);
    const gitlab = documentedCommands().filter((c) => c.includes('CI_MERGE_REQUEST'));
    expect(gitlab.length).toBeGreaterThanOrEqual(3);
    for (const command of gitlab) {
      const run = story.sh(clone, command, env);
      if (command.startsWith('git ')) {
        expect(run.status).toBe(0);
        continue;
      }
      expect(run.status).toBe(1);
      if (command.includes('--format json')) {
        const report = JSON.parse(readFileSync(join(clone, 'keyfence.json'), 'utf8')) as JsonReport;
        expect(report.blocked).toBe(true);
        expect(report.findings.map((f) => [f.path, f.line, f.commit])).toEqual([['src/pr.js', 3, story.prKeyCommit]]);
        expect(report.stats.commits).toBe(2);
      } else {
        expect(run.stdout).toContain(`${story.prKeyCommit.slice(0, 12)}:src/pr.js:3:`);
        expect(run.stdout).toContain(`commit ${story.prKeyCommit}, authored `);
        expect(run.stdout).toContain('anthropic-api-key');
        expect(run.stdout).toContain('Deleting a key in a new commit is NOT enough');
        expect(run.stdout).toMatch(/rotate: https:\/\//);
        expect(run.stdout).not.toContain('legacy.js');
        expect(run.stdout).not.toContain('late.js');
        expect(run.stdout).toContain('(2 commits scanned)');
      }
    }
  });

  test('a pull request that merged main in is not blamed for the keys main brought', () => {
    const clone = story.ciClone((dir) => {
      gitIn(story, dir, ['checkout', '-q', '-b', 'pr', 'origin/feature']);
      gitIn(story, dir, ['merge', '-q', '--no-edit', 'origin/main']);
    });
    const since = story.sh(clone, 'npx keyfence scan --since origin/main --format json');
    const report = JSON.parse(since.stdout) as JsonReport;
    expect(report.findings.map((f) => f.path)).toEqual(['src/pr.js']);
    // From the old branch point, main's later commit is in range too: its key is blamed on
    // that commit, and the merge itself (which added nothing of its own) on nothing.
    const fromBase = story.sh(clone, `npx keyfence scan --since ${story.branchPoint} --format json`);
    const merge = gitIn(story, clone, ['rev-parse', 'HEAD']);
    const found = (JSON.parse(fromBase.stdout) as JsonReport).findings.map((f) => [f.path, f.commit]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['src/pr.js', story.prKeyCommit],
        ['late.js', story.lateKeyCommit],
      ]),
    );
    expect(found).toHaveLength(2);
    expect(found.some(([, commit]) => commit === merge)).toBe(false);
  });

  test('--history finds every key reachable from HEAD, --all-refs also those on other branches', () => {
    const clone = story.ciClone((dir) => gitIn(story, dir, ['checkout', '-q', 'feature']));
    const history = documentedCommands().filter((c) => c.includes('--history'));
    expect(history).toEqual(['npx keyfence scan --history', 'npx keyfence scan --history --all-refs']);
    const head = story.sh(clone, history[0]!);
    expect(head.status).toBe(1);
    expect(head.stdout).toContain(`${story.prKeyCommit.slice(0, 12)}:src/pr.js:3:`);
    expect(head.stdout).toContain(`${story.mainKeyCommit.slice(0, 12)}:legacy.js:1:`);
    expect(head.stdout).not.toContain('late.js');
    expect(head.stdout).toContain('2 secrets found in the history of HEAD');
    expect(head.stdout).toContain('Deleting a key in a new commit is NOT enough');
    expect(head.stdout).toContain("provider's link above");
    const all = story.sh(clone, history[1]!);
    expect(all.status).toBe(1);
    expect(all.stdout).toContain(`${story.lateKeyCommit.slice(0, 12)}:late.js:1:`);
    expect(all.stdout).toContain('3 secrets found in the history of every ref');
  });

  test('a clean pull request passes and says how much it read', () => {
    const clone = story.ciClone((dir) => gitIn(story, dir, ['checkout', '-q', '-b', 'clean', 'origin/main']));
    story.dev.run('sh', ['-c', 'printf "x\\n" > a.txt && git add a.txt && git commit -q -m one && printf "y\\n" >> a.txt && git commit -q -am two'], { cwd: clone });
    const run = story.sh(clone, 'npx keyfence scan --since origin/main');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('keyfence: 2 commits since origin/main, 2 changed files, 2 added lines, no secrets\n');
    const none = story.sh(clone, 'npx keyfence scan --since HEAD --format github');
    expect(none.status).toBe(0);
    expect(none.stdout).toBe('keyfence: no commits since HEAD to scan\n');
  });

  test('a shallow clone or a missing base fails closed (exit 2) and says how to fetch the history', () => {
    const shallow = story.ciClone((dir) => gitIn(story, dir, ['checkout', '-q', 'feature']), ['--depth', '1', '--no-single-branch']);
    const cut = story.sh(shallow, 'npx keyfence scan --since origin/main');
    expect(cut.status).toBe(2);
    expect(cut.stderr).toContain('fetch-depth: 0');
    const full = story.ciClone((dir) => gitIn(story, dir, ['checkout', '-q', 'feature']));
    const missing = story.sh(full, 'npx keyfence scan --since origin/nope');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--since origin\/nope: no such commit here/);
    expect(missing.stderr).toContain('fetch-depth: 0');
    const option = story.sh(full, 'npx keyfence scan --since=--output=x');
    expect(option.status).toBe(2);
    expect(option.stderr).toContain('not a revision');
    expect(existsSync(join(full, 'x'))).toBe(false);
  });

  afterAll(() => {
    // The planted keys live in these files by design; nothing else keyfence wrote may hold one.
    story?.dev.assertNoSecretInFiles(['legacy.js', 'late.js', 'src']);
  });
});

describe('history scans apply the same rules as the hook', () => {
  test('config, inline allow markers and the baseline hold for --since; env files committed block', () => {
    const repo = TempRepo.create();
    repo.git(['add', '-A']);
    expect(repo.commit('setup').status).toBe(0);
    const base = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    const allowedByMarker = githubToken();
    const allowedByPath = githubToken();
    const baselined = githubToken();
    const reported = githubToken();
    repo.write('a.js', `const a = "${allowedByMarker}"; // keyfence:allow test fixture\n`);
    repo.write('fixtures/b.js', `const b = "${allowedByPath}";\n`);
    repo.write('c.js', `const c = "${baselined}";\nconst d = "${reported}";\n`);
    repo.write('.env.production', 'API_URL=https://example.test\n');
    repo.write('.env.example', 'API_URL=\n');
    repo.git(['add', '-A', '-f']);
    expect(repo.commit('many things', ['--no-verify']).status).toBe(0);
    const first = JSON.parse(repo.keyfence(['scan', '--since', base, '--format', 'json']).stdout) as JsonReport;
    const printOf = (line: number) => first.findings.find((f) => f.path === 'c.js' && f.line === line)!.fingerprint;
    repo.write('.keyfencerc.json', JSON.stringify({ allow: { paths: ['fixtures/**'] } }));
    repo.write('.keyfence-baseline.json', JSON.stringify({ version: 1, fingerprints: [printOf(1)] }));
    const run = repo.keyfence(['scan', '--since', base, '--format', 'json']);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.findings.map((f) => [f.path, f.line])).toEqual([['c.js', 2]]);
    expect(report.findings[0]!.fingerprint).toBe(printOf(2));
    expect(report.envFiles.map((e) => [e.path, e.state])).toEqual([['.env.production', 'committed']]);
    const text = repo.keyfence(['scan', '--since', base]);
    expect(text.stdout).toContain('.env.production  env file committed to git');
    repo.assertNoSecretInFiles(['a.js', 'fixtures', 'c.js']);
  });

  test('a key added while resolving a merge conflict is found and blamed on the merge', () => {
    const repo = TempRepo.create();
    repo.git(['add', '-A']);
    repo.write('conf.js', 'module.exports = { url: "a" };\n');
    repo.git(['add', '-A']);
    expect(repo.commit('base').status).toBe(0);
    repo.git(['checkout', '-q', '-b', 'other']);
    repo.write('conf.js', 'module.exports = { url: "b" };\n');
    expect(repo.commit('other', ['-a']).status).toBe(0);
    repo.git(['checkout', '-q', 'main']);
    repo.write('conf.js', 'module.exports = { url: "c" };\n');
    expect(repo.commit('main', ['-a']).status).toBe(0);
    expect(repo.git(['merge', '-q', 'other']).status).not.toBe(0);
    const key = githubToken();
    repo.write('conf.js', `module.exports = { url: "c", token: "${key}" };\n`);
    repo.git(['add', 'conf.js']);
    expect(repo.git(['commit', '-q', '--no-verify', '--no-edit']).status).toBe(0);
    const merge = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    const report = JSON.parse(repo.keyfence(['scan', '--history', '--format', 'json']).stdout) as JsonReport;
    expect(report.findings.map((f) => [f.path, f.commit])).toEqual([['conf.js', merge]]);
  });

  test('a low core.bigFileThreshold in git config does not hide a changed file from --history', () => {
    const repo = TempRepo.create();
    const padding = Array.from({ length: 20 }, (_, i) => `const value${i} = ${i};`).join('\n') + '\n';
    repo.write('conf.js', padding);
    repo.git(['add', '-A']);
    expect(repo.commit('base').status).toBe(0);
    repo.write('conf.js', `${padding}const token = "${githubToken()}";\n`);
    repo.git(['commit', '-q', '--no-verify', '-am', 'key']);
    repo.git(['config', 'core.bigFileThreshold', '100']);
    const report = JSON.parse(repo.keyfence(['scan', '--history', '--format', 'json']).stdout) as JsonReport;
    expect(report.findings.map((f) => `${f.path}:${f.line}`)).toEqual(['conf.js:21']);
  });

  // .git/info/attributes is the one place git offers no way to leave out (docs/security.md says so).
  test.each(ATTRIBUTE_PLACES.filter((p) => p !== '.git/info/attributes'))('files %s marks -diff or binary are read as text in history; binary content is not', (place) => {
    const repo = TempRepo.create();
    repo.writeAttributes(place, '*.lock -diff\npackage-lock.json binary\n*.png binary\n');
    repo.write('yarn.lock', 'a@1:\n');
    repo.write('package-lock.json', '{\n}\n');
    repo.git(['add', '-A']);
    expect(repo.commit('base').status).toBe(0);
    repo.write('yarn.lock', `a@1:\n  auth "${githubToken()}"\n`);
    repo.write('package-lock.json', `{\n  "token": "${githubToken()}"\n}\n`);
    // A NUL in the first bytes: binary by content, whatever it holds after.
    repo.write('logo.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]), Buffer.from(`\nk = "${githubToken()}"\n`)]));
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'keys']);
    const report = JSON.parse(repo.keyfence(['scan', '--history', '--format', 'json']).stdout) as JsonReport;
    expect(report.findings.map((f) => `${f.path}:${f.line}`).sort()).toEqual(['package-lock.json:2', 'yarn.lock:2']);
  });

  test('odd paths keep their names in every format; the SARIF is valid', () => {
    const repo = TempRepo.create();
    repo.git(['add', '-A']);
    expect(repo.commit('setup').status).toBe(0);
    const odd = 'dir with space/café, "q" #1.js';
    repo.write(odd, `x = "${githubToken()}"\n`);
    repo.git(['add', '-A']);
    expect(repo.commit('odd', ['--no-verify']).status).toBe(0);
    const json = JSON.parse(repo.keyfence(['scan', '--history', '--format', 'json']).stdout) as JsonReport;
    expect(json.findings.map((f) => f.path)).toEqual([odd]);
    const sarif = JSON.parse(repo.keyfence(['scan', '--history', '--format', 'sarif']).stdout) as Sarif;
    expect(sarifErrors(sarif)).toEqual([]);
    expect(decodeURIComponent(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri)).toBe(odd);
    const github = repo.keyfence(['scan', '--history', '--format', 'github']).stdout;
    expect(github).toContain('::error file=dir with space/café%2C "q" #1.js,line=1,');
  });

  test('a long history prints nothing but the summary when piped, and a clean summary on a terminal', () => {
    const repo = TempRepo.create({ init: false });
    // Thousands of commits in one fast-import, each adding lines.
    const lines: string[] = [];
    for (let c = 0; c < 6000; c++) {
      const body = Array.from({ length: 20 }, (_, l) => `const v${l} = "${c}-${l}";`).join('\n');
      lines.push('commit refs/heads/main', `committer A <a@example.com> ${1_700_000_000 + c} +0000`, 'data 1', 'c');
      lines.push(`M 100644 inline f${c % 50}.js`, `data ${Buffer.byteLength(body)}`, body, '');
    }
    expect(repo.git(['fast-import', '--quiet'], { input: lines.join('\n') + '\n' }).status).toBe(0);
    const piped = repo.keyfence(['scan', '--history']);
    expect(piped.status).toBe(0);
    expect(piped.stdout).toBe('keyfence: 6000 commits in the history of HEAD, 6000 changed files, 120000 added lines, no secrets\n');
    expect(piped.stderr).toBe('');
    // script(1) gives keyfence a terminal, as a developer running it by hand has.
    const bin = join(repo.dir, 'node_modules', '.bin', 'keyfence');
    const tty = spawnSync('script', ['-qec', `${bin} scan --history`, '/dev/null'], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
    expect(tty.status).toBe(0);
    // Whether progress shows depends on the machine's speed (after 500 ms, see the unit
    // test); if it did, it was wiped, and the summary starts on a clean line.
    expect(tty.stdout).toMatch(/(?:^|\r\u001b\[2K)keyfence: 6000 commits in the history of HEAD/);
  });
});
