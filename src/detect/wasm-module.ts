/**
 * Just enough of the WebAssembly binary format (https://webassembly.github.io/spec/core/binary/)
 * to write one function over one memory, in the nested style of the text format:
 * `i32.add(local(x), i32.constant(1))` is the bytes of `(i32.add (local.get $x) (i32.const 1))`.
 * keyfence's hot loop and its SHA-1 are written with it, so the project needs no assembler.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Bytes of code, nested as the expressions are and flattened once, when the
 * module is encoded: copying each part into its parent at every level took
 * most of the ~1 ms a module cost to build (its builder runs once, so in the
 * interpreter).
 */
export type Code = readonly (number | Code)[];

/** The bytes of `code`, in order. */
export const bytesOf = (code: Code): number[] => (code as unknown[]).flat(Infinity) as number[];

/** Unsigned LEB128. */
function uleb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    const low = rest & 0x7f;
    rest >>>= 7;
    bytes.push(rest === 0 ? low : low | 0x80);
  } while (rest !== 0);
  return bytes;
}

/** Signed LEB128 of a 32-bit integer. */
function sleb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value | 0;
  for (;;) {
    const low = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (low & 0x40) === 0) || (rest === -1 && (low & 0x40) !== 0);
    bytes.push(done ? low : low | 0x80);
    if (done) return bytes;
  }
}

const binary = (opcode: number) => (a: Code, b: Code): Code => [a, b, opcode];
const unary = (opcode: number) => (a: Code): Code => [a, opcode];
const EMPTY_BLOCK = 0x40;
const END = 0x0b;

/** A memory access: natural alignment (log2 of the width) and a constant offset. */
const access = (opcode: number, alignLog2: number) => (offset: number, address: Code): Code => [address, opcode, alignLog2, uleb(offset)];

export const i32 = {
  constant: (value: number): Code => [0x41, sleb(value)],
  eqz: unary(0x45),
  eq: binary(0x46),
  geS: binary(0x4e),
  geU: binary(0x4f),
  add: binary(0x6a),
  sub: binary(0x6b),
  divU: binary(0x6e),
  and: binary(0x71),
  or: binary(0x72),
  xor: binary(0x73),
  shl: binary(0x74),
  shrU: binary(0x76),
  rotl: binary(0x77),
  rotr: binary(0x78),
  load: access(0x28, 2),
  load8U: access(0x2d, 0),
  load16U: access(0x2f, 1),
  store: (offset: number, address: Code, value: Code): Code => [address, value, 0x36, 2, uleb(offset)],
};

/** Parameters and locals share one index space; all are i32 here. */
export const local = (index: number): Code => [0x20, uleb(index)];
export const set = (index: number, value: Code): Code => [value, 0x21, uleb(index)];

/** Structured control: `depth` counts enclosing blocks outwards, 0 being the innermost. */
export const block = (...body: Code[]): Code => [0x02, EMPTY_BLOCK, body, END];
export const loop = (...body: Code[]): Code => [0x03, EMPTY_BLOCK, body, END];
export const when = (condition: Code, ...body: Code[]): Code => [condition, 0x04, EMPTY_BLOCK, body, END];
export const br = (depth: number): Code => [0x0c, uleb(depth)];
export const brIf = (depth: number, condition: Code): Code => [condition, 0x0d, uleb(depth)];

const I32_TYPE = 0x7f;
/** Export names here are ASCII. */
const name = (text: string): Code => [uleb(text.length), Array.from(text, (c) => c.charCodeAt(0))];
const vector = (items: readonly Code[]): Code => [uleb(items.length), items];
/** Content preceded by its length in bytes (sections, function bodies): flattened here to count them. */
const sized = (content: Code): Code => {
  const bytes = bytesOf(content);
  return [uleb(bytes.length), bytes];
};
const section = (id: number, content: Code): Code => [id, sized(content)];

export interface FunctionSpec {
  /** Export name of the function. */
  readonly name: string;
  readonly params: number;
  /** Further i32 locals, numbered after the parameters. */
  readonly locals: number;
  /** Returns one i32 (the value the body leaves on the stack). */
  readonly body: Code;
}

/**
 * A module exporting one memory of `pages` 64 KiB pages as "memory" and one
 * function of i32 parameters returning an i32.
 */
export function encodeModule(pages: number, fn: FunctionSpec): Uint8Array {
  const type = [0x60, vector(Array.from({ length: fn.params }, () => [I32_TYPE])), vector([[I32_TYPE]])];
  const code = sized([vector(fn.locals > 0 ? [[uleb(fn.locals), I32_TYPE]] : []), fn.body, END]);
  return Uint8Array.from(
    bytesOf([
      [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
      section(1, vector([type])),
      section(3, vector([uleb(0)])),
      section(5, vector([[0x00, uleb(pages)]])),
      section(7, vector([[name('memory'), 0x02, 0x00], [name(fn.name), 0x00, 0x00]])),
      section(10, vector([code])),
    ]),
  );
}

/** The part of the WebAssembly API used here (the compiler's libraries target ES2022 without the DOM, which declares it). */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
};

/** One module of keyfence's: where the build writes its bytes, and how to write them. */
export interface ModuleDefinition {
  /** Its file beside the bundles in dist/, which share one __dirname. */
  readonly file: string;
  /** The exported function's name. */
  readonly name: string;
  /** encodeModule of the module's memory and function. */
  readonly encode: () => Uint8Array;
}

/**
 * The bytes the build wrote for `definition` (src/build/write-wasm.ts): encoding
 * the loops' code trees took ~0.5 ms of every commit that reads content. From
 * sources (tests, the compiled files outside the bundle) there is none.
 */
function builtBytes(definition: ModuleDefinition): Uint8Array | null {
  try {
    return readFileSync(join(__dirname, definition.file));
  } catch {
    return null;
  }
}

function instantiateBytes(bytes: Uint8Array, name: string): { exports: Record<string, unknown> } | null {
  try {
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    return typeof exports[name] === 'function' ? { exports } : null;
  } catch {
    return null;
  }
}

/**
 * The module compiled and instantiated: its function and its memory's bytes;
 * null where WebAssembly cannot run (node --jitless turns it off), for the
 * caller's fallback. Built bytes that do not compile are encoded again.
 */
export function instantiate<F extends (...args: number[]) => number>(definition: ModuleDefinition): { run: F; buffer: ArrayBuffer } | null {
  const built = builtBytes(definition);
  const instance = (built && instantiateBytes(built, definition.name)) ?? instantiateBytes(definition.encode(), definition.name);
  if (!instance) return null;
  return { run: instance.exports[definition.name] as F, buffer: (instance.exports.memory as { buffer: ArrayBuffer }).buffer };
}
