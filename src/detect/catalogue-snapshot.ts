/**
 * The compiled catalogue as JSON, written once by the build (dist/catalogue.json)
 * and read back by every commit with content: compiling it from the rules took
 * ~3.5 ms of each commit (running the rule modules, then loops over a thousand
 * keywords in the interpreter), reading it back well under one. The rules stay
 * the only source: the build compiles them and writes what came out; a test
 * holds the round trip equal to compileCatalogue.
 */
import type { CompiledCatalogue, RunKey } from './engine';
import type { Rule } from './types';

/** Bumped when the snapshot's shape changes: another version is not read. */
const FORMAT = 1;

/** A typed array's bytes up to its last non-zero one (the tables are mostly zeros), base64. */
interface PackedArray {
  readonly length: number;
  readonly bytes: string;
}

interface Snapshot {
  readonly format: number;
  readonly rules: readonly Rule[];
  readonly keywords: readonly string[];
  readonly rulesByKeyword: readonly (readonly number[])[];
  readonly tables: Readonly<Record<TableName, PackedArray>>;
  readonly runKeyed: ReadonlyArray<Omit<RunKey, 'pattern'> & { readonly pattern: string }>;
  readonly runGate: { readonly gate: number; readonly reachHex: number; readonly reachBase64url: number };
  readonly confirms: ReadonlyArray<string | null>;
}

type Typed = Uint8Array | Uint16Array | Int32Array | Uint32Array;
type TableName = 'charInfo' | 'pairTable' | 'bucketStart' | 'bucketKeywords' | 'keywordHeads' | 'keywordShifts' | 'headMask' | 'tailMask' | 'confirmed' | 'thenChars';

/** Each table and the array type it is read back as. */
const TABLES: Readonly<Record<TableName, new (length: number) => Typed>> = {
  charInfo: Uint8Array,
  pairTable: Uint16Array,
  bucketStart: Int32Array,
  bucketKeywords: Int32Array,
  keywordHeads: Int32Array,
  keywordShifts: Uint8Array,
  headMask: Uint32Array,
  tailMask: Uint32Array,
  confirmed: Uint8Array,
  thenChars: Uint8Array,
};

/** Multi-byte tables are stored in the byte order of the machine that built them: little-endian. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function tableOf(catalogue: CompiledCatalogue, name: TableName): Typed {
  return name === 'thenChars' ? catalogue.runGate.thenChars : catalogue[name];
}

function pack(array: Typed): PackedArray {
  const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return { length: array.length, bytes: bytes.toString('base64', 0, end) };
}

function unpack(packed: PackedArray, type: new (length: number) => Typed): Typed {
  const array = new type(packed.length);
  const bytes = Buffer.from(packed.bytes, 'base64');
  if (bytes.length > array.byteLength) throw new Error('catalogue snapshot: a table is longer than its length');
  new Uint8Array(array.buffer).set(bytes);
  return array;
}

/** The snapshot of a compiled catalogue, as the build writes it. */
export function snapshotOf(catalogue: CompiledCatalogue): string {
  if (!LITTLE_ENDIAN) throw new Error('catalogue snapshots are written on little-endian machines only');
  const tables = Object.fromEntries((Object.keys(TABLES) as TableName[]).map((name) => [name, pack(tableOf(catalogue, name))]));
  const snapshot: Snapshot = {
    format: FORMAT,
    rules: catalogue.rules,
    keywords: catalogue.keywords,
    rulesByKeyword: catalogue.rulesByKeyword,
    tables: tables as Snapshot['tables'],
    runKeyed: catalogue.runKeyed.map((key) => ({ ...key, pattern: key.pattern.source })),
    runGate: { gate: catalogue.runGate.gate, reachHex: catalogue.runGate.reachHex, reachBase64url: catalogue.runGate.reachBase64url },
    confirms: catalogue.confirms.map((confirm) => confirm?.source ?? null),
  };
  return JSON.stringify(snapshot);
}

/**
 * The compiled catalogue a snapshot holds, or null when it cannot be used here
 * (another format, a big-endian machine): the caller then compiles the rules.
 */
export function catalogueFromSnapshot(text: string): CompiledCatalogue | null {
  const snapshot = JSON.parse(text) as Snapshot;
  if (snapshot.format !== FORMAT || !LITTLE_ENDIAN) return null;
  const table = <T extends Typed>(name: TableName): T => unpack(snapshot.tables[name], TABLES[name]) as T;
  return {
    rules: snapshot.rules,
    keywords: snapshot.keywords,
    rulesByKeyword: snapshot.rulesByKeyword,
    charInfo: table('charInfo'),
    pairTable: table('pairTable'),
    bucketStart: table('bucketStart'),
    bucketKeywords: table('bucketKeywords'),
    keywordHeads: table('keywordHeads'),
    keywordShifts: table('keywordShifts'),
    headMask: table('headMask'),
    tailMask: table('tailMask'),
    runKeyed: snapshot.runKeyed.map((key) => ({ ...key, pattern: new RegExp(key.pattern, 'y') })),
    runGate: { ...snapshot.runGate, thenChars: table('thenChars') },
    confirms: snapshot.confirms.map((source) => (source === null ? undefined : new RegExp(source, 'y'))),
    confirmed: table('confirmed'),
    patterns: new Array<RegExp | undefined>(snapshot.rules.length),
  };
}
