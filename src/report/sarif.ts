import type { Confidence, Rule } from '../detect/types';
import type { EnvFileStatus, Finding, ScanResult } from '../policy/types';
import { redact } from './redact';
import { envReason } from './text';

/**
 * SARIF 2.1.0 (OASIS), as GitHub code scanning and other viewers read it. It
 * carries what the JSON report carries: rule, provider, description, redacted
 * value, place, fingerprint and where to rotate. Never a secret in full.
 */

interface SarifMessage {
  readonly text: string;
  readonly markdown?: string;
}

interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: SarifMessage;
  readonly fullDescription: SarifMessage;
  readonly helpUri?: string;
  readonly help: SarifMessage;
  readonly defaultConfiguration: { readonly level: SarifLevel };
  readonly properties: Readonly<Record<string, unknown>>;
}

type SarifLevel = 'error' | 'warning' | 'note';

interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: SarifLevel;
  readonly message: SarifMessage;
  readonly locations: readonly unknown[];
  readonly partialFingerprints?: Readonly<Record<string, string>>;
  readonly properties: Readonly<Record<string, unknown>>;
}

export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly unknown[];
}

export interface SarifOptions {
  /** keyfence's version, for tool.driver.version. */
  readonly toolVersion: string;
}

/** The key under which our own fingerprint (hash of rule id and secret) travels. */
export const FINGERPRINT_KEY = 'keyfenceFingerprint/v1';

const ENV_RULE_ID = 'env-file';

const PRECISION: Record<Confidence, string> = { high: 'very-high', medium: 'high', low: 'medium' };
/** GitHub ranks alerts by this (over 9.0 critical, 7.0 to 8.9 high, 4.0 to 6.9 medium). */
const SEVERITY: Record<Confidence, string> = { high: '9.5', medium: '8.0', low: '5.0' };

function isHttpUrl(text: string): boolean {
  return /^https?:\/\/[^\s]+$/.test(text);
}

/** A repo path as a relative URI reference: each segment percent-encoded (spaces, '#', '%', non-ASCII). */
export function pathToUri(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** UpperCamelCase of the rule id, as SARIF's reportingDescriptor.name suggests. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function secretRule(rule: Rule): SarifRule {
  const rotate = isHttpUrl(rule.rotateUrl) ? `rotate it at ${rule.rotateUrl}` : `rotate it: ${rule.rotateUrl}`;
  const text =
    `${rule.description} A ${rule.provider} credential in a commit must be treated as leaked: ${rotate} ` +
    '(revoke it and issue a new one), then read it from an environment variable or an ignored .env file. ' +
    'Deleting it in a new commit is not enough. A false positive: add "keyfence:allow" in a comment on the line, ' +
    'or allow it in .keyfencerc.json.';
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: `${rule.provider} credential (${rule.id})` },
    fullDescription: { text: rule.description },
    ...(isHttpUrl(rule.rotateUrl) ? { helpUri: rule.rotateUrl } : {}),
    help: { text },
    defaultConfiguration: { level: rule.confidence === 'low' || rule.generic ? 'warning' : 'error' },
    properties: {
      tags: ['security', 'secret', 'credential'],
      precision: PRECISION[rule.confidence],
      'security-severity': SEVERITY[rule.confidence],
      provider: rule.provider,
      rotateUrl: rule.rotateUrl,
    },
  };
}

const ENV_RULE: SarifRule = {
  id: ENV_RULE_ID,
  name: 'EnvFile',
  shortDescription: { text: 'Env file in git (.env)' },
  fullDescription: { text: 'A .env file holds the values that must stay out of git; it belongs in .gitignore.' },
  help: {
    text:
      'Keep env files out of git: `npx keyfence --fix` adds them to .gitignore and unstages them (the files stay on disk). ' +
      'Values in an env file that was committed must be treated as leaked and rotated.',
  },
  defaultConfiguration: { level: 'error' },
  properties: { tags: ['security', 'secret', 'dotenv'], precision: 'very-high', 'security-severity': '8.0' },
};

function location(path: string, line: number, column: number): unknown {
  return {
    physicalLocation: {
      artifactLocation: { uri: pathToUri(path), uriBaseId: '%SRCROOT%' },
      region: { startLine: line, startColumn: column },
    },
  };
}

function commitWords(commit: string | undefined, authorDate: string | undefined): string {
  if (!commit) return '';
  return ` Added in commit ${commit}${authorDate ? ` (authored ${authorDate})` : ''}: deleting it in a new commit is not enough, rotate it.`;
}

function secretResult(f: Finding, ruleIndex: number): SarifResult {
  const redacted = redact(f.rule, f.secret);
  const rotate = isHttpUrl(f.rule.rotateUrl) ? `Rotate it at ${f.rule.rotateUrl}.` : `Rotate it: ${f.rule.rotateUrl}.`;
  return {
    ruleId: f.rule.id,
    ruleIndex,
    level: f.blocks ? 'error' : 'warning',
    message: { text: `${f.rule.provider} credential ${redacted}: ${f.rule.description} ${rotate}${commitWords(f.commit, f.authorDate)}` },
    locations: [location(f.path, f.line, f.column)],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: {
      provider: f.rule.provider,
      description: f.rule.description,
      redacted,
      fingerprint: f.fingerprint,
      rotateUrl: f.rule.rotateUrl,
      blocks: f.blocks,
      ...(f.commit ? { commit: f.commit } : {}),
      ...(f.authorDate ? { authorDate: f.authorDate } : {}),
    },
  };
}

function envResult(e: EnvFileStatus, ruleIndex: number): SarifResult {
  return {
    ruleId: ENV_RULE_ID,
    ruleIndex,
    level: e.blocks ? 'error' : 'warning',
    message: { text: `${e.path}: ${envReason(e)}.${commitWords(e.commit, e.authorDate).replace('rotate it', 'rotate its values')}` },
    locations: [location(e.path, 1, 1)],
    properties: {
      state: e.state,
      ignored: e.ignored,
      blocks: e.blocks,
      ...(e.commit ? { commit: e.commit } : {}),
      ...(e.authorDate ? { authorDate: e.authorDate } : {}),
    },
  };
}

export function toSarif(result: ScanResult, options: SarifOptions): SarifLog {
  const rules: SarifRule[] = [];
  const indexOf = new Map<string, number>();
  const ruleIndex = (id: string, make: () => SarifRule): number => {
    let index = indexOf.get(id);
    if (index === undefined) {
      index = rules.push(make()) - 1;
      indexOf.set(id, index);
    }
    return index;
  };
  const results: SarifResult[] = [
    ...result.findings.map((f) => secretResult(f, ruleIndex(f.rule.id, () => secretRule(f.rule)))),
    ...result.envFiles.map((e) => envResult(e, ruleIndex(ENV_RULE_ID, () => ENV_RULE))),
  ];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'keyfence',
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            rules,
          },
        },
        // Our columns are JavaScript string indices.
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          stats: {
            files: result.stats.files,
            lines: result.stats.lines,
            bytes: result.stats.bytes,
            ms: result.stats.ms,
            ...(result.stats.commits !== undefined ? { commits: result.stats.commits } : {}),
          },
          ...(result.staleBaseline ? { staleBaseline: result.staleBaseline } : {}),
        },
      },
    ],
  };
}

export function renderSarif(result: ScanResult, options: SarifOptions): string {
  return JSON.stringify(toSarif(result, options), null, 2) + '\n';
}
