import { DEFAULT_CONFIG } from '../../src/config/defaults';
import type { LocalValue } from '../../src/detect/local-values';
import { evaluate, evaluatePaths } from '../../src/policy/evaluate';
import type { EnvFileStatus, Finding, ScanResult } from '../../src/policy/types';
import { renderGithub } from '../../src/report/github';
import { toJsonReport } from '../../src/report/json';
import { FINGERPRINT_KEY, pathToUri, renderSarif } from '../../src/report/sarif';
import { sarifErrors } from '../fixtures/sarif/validate';
import { crc32Base62Token, rand } from '../helpers/synth';

const githubToken = () => crc32Base62Token('gh' + 'p_');
const anthropicKey = () => 'sk-ant-' + 'api03-' + rand('A-Za-z0-9_-', 93) + 'AA';

const ODD_PATH = 'dir with space/café #1,a:b%.ts';

interface SarifResultShape {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }>;
  partialFingerprints?: Record<string, string>;
  properties: Record<string, unknown>;
}
interface SarifShape {
  version: string;
  runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string; helpUri?: string }> } }; results: SarifResultShape[] }>;
}

/** A scan result made by the real engine from synthetic content: provider keys, a generic match, a local value, a key file. */
function sample(): { result: ScanResult; secrets: string[] } {
  const gh = githubToken();
  const ant = anthropicKey();
  const local = 'Zq' + rand('A-Za-z0-9', 30);
  const generic = rand('A-Za-z0-9', 40);
  const localValues: LocalValue[] = [{ name: 'MY_SERVICE_TOKEN', file: '.env.local', value: local }];
  const content = evaluate(
    [
      { path: 'src/a.ts', lines: [{ line: 3, text: `const t = "${gh}";` }], commit: 'a'.repeat(40) },
      { path: ODD_PATH, lines: [{ line: 1, text: `key: ${ant}` }, { line: 2, text: `x = "${local}"` }] },
      { path: 'config.js', lines: [{ line: 7, text: `const password = "${generic}";` }] },
    ],
    DEFAULT_CONFIG,
    new Set(),
    localValues,
  ).findings;
  const byName = evaluatePaths([{ path: 'keys/id_rsa', contentId: 'b'.repeat(40) }], DEFAULT_CONFIG, new Set()).findings;
  const findings: Finding[] = [
    ...content.map((f) => (f.commit ? { ...f, authorDate: '2024-05-06T07:08:09+02:00' } : f)),
    ...byName,
  ];
  const envFiles: EnvFileStatus[] = [
    { path: '.env', state: 'staged', ignored: false, blocks: true },
    { path: 'svc/.env.prod', state: 'committed', ignored: true, blocks: true, commit: 'c'.repeat(40), authorDate: '2023-01-02T03:04:05Z' },
  ];
  return { result: { findings, envFiles, stats: { files: 4, lines: 4, bytes: 400, ms: 3 } }, secrets: [gh, ant, local, generic] };
}

describe('SARIF 2.1.0 report', () => {
  test('validates against the official SARIF 2.1.0 schema', () => {
    const { result } = sample();
    const log = JSON.parse(renderSarif(result, { toolVersion: '1.2.3' })) as unknown;
    expect(sarifErrors(log)).toEqual([]);
  });

  test('the schema check can fail: invalid logs are rejected', () => {
    const { result } = sample();
    const log = JSON.parse(renderSarif(result, { toolVersion: '1.2.3' })) as SarifShape;
    expect(sarifErrors({ ...log, version: '2.0.0' })).not.toEqual([]);
    const broken = JSON.parse(JSON.stringify(log)) as SarifShape;
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(sarifErrors(broken)).not.toEqual([]);
    const badUri = JSON.parse(JSON.stringify(log)) as SarifShape;
    badUri.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = 'a b%zz';
    expect(sarifErrors(badUri)).not.toEqual([]);
  });

  test('carries the same data as the JSON report, and never a secret in full', () => {
    const { result, secrets } = sample();
    const text = renderSarif(result, { toolVersion: '1.2.3' });
    for (const secret of secrets) expect(text).not.toContain(secret);
    const run = (JSON.parse(text) as SarifShape).runs[0]!;
    expect(run.tool.driver.name).toBe('keyfence');
    const json = toJsonReport(result);
    expect(json.findings.length).toBeGreaterThanOrEqual(5);
    const secretResults = run.results.filter((r) => r.ruleId !== 'env-file');
    expect(secretResults).toHaveLength(json.findings.length);
    json.findings.forEach((f, i) => {
      const r = secretResults[i]!;
      const rule = run.tool.driver.rules[r.ruleIndex]!;
      expect(r.ruleId).toBe(f.ruleId);
      expect(rule.id).toBe(f.ruleId);
      expect(r.message.text).toContain(f.provider);
      expect(r.message.text).toContain(f.description);
      expect(r.message.text).toContain(f.redacted);
      expect(r.properties.redacted).toBe(f.redacted);
      expect(r.partialFingerprints?.[FINGERPRINT_KEY]).toBe(f.fingerprint);
      const loc = r.locations[0]!.physicalLocation;
      expect(decodeURIComponent(loc.artifactLocation.uri)).toBe(f.path);
      expect(loc.region).toEqual({ startLine: f.line, startColumn: f.column });
      if (/^https:\/\//.test(f.rotateUrl)) expect(rule.helpUri).toBe(f.rotateUrl);
      else expect(rule.helpUri).toBeUndefined();
      expect(r.properties.commit).toBe(f.commit);
      expect(r.level).toBe(result.findings[i]!.blocks ? 'error' : 'warning');
    });
    // The sample holds each kind of finding the engine makes.
    const ids = json.findings.map((f) => f.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['github-classic-pat', 'anthropic-api-key', 'local-env-value']));
    expect(secretResults.some((r) => r.level === 'warning')).toBe(true);
    expect(secretResults.some((r) => r.properties.commit && /deleting it in a new commit is not enough/.test(r.message.text))).toBe(true);
    const env = run.results.filter((r) => r.ruleId === 'env-file');
    expect(env.map((r) => decodeURIComponent(r.locations[0]!.physicalLocation.artifactLocation.uri))).toEqual(['.env', 'svc/.env.prod']);
    expect(env[1]!.properties.commit).toBe('c'.repeat(40));
  });

  test('rules are listed once each, in the order first used', () => {
    const { result } = sample();
    const run = (JSON.parse(renderSarif({ ...result, findings: [...result.findings, ...result.findings] }, { toolVersion: '1' })) as SarifShape).runs[0]!;
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
  });

  test('paths become relative URI references', () => {
    expect(pathToUri('src/a.ts')).toBe('src/a.ts');
    expect(pathToUri(ODD_PATH)).toBe('dir%20with%20space/caf%C3%A9%20%231%2Ca%3Ab%25.ts');
  });

  test('a clean scan is valid SARIF with no results', () => {
    const log = JSON.parse(renderSarif({ findings: [], envFiles: [], stats: { files: 0, lines: 0, bytes: 0, ms: 0, commits: 3 } }, { toolVersion: '1' })) as SarifShape;
    expect(sarifErrors(log)).toEqual([]);
    expect(log.runs[0]!.results).toEqual([]);
  });
});

/** Undoes the workflow-command escapes, as the runner does. */
function unescape(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

describe('GitHub Actions annotations', () => {
  test('one workflow command per finding, with file, line, col and escaped text', () => {
    const { result, secrets } = sample();
    const out = renderGithub(result, 'unused');
    for (const secret of secrets) expect(out).not.toContain(secret);
    const lines = out.trimEnd().split('\n');
    const commands = lines.filter((l) => l.startsWith('::'));
    expect(commands).toHaveLength(result.findings.length + result.envFiles.length);
    for (const line of commands) {
      // Only the separators are left raw: no newline or stray '::' inside a command.
      const m = /^::(error|warning) ([^:]*)::(.*)$/.exec(line);
      expect(m).not.toBeNull();
      const props = Object.fromEntries(m![2]!.split(',').map((p) => [p.slice(0, p.indexOf('=')), unescape(p.slice(p.indexOf('=') + 1))]));
      expect(Object.keys(props)).toEqual(expect.arrayContaining(['file', 'line', 'title']));
    }
    const json = toJsonReport(result);
    json.findings.forEach((f, i) => {
      const m = /^::(error|warning) ([^:]*)::(.*)$/.exec(commands[i]!)!;
      const props = Object.fromEntries(m[2]!.split(',').map((p) => [p.slice(0, p.indexOf('=')), unescape(p.slice(p.indexOf('=') + 1))]));
      expect(props).toMatchObject({ file: f.path, line: String(f.line), col: String(f.column) });
      expect(m[1]).toBe(result.findings[i]!.blocks ? 'error' : 'warning');
      const message = unescape(m[3]!);
      expect(message).toContain(f.redacted);
      expect(message).toContain(f.rotateUrl);
      if (f.commit) expect(message).toContain(`Added in commit ${f.commit}`);
    });
    expect(lines[lines.length - 1]).toMatch(/^keyfence: \d+ findings \(blocking\), annotated above\./);
  });

  test('a clean run prints the summary it is given, so it shows what was scanned', () => {
    const out = renderGithub({ findings: [], envFiles: [], stats: { files: 2, lines: 9, bytes: 1, ms: 1 } }, 'keyfence: 2 files, 9 lines, no secrets');
    expect(out).toBe('keyfence: 2 files, 9 lines, no secrets\n');
  });
});
