/**
 * The credential-format catalogue (shared/token-formats.json), read at run time.
 * Its path is KEYFENCE_FORMATS, else /work/shared/token-formats.json, else
 * shared/token-formats.json next to or above the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HarnessError, REPO_ROOT } from './util';
import { charset } from '../helpers/synth';

export type Segment =
  | { readonly literal: string; readonly oneOf?: undefined; readonly charset?: undefined }
  | { readonly oneOf: readonly string[]; readonly literal: string; readonly charset?: undefined }
  | {
      readonly charset: string;
      readonly length: number | readonly [number, number];
      readonly lineWrap?: number;
      readonly checksum?: string;
      readonly literal?: undefined;
      readonly oneOf?: undefined;
    };

export type Kind = 'token' | 'url' | 'dburl' | 'line' | 'json' | 'pem' | 'multiline' | 'jwt';
export type Confidence = 'high' | 'medium' | 'low';

export interface Format {
  readonly id: string;
  readonly name: string;
  readonly provider: string;
  readonly group: string;
  readonly kind: Kind;
  readonly prefix: string | null;
  readonly prefixAlternatives?: readonly string[];
  readonly body: readonly Segment[];
  readonly totalLength: number | readonly [number, number];
  readonly checksum: string | null;
  readonly needsContext: boolean;
  readonly contextKeywords: readonly string[];
  readonly confidence: Confidence;
  readonly structureCertainty: string;
  readonly generatorHint?: string;
  readonly doNotFlag: readonly string[];
}

export function formatsPath(): string {
  if (process.env.KEYFENCE_FORMATS) return resolve(process.env.KEYFENCE_FORMATS);
  const candidates = [
    '/work/shared/token-formats.json',
    join(REPO_ROOT, 'shared', 'token-formats.json'),
    join(REPO_ROOT, '..', 'shared', 'token-formats.json'),
  ];
  return candidates.find((p) => existsSync(p)) ?? candidates[0]!;
}

/** Loads and sanity-checks the catalogue; a missing or malformed file is a harness failure. */
export function loadFormats(path = formatsPath()): Format[] {
  if (!existsSync(path)) {
    throw new HarnessError(
      `token-formats.json not found at ${path}. Set KEYFENCE_FORMATS=/path/to/token-formats.json ` +
        '(the shared catalogue of credential formats the positive corpus is generated from).',
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new HarnessError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data) || data.length === 0) throw new HarnessError(`${path}: expected a non-empty array of formats`);
  const ids = new Set<string>();
  for (const row of data as Format[]) {
    if (typeof row.id !== 'string' || !Array.isArray(row.body) || typeof row.kind !== 'string') {
      throw new HarnessError(`${path}: a row lacks id/kind/body: ${JSON.stringify(row).slice(0, 120)}`);
    }
    if (ids.has(row.id)) throw new HarnessError(`${path}: duplicate id ${row.id}`);
    ids.add(row.id);
  }
  return data as Format[];
}

/** Expands a class written like a regex bracket body (`A-Za-z0-9_-`) to its distinct characters. */
export function expandCharset(spec: string): string {
  return [...new Set(charset(spec))].join('');
}

export function lengthRange(length: number | readonly [number, number]): [number, number] {
  return typeof length === 'number' ? [length, length] : [length[0], length[1]];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function classBody(chars: string): string {
  return chars.replace(/[\]\\^-]/g, '\\$&');
}

/**
 * A regular expression of everything the row's structure allows (prefix,
 * segments; line breaks inside `lineWrap` segments). Every generated key is
 * checked against it, so a generator bug shows as a harness error, not as a
 * recall miss.
 */
export function structureRegExp(format: Format): RegExp {
  const prefixes = format.prefixAlternatives?.length ? format.prefixAlternatives : format.prefix ? [format.prefix] : [''];
  let source = `(?:${prefixes.map(escapeRegExp).join('|')})`;
  for (const seg of format.body) {
    if (seg.oneOf) source += `(?:${seg.oneOf.map(escapeRegExp).join('|')})`;
    else if (seg.charset !== undefined) {
      const [min, max] = lengthRange(seg.length);
      const cls = classBody(expandCharset(seg.charset));
      if (seg.lineWrap) {
        const extra = Math.ceil(max / seg.lineWrap) + 2;
        source += `[${cls}\\n]{${min},${max + extra}}`;
      } else source += `[${cls}]{${min},${max}}`;
    } else source += escapeRegExp(seg.literal);
  }
  return new RegExp(`^${source}$`);
}
