/**
 * The positive corpus: every format of token-formats.json, generated afresh and
 * planted in a dozen file types and contexts, one key per file, with the exact
 * line range it occupies recorded so that scanner findings can be mapped back.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Format } from './formats';
import { generate, newGeneratorStats, type GeneratorStats, type Method } from './generate';
import { HarnessError, type Rng } from './util';

export const CONTEXTS = [
  'js-string',
  'shell-export',
  'json-value',
  'yaml-value',
  'url-query',
  'http-header',
  'minified-js',
  'crlf-ini',
  'template-indented',
  'ipynb',
  'python',
  'raw-file',
] as const;
export type ContextId = (typeof CONTEXTS)[number];

export const CONTEXT_DESCRIPTIONS: Record<ContextId, string> = {
  'js-string': 'TypeScript: `const NAME = "<key>";` (PEM and other multi-line keys as one string with \\n escapes; JSON documents as an object literal)',
  'shell-export': 'config.sh: `export NAME=<key>` unquoted (single-quoted only when the value has spaces or shell metacharacters; multi-line values double-quoted over several lines)',
  'json-value': 'settings.json: `"NAME": "<key>"` in a pretty-printed object (JSON documents nested as an object)',
  'yaml-value': 'config.yaml: `  NAME: <key>` plain scalar under a mapping (quoted only when YAML requires it; multi-line values as a `|` block)',
  'url-query': 'JavaScript: `fetch("https://api.acme-corp.io/v1/export?format=csv&NAME=<key>&page=2")` (NAME is `key` for rows without context, `next` for URL rows; not used for multi-line values, whole config lines, or keys whose alphabet has & or #)',
  'http-header': 'request.http: a raw HTTP request, key in `Authorization: Bearer <key>` (context rows: a header named after a context keyword; URL rows: `Location:`)',
  'minified-js': 'bundle.js: one minified line of 2,200-4,000 characters of other statements around `{NAME:"<key>"}` / `var x="<key>"`',
  'crlf-ini': 'settings.ini with CRLF line endings: `NAME = <key>` (multi-line values: the block itself, CRLF)',
  'template-indented': 'TypeScript: an indented multi-line template string containing `NAME = <key>` (multi-line values indented line by line)',
  ipynb: 'Jupyter notebook JSON: the key in a code cell\'s "source" array (`NAME = \\"<key>\\"\\n`; multi-line values one array element per line)',
  python: 'settings.py: `NAME = "<key>"` (multi-line values in a triple-quoted string)',
  'raw-file': 'the value alone in a file named as it would be (server.key, private.asc, deploy.ppk, service-account.json, wg0.conf, .npmrc, token.txt ...); not used for rows that need context',
};

export interface PlantedKey {
  readonly index: number;
  readonly format: Format;
  readonly context: ContextId;
  readonly value: string;
  readonly method: Method;
  /** Path relative to the corpus repository root, `/`-separated. */
  readonly path: string;
  /** 1-based, inclusive: the lines the key's characters occupy. */
  readonly startLine: number;
  readonly endLine: number;
}

interface Placement {
  readonly file: string;
  readonly lines: string[];
  /** 0-based indices into lines, inclusive. */
  readonly start: number;
  readonly end: number;
  readonly eol?: '\n' | '\r\n';
}

const isMultiLine = (format: Format) => format.kind === 'pem' || format.kind === 'multiline' || format.kind === 'json';

/** Which contexts a format is planted in (multi-line blocks and whole config lines do not go into URLs or headers). */
export function contextsFor(format: Format): ContextId[] {
  const urlUnsafe = format.body.some((s) => s.charset !== undefined && /[&#]/.test(s.charset));
  return CONTEXTS.filter((c) => {
    // A bare value has no context by definition: rows that need context are only planted as assignments.
    if (c === 'raw-file') return !format.needsContext;
    // '&' or '#' would end a query value: such keys (django) would be percent-encoded in a real URL.
    if (c === 'url-query') return !isMultiLine(format) && format.kind !== 'line' && !urlUnsafe;
    if (c === 'http-header') return !isMultiLine(format) && (format.kind !== 'line' || /^Authorization: /.test(format.prefix ?? ''));
    return true;
  });
}

// ---------------------------------------------------------------- names

const IDENT = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Names that carry no provider or secret keyword at all (shape-only detection). */
const NEUTRAL = ['setting', 'value', 'entry', 'field', 'option', 'item', 'cfgValue', 'slotB', 'param', 'record'];

export function neutralNames(formats: readonly Format[]): string[] {
  const words = formats.flatMap((f) => f.contextKeywords.map((k) => k.toLowerCase())).filter((k) => k.length >= 3);
  words.push('key', 'token', 'secret', 'pass', 'auth', 'cred', 'api', 'pwd');
  const names = NEUTRAL.filter((n) => !words.some((w) => n.toLowerCase().includes(w)));
  if (names.length < 4) throw new HarnessError('neutral variable names collide with context keywords');
  return names;
}

/**
 * An assignment name for a context row, as people write it: the row's own
 * env-var keyword (MISTRAL_API_KEY), else provider word + secret-ish keyword
 * (twitch_client_secret), else PROVIDER_API_KEY / _TOKEN / _SECRET.
 */
export function contextName(format: Format): string {
  const secretish = /KEY|TOKEN|SECRET|PAT|PASSWORD/i;
  const idents = format.contextKeywords.filter((k) => IDENT.test(k) && k.length >= 3 && !k.endsWith('_'));
  if (idents.length === 0) throw new HarnessError(`${format.id}: no identifier-like context keyword to name the variable after`);
  const upper = idents.filter((k) => /^[A-Z0-9_]+$/.test(k) && k.includes('_'));
  const word = idents.find((k) => /^[A-Za-z]+$/.test(k) && !/key|token|secret|pass|pwd|auth|credential/i.test(k));
  if (upper.length) {
    const named = upper.filter((k) => secretish.test(k));
    const pool = named.length ? named : upper;
    return pool.find((k) => word !== undefined && k.toLowerCase().includes(word.toLowerCase())) ?? pool[0]!;
  }
  const snake = idents.filter((k) => k.includes('_') && secretish.test(k));
  if (snake.length) {
    const best = snake.find((k) => /secret|token|password/i.test(k)) ?? snake[0]!;
    return word ? `${word}_${best}` : best;
  }
  const suffix = /token/.test(format.id) ? 'TOKEN' : /secret/.test(format.id) ? 'SECRET' : 'API_KEY';
  return `${(word ?? idents[0]!).toUpperCase()}_${suffix}`;
}

/** The header line for a context row: a header named after a context keyword. */
function contextHeader(format: Format, name: string, value: string): string {
  const kws = format.contextKeywords;
  const auth = kws.find((k) => /^Authorization: /i.test(k));
  if (auth) return auth.endsWith('=') ? `${auth}${value}` : `${auth} ${value}`;
  const header = kws.find((k) => /^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+$/.test(k) && /key|token|auth|secret/i.test(k) && !/-id$/i.test(k));
  if (header) return `${header}: ${value}`;
  const scheme = kws.find((k) => k === 'SSWS' || k === 'GenieKey');
  if (scheme) return `Authorization: ${scheme} ${value}`;
  const title = name
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('-');
  // X-Mistral-Api-Key still contains "mistral"; when hyphens would break the only keyword
  // (SECRET_KEY, RAILS_MASTER_KEY, ADO_PAT), the variable name is used verbatim.
  const keeps = kws.some((k) => k.length >= 4 && title.toLowerCase().includes(k.toLowerCase()));
  return `X-${keeps ? title : name}: ${value}`;
}

// ---------------------------------------------------------------- quoting

const jsString = (v: string) => JSON.stringify(v);

function shellValue(v: string): string {
  if (/^[^\s'"`;&|<>()$\\#]+$/.test(v)) return v;
  if (!v.includes("'")) return `'${v}'`;
  return `"${v.replace(/(["\\$`])/g, '\\$1')}"`;
}

function yamlScalar(v: string): string {
  const plainOk = !/: |\s#|^[-?:,[\]{}#&*!|>'"%@`\s]|:$|\s$/.test(v);
  return plainOk ? v : `'${v.replace(/'/g, "''")}'`;
}

/** A JSON document value, re-indented (the row's own pretty-printing kept). */
function indentBlock(text: string, indent: string): string[] {
  return text.split('\n').map((l) => indent + l);
}

// ---------------------------------------------------------------- filler

const WORDS = ['render', 'update', 'state', 'props', 'layout', 'buffer', 'queue', 'items', 'resolve', 'handler', 'cursorPos', 'chunk', 'width', 'height', 'offset'];

function minifiedFiller(rng: Rng, target: number): string {
  const id = () => String.fromCharCode(97 + rng.int(26)) + (rng.int(2) ? String.fromCharCode(65 + rng.int(26)) : '');
  const n = () => String(rng.int(1000));
  const w = () => rng.pick(WORDS);
  const forms = [
    () => `function ${id()}(e,t){return e&&t.length>${n()}?e:t}`,
    () => `var ${id()}=[${n()},${n()},${n()}],${id()}={type:"${w()}",size:${n()}}`,
    () => `${id()}.prototype.${w()}=function(){return this.${w()}}`,
    () => `if(!${id()})throw new Error("${w()} failed: "+${id()})`,
    () => `Object.defineProperty(${id()},"${w()}",{enumerable:!0,get:function(){return ${id()}.${w()}}})`,
    () => `for(var ${id()}=0;${id()}<${n()};${id()}++)${id()}.push(${id()}[${id()}])`,
    () => `${id()}=${id()}.map(function(e){return e.${w()}*${n()}})`,
  ];
  const parts: string[] = [];
  let length = 0;
  while (length < target) {
    const s = rng.pick(forms)();
    parts.push(s);
    length += s.length + 1;
  }
  return parts.join(';');
}

function leadingComment(rng: Rng, style: '//' | '#' | ';'): string[] {
  const pool = ['generated settings for the staging stack', 'keep in sync with the deploy scripts', 'see docs/setup.md', 'local overrides'];
  return Array.from({ length: rng.int(3) }, () => `${style} ${rng.pick(pool)}`);
}

// ---------------------------------------------------------------- planting

interface Naming {
  readonly name: string;
  readonly header: (value: string) => string;
}

function naming(format: Format, neutral: readonly string[], rng: Rng): Naming {
  if (format.needsContext) {
    const name = contextName(format);
    return { name, header: (v) => contextHeader(format, name, v) };
  }
  const name = rng.pick(neutral);
  const header = (v: string) => {
    if (format.kind === 'line') return v; // Authorization: Basic/Bearer rows are the header line themselves
    if (format.kind === 'url' || format.kind === 'dburl') return `Location: ${v}`;
    return `Authorization: Bearer ${v}`;
  };
  return { name, header };
}

function rawFileName(format: Format): string {
  const byId: Record<string, string> = {
    'putty-private-key': 'deploy.ppk',
    'pgp-private-key-block': 'private.asc',
    'kubernetes-secret-manifest': 'secret.yaml',
    'gcp-service-account-key': 'service-account.json',
    'docker-config-auth': 'docker/config.json',
    'google-oauth-client-credentials-json': 'client_secret.json',
    'wireguard-private-key': 'wg0.conf',
    'npmrc-auth-token': '.npmrc',
    'netrc-credentials': 'netrc.txt',
    'curl-user-credentials': 'deploy.sh',
  };
  if (byId[format.id]) return byId[format.id]!;
  if (format.kind === 'pem') return format.id === 'private-key-openssh' ? 'deploy_key' : 'server.key';
  if (format.kind === 'line') return 'connection.txt';
  if (format.kind === 'url' || format.kind === 'dburl') return 'endpoint.txt';
  return 'token.txt';
}

/** Places one value in one context; returns the file's lines and where the value sits. */
function place(format: Format, context: ContextId, value: string, nm: Naming, rng: Rng): Placement {
  const multi = value.includes('\n');
  const isJsonDoc = format.kind === 'json';
  const name = nm.name;
  const vLines = value.split('\n');
  switch (context) {
    case 'js-string': {
      const head = ["import { createClient } from './client';", '', ...leadingComment(rng, '//')];
      const body = isJsonDoc ? `export const ${name} = ${value};`.split('\n') : [`export const ${name} = ${jsString(value)};`];
      return {
        file: 'client.ts',
        lines: [...head, ...body, '', `export default createClient({ ${name} });`],
        start: head.length,
        end: head.length + body.length - 1,
      };
    }
    case 'shell-export': {
      const head = ['#!/usr/bin/env bash', 'set -euo pipefail', ...leadingComment(rng, '#'), 'export NODE_ENV=production'];
      let body: string[];
      if (isJsonDoc) body = [`export ${name}='${JSON.stringify(JSON.parse(value))}'`];
      else if (multi) body = `export ${name}="${value}"`.split('\n');
      else body = [`export ${name}=${shellValue(value)}`];
      return { file: 'config.sh', lines: [...head, ...body, 'exec node server.js'], start: head.length, end: head.length + body.length - 1 };
    }
    case 'json-value': {
      const head = ['{', '  "service": "billing-api",', '  "region": "eu-west-1",'];
      const body = isJsonDoc
        ? [`  "${name}": ${indentBlock(value, '  ').join('\n').trimStart()},`.split('\n')].flat()
        : [`  "${name}": ${jsString(value)},`];
      return { file: 'settings.json', lines: [...head, ...body, '  "retries": 3', '}'], start: head.length, end: head.length + body.length - 1 };
    }
    case 'yaml-value': {
      const head = [...leadingComment(rng, '#'), 'service:', '  name: billing-api', '  replicas: 2', 'settings:'];
      const body = multi ? [`  ${name}: |`, ...indentBlock(value, '    ')] : [`  ${name}: ${yamlScalar(value)}`];
      const start = head.length + (multi ? 1 : 0);
      return { file: 'config.yaml', lines: [...head, ...body, '  timeout: 30s'], start, end: head.length + body.length - 1 };
    }
    case 'url-query': {
      const param = format.needsContext ? name : format.kind === 'url' || format.kind === 'dburl' ? 'next' : 'key';
      const head = ["'use strict';", ...leadingComment(rng, '//')];
      const line = `const res = await fetch("https://api.acme-corp.io/v1/export?format=csv&${param}=${value}&page=2");`;
      return { file: 'export.mjs', lines: [...head, line, 'console.log(res.status);'], start: head.length, end: head.length };
    }
    case 'http-header': {
      const head = ['### list invoices', 'GET https://api.acme-corp.io/v1/invoices?limit=20 HTTP/1.1', 'Host: api.acme-corp.io'];
      return {
        file: 'request.http',
        lines: [...head, nm.header(value), 'Accept: application/json', ''],
        start: head.length,
        end: head.length,
      };
    }
    case 'minified-js': {
      const literal = isJsonDoc ? JSON.stringify(JSON.parse(value)) : jsString(value);
      const stmt = format.needsContext ? `${String.fromCharCode(97 + rng.int(26))}={${name}:${literal}}` : `var ${String.fromCharCode(97 + rng.int(26))}=${literal}`;
      const line = `${minifiedFiller(rng, rng.between(1100, 2000))};${stmt};${minifiedFiller(rng, rng.between(1100, 2000))};`;
      return { file: 'bundle.js', lines: ['/*! app-bundle v3.2.1 | MIT */', line, '//# sourceMappingURL=bundle.js.map'], start: 1, end: 1 };
    }
    case 'crlf-ini': {
      if (multi) {
        const head = ['; exported from the vault on rotation day'];
        return { file: 'secrets.txt', lines: [...head, ...vLines, ''], start: 1, end: vLines.length, eol: '\r\n' };
      }
      const head = ['; generated by setup.exe', '[service]', 'name = billing-api'];
      return { file: 'settings.ini', lines: [...head, `${name} = ${value}`, 'retries = 3', ''], start: head.length, end: head.length, eol: '\r\n' };
    }
    case 'template-indented': {
      const head = ['export function renderConfig(region: string): string {', '  return `', '      [default]', '      region = ${region}'];
      const body = multi ? [`      ${name} = `, ...indentBlock(value, '        ')] : [`      ${name} = ${value}`];
      const start = head.length + (multi ? 1 : 0);
      return { file: 'render.ts', lines: [...head, ...body, '    `;', '}'], start, end: head.length + body.length - 1 };
    }
    case 'ipynb': {
      const code = isJsonDoc
        ? [`${name} = ${vLines[0]}`, ...vLines.slice(1)]
        : multi
          ? [`${name} = """${vLines[0]}`, ...vLines.slice(1, -1), `${vLines[vLines.length - 1]}"""`]
          : [`${name} = "${value}"`];
      const source = ['import os', 'from acme import Client', ...code, 'client = Client()'];
      const head = [
        '{',
        ' "cells": [',
        '  {',
        '   "cell_type": "markdown",',
        '   "metadata": {},',
        '   "source": [',
        '    "# Exploring the invoices API"',
        '   ]',
        '  },',
        '  {',
        '   "cell_type": "code",',
        '   "execution_count": 1,',
        '   "metadata": {},',
        '   "outputs": [],',
        '   "source": [',
      ];
      const srcLines = source.map((l, i) => `    ${JSON.stringify(i === source.length - 1 ? l : l + '\n')}${i === source.length - 1 ? '' : ','}`);
      const tail = ['   ]', '  }', ' ],', ' "metadata": {', '  "kernelspec": {', '   "display_name": "Python 3",', '   "language": "python",', '   "name": "python3"', '  }', ' },', ' "nbformat": 4,', ' "nbformat_minor": 5', '}'];
      const start = head.length + 2;
      return { file: 'explore.ipynb', lines: [...head, ...srcLines, ...tail], start, end: start + code.length - 1 };
    }
    case 'python': {
      const head = ['import os', '', ...leadingComment(rng, '#'), 'DEBUG = False'];
      const body = isJsonDoc
        ? `${name} = ${value}`.split('\n')
        : multi
          ? `${name} = """${value}"""`.split('\n')
          : [`${name} = "${value}"`];
      return { file: 'settings.py', lines: [...head, ...body, 'TIMEOUT = 30'], start: head.length, end: head.length + body.length - 1 };
    }
    case 'raw-file': {
      return { file: rawFileName(format), lines: [...vLines, ''], start: 0, end: vLines.length - 1 };
    }
  }
}

export interface PositiveCorpus {
  readonly keys: PlantedKey[];
  readonly files: number;
  readonly bytes: number;
  readonly stats: GeneratorStats;
}

/** Generates and writes the positive corpus under `root` (a fresh directory). */
export function buildPositiveCorpus(formats: readonly Format[], root: string, rng: Rng): PositiveCorpus {
  const neutral = neutralNames(formats);
  for (const f of formats) {
    if (!f.needsContext) continue;
    const name = contextName(f).toLowerCase();
    if (!f.contextKeywords.some((k) => name.includes(k.toLowerCase()))) {
      throw new HarnessError(`${f.id}: variable name ${name} does not contain a context keyword`);
    }
  }
  const stats = newGeneratorStats();
  const keys: PlantedKey[] = [];
  let bytes = 0;
  for (const format of formats) {
    const frng = rng.fork(format.id);
    for (const context of contextsFor(format)) {
      const { value, method } = generate(format, frng, stats);
      const placement = place(format, context, value, naming(format, neutral, frng), frng);
      const index = keys.length;
      const path = `${context}/k${String(index).padStart(4, '0')}/${placement.file}`;
      const eol = placement.eol ?? '\n';
      const text = placement.lines.join(eol) + (placement.lines[placement.lines.length - 1] === '' ? '' : eol);
      const full = join(root, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
      bytes += Buffer.byteLength(text);
      // The value's first and last characters must really be on the recorded lines.
      const first = value.split('\n')[0]!.slice(0, 12);
      if (!placement.lines[placement.start]!.includes(JSON.stringify(first).slice(1, -1)) && !placement.lines[placement.start]!.includes(first)) {
        throw new HarnessError(`planting bug: ${format.id} in ${context} is not on its recorded line`);
      }
      keys.push({ index, format, context, value, method, path, startLine: placement.start + 1, endLine: placement.end + 1 });
    }
  }
  return { keys, files: keys.length, bytes, stats };
}
