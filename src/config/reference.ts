import { z } from 'zod';

/**
 * The configuration reference in docs/configuration.md, rendered from the zod
 * schema (via its JSON Schema) so the documented keys, types and defaults are
 * the validated ones. Pure: schema in, markdown out. `npm run docs` writes it;
 * test/unit/docs.test.ts fails when the file is stale.
 */

/** The slice of JSON Schema that z.toJSONSchema emits for our config. */
interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly default?: unknown;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly minLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly anyOf?: readonly JsonSchema[];
}

export interface ReferenceRow {
  /** Dotted key path, e.g. `allow.paths`. */
  readonly key: string;
  readonly type: string;
  /** The default as JSON, or null when the key has none. */
  readonly default: string | null;
  /** The default is applied in code when the key is absent, not by the schema. */
  readonly computed: boolean;
  readonly description: string;
}

/** The generated section sits between these markers; the prose around it is hand-written. */
export const REFERENCE_BEGIN = '<!-- BEGIN GENERATED: configuration reference (`npm run docs` renders it from src/config/schema.ts; do not edit by hand) -->';
export const REFERENCE_END = '<!-- END GENERATED: configuration reference -->';

export interface ReferenceOptions {
  /**
   * Defaults that live outside the schema (an optional key whose absence means
   * "use this list"), keyed by dotted path; rendered instead of "none".
   */
  readonly computedDefaults?: Readonly<Record<string, unknown>>;
}

function typeOf(schema: JsonSchema, key: string): string {
  if (schema.anyOf) return schema.anyOf.map((s) => typeOf(s, key)).join(' \\| ');
  if (schema.enum) return schema.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  const type = schema.type;
  if (Array.isArray(type)) return type.join(' \\| ');
  switch (type) {
    case 'string':
      return schema.minLength === 1 ? 'string (non-empty)' : 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
    case 'integer': {
      const range = [
        schema.minimum !== undefined ? `≥ ${schema.minimum}` : '',
        schema.maximum !== undefined ? `≤ ${schema.maximum}` : '',
      ].filter(Boolean);
      return range.length ? `${type} (${range.join(', ')})` : String(type);
    }
    case 'array': {
      const items = schema.items;
      if (!items) return 'array';
      if (items.type === 'string' && !items.enum && items.const === undefined) {
        return items.minLength === 1 ? 'string[] (no empty strings)' : 'string[]';
      }
      const item = typeOf(items, `${key}[]`);
      return /^[a-z]+$/.test(item) ? `${item}[]` : `array of ${item}`;
    }
    case 'object':
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        return `map of string to ${typeOf(schema.additionalProperties, `${key}.*`)}`;
      }
      return 'object';
    default:
      // A schema form this renderer does not know must be taught, not guessed.
      throw new Error(`config reference: cannot render the type of "${key}"; extend typeOf in src/config/reference.ts`);
  }
}

function isObjectWithKeys(schema: JsonSchema): schema is JsonSchema & { properties: Readonly<Record<string, JsonSchema>> } {
  return schema.type === 'object' && schema.properties !== undefined && Object.keys(schema.properties).length > 0;
}

/** One row per settable leaf key, in schema order; objects are only containers. */
export function referenceRows(schema: z.ZodType, options: ReferenceOptions = {}): ReferenceRow[] {
  // io: 'input' describes what a user writes (defaulted keys are optional there).
  const root = z.toJSONSchema(schema, { io: 'input' }) as JsonSchema;
  if (!isObjectWithKeys(root)) throw new Error('config reference: the config schema must be an object with keys');
  const rows: ReferenceRow[] = [];
  const walk = (node: JsonSchema & { properties: Readonly<Record<string, JsonSchema>> }, prefix: string): void => {
    for (const [name, child] of Object.entries(node.properties)) {
      const key = prefix + name;
      if (isObjectWithKeys(child)) {
        walk(child, `${key}.`);
        continue;
      }
      if (!child.description) {
        // Every key a user can set is documented, or the docs test fails.
        throw new Error(`config reference: "${key}" has no description; add .describe('...') in src/config/schema.ts`);
      }
      const computed = child.default === undefined ? options.computedDefaults?.[key] : undefined;
      const value = child.default !== undefined ? child.default : computed;
      rows.push({
        key,
        type: typeOf(child, key),
        default: value !== undefined ? JSON.stringify(value) : null,
        computed: computed !== undefined,
        description: child.description,
      });
    }
  };
  walk(root, '');
  for (const key of Object.keys(options.computedDefaults ?? {})) {
    if (!rows.some((r) => r.key === key && r.computed)) {
      throw new Error(`config reference: a built-in default is given for "${key}", which is not an optional key without a schema default`);
    }
  }
  return rows;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Wraps a JSON value for a table cell (backticks inside would end the code span). */
function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

function defaultCell(row: ReferenceRow): string {
  if (row.default === null) return 'none';
  return row.computed ? `${code(row.default)} (built in, used while unset)` : code(row.default);
}

/** The parsed defaults with the built-in ones filled in, so the example is the whole behaviour. */
function withComputed(parsed: unknown, rows: readonly ReferenceRow[]): unknown {
  const copy = JSON.parse(JSON.stringify(parsed)) as Record<string, unknown>;
  for (const row of rows) {
    if (!row.computed || row.default === null) continue;
    const parts = row.key.split('.');
    let node = copy;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      node = (next !== null && typeof next === 'object' ? next : (node[part] = {})) as Record<string, unknown>;
    }
    node[parts[parts.length - 1]!] = JSON.parse(row.default) as unknown;
  }
  return copy;
}

/** The generated block, markers included. */
export function renderConfigReference(schema: z.ZodType, options: ReferenceOptions = {}): string {
  const rows = referenceRows(schema, options);
  const defaults = withComputed(schema.parse({}), rows);
  const lines = [
    REFERENCE_BEGIN,
    '',
    '| key | type | default | meaning |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| \`${r.key}\` | ${cell(r.type)} | ${cell(defaultCell(r))} | ${cell(r.description)} |`),
    '',
    'Every key is optional. With no configuration at all, keyfence behaves as if it read:',
    '',
    '```json',
    JSON.stringify(defaults, null, 2),
    '```',
    '',
    REFERENCE_END,
  ];
  return lines.join('\n');
}

/**
 * Replaces the generated block of an existing document, keeping the prose
 * around it byte for byte. Throws when the markers are missing or out of order.
 */
export function replaceReference(document: string, block: string): string {
  const begin = document.indexOf(REFERENCE_BEGIN);
  const end = document.indexOf(REFERENCE_END);
  if (begin < 0 || end < begin) {
    throw new Error('docs/configuration.md lacks the generated-section markers; restore them from src/config/reference.ts');
  }
  return document.slice(0, begin) + block + document.slice(end + REFERENCE_END.length);
}
