/**
 * The prefilter's hot loop: every character of every scanned text passes
 * through it, so on a large change it was a third of each thread's time. It
 * runs as WebAssembly: over the bench's large change (117 M characters, one
 * thread) 415–423 ms instead of 614–656 ms for the same loop in JavaScript;
 * and on a small commit it is compiled at once, where the JavaScript loop
 * first ran in the interpreter. The JavaScript loop stays for where
 * WebAssembly cannot run (node --jitless turns it off), and as the reference
 * the unit tests hold the WebAssembly loop to: same positions, same order.
 */
import { block, brIf, br, encodeModule, i32, instantiate, local, loop, set, when, type Code, type ModuleDefinition } from './wasm-module';

/** The rolling number holds the 6-bit classes of four characters. */
export const CLASS_BITS = 6;
export const CLASS_MASK = 0x3f;
const QUAD_BITS = 0xffffff;
const TRIPLE_BITS = 0x3ffff;

/** The prefilter tables a scan reads (see CompiledCatalogue). */
export interface CandidateTables {
  /** Per UTF-16 code: its class (low 6 bits), bit 6 hex, bit 7 base64url. */
  readonly charInfo: Uint8Array;
  /** Bit sets over three classes: some keyword starts with them / continues with them from its second character. */
  readonly headMask: Uint32Array;
  readonly tailMask: Uint32Array;
  readonly runGate: RunGate;
}

export interface RunGate {
  readonly gate: number;
  readonly thenChars: Uint8Array;
  readonly reachHex: number;
  readonly reachBase64url: number;
}

/** `quad` holds the classes of the four characters from `at`; they pass both masks. */
export type VisitCandidate = (quad: number, at: number) => void;
/** At `at` (whose code is `code`), runs of `hexRun` hex and `base64urlRun` base64url characters end or go on. */
export type VisitRun = (code: number, hexRun: number, base64urlRun: number, at: number) => void;

/**
 * Calls `visit` where a keyword may start and `visitRun` where a keywordRun may
 * fire, in text order; see forEachCandidateJs for the loop both versions run.
 */
export function forEachCandidate(text: string, tables: CandidateTables, visit: VisitCandidate, visitRun: VisitRun): void {
  const scanner = wasmScanner();
  // A visitor that scans another text meanwhile would overwrite the module's memory: that inner scan takes the JavaScript loop.
  if (scanner && !scanner.busy) scanner.forEach(text, tables, visit, visitRun);
  else forEachCandidateJs(text, tables, visit, visitRun);
}

/**
 * The loop: the classes of the last four characters roll through one number;
 * a bit test on its first three rejects almost every position, and `visit` gets
 * the rest. Before the first character the number holds zeros, which no keyword
 * starts with. Alongside, the lengths of the current runs of hex and base64url
 * characters (branch-free); `visitRun` sees the characters where a run may
 * fire (see RunGate). A function of its own, so that what the optimizing
 * compiler compiles mid-loop is small (a commit's hook otherwise waited at exit
 * for it).
 */
export function forEachCandidateJs(
  text: string,
  { charInfo, headMask, tailMask, runGate: { gate, thenChars, reachHex, reachBase64url } }: CandidateTables,
  visit: VisitCandidate,
  visitRun: VisitRun,
): void {
  const length = text.length;
  let quad = 0;
  let hexRun = 0;
  let base64urlRun = 0;
  for (let end = 0; end < length; end++) {
    const code = text.charCodeAt(end);
    const info = charInfo[code]!;
    // Hex characters are base64url characters too, so the hex run is never the longer.
    if (base64urlRun >= gate && (thenChars[code] !== 0 || hexRun === reachHex || base64urlRun === reachBase64url)) {
      visitRun(code, hexRun, base64urlRun, end);
    }
    hexRun = (hexRun + 1) & -((info >>> 6) & 1);
    base64urlRun = (base64urlRun + 1) & -(info >>> 7);
    quad = ((quad << CLASS_BITS) | (info & CLASS_MASK)) & QUAD_BITS;
    const head = quad >>> CLASS_BITS;
    if ((headMask[head >>> 5]! & (1 << (head & 31))) === 0) continue;
    const tail = quad & TRIPLE_BITS;
    if ((tailMask[tail >>> 5]! & (1 << (tail & 31))) === 0) continue;
    visit(quad, end - 3);
  }
  visitLastThree(quad, length, headMask, visit);
}

/** The last three positions: past the end counts as 0, which only shorter keywords accept. */
function visitLastThree(last: number, length: number, headMask: Uint32Array, visit: VisitCandidate): void {
  let quad = last;
  for (let end = length; end < length + 3; end++) {
    quad = (quad << CLASS_BITS) & QUAD_BITS;
    const head = quad >>> CLASS_BITS;
    if (end >= 3 && (headMask[head >>> 5]! & (1 << (head & 31))) !== 0) visit(quad, end - 3);
  }
}

// The WebAssembly module's memory, in bytes: the tables (a byte per UTF-16 code, a bit per three classes), then the rest.
const PAGE = 65536;
const CODE_TABLE_BYTES = 65536;
const MASK_BYTES = (1 << (3 * CLASS_BITS)) / 8;
const CHAR_INFO = 0;
const THEN_CHARS = CHAR_INFO + CODE_TABLE_BYTES;
const HEAD_MASK = THEN_CHARS + CODE_TABLE_BYTES;
const TAIL_MASK = HEAD_MASK + MASK_BYTES;
/** quad, hexRun, base64urlRun and the position in the chunk, kept between calls. */
const STATE = TAIL_MASK + MASK_BYTES;
/** Found positions, three i32 each: where; the quad or the hex run; -1 or the base64url run. */
const FOUND = STATE + 16;
const FOUND_CAPACITY = 1024;
const TEXT = Math.ceil((FOUND + 12 * FOUND_CAPACITY) / PAGE) * PAGE;
/** Characters copied in (as UTF-16) per call; a longer text goes in chunks, so memory stays fixed. */
const CHUNK = 65536;
const PAGES = (TEXT + 2 * CHUNK) / PAGE;

// Parameters, then locals.
const N = 0;
const BASE = 1;
const GATE = 2;
const REACH_HEX = 3;
const REACH_BASE64URL = 4;
const AT = 5;
const CODE = 6;
const INFO = 7;
const QUAD = 8;
const HEX = 9;
const B64 = 10;
const OUT = 11;
const STOP = 12;
const HEAD = 13;
const TAIL = 14;

/** Whether bit `index` of the bit set at `offset` is set (shl takes the shift modulo 32). */
const bitSet = (offset: number, index: number): Code =>
  i32.and(i32.load(offset, i32.shl(i32.shrU(local(index), i32.constant(5)), i32.constant(2))), i32.shl(i32.constant(1), local(index)));

const found = (where: Code, second: Code, third: Code): Code => [
  i32.store(0, local(OUT), where),
  i32.store(4, local(OUT), second),
  i32.store(8, local(OUT), third),
  set(OUT, i32.add(local(OUT), i32.constant(12))),
];

/**
 * scan(n, base, gate, reachHex, reachBase64url) -> count: forEachCandidateJs's
 * loop over the chunk of `n` characters at TEXT (whose first is the text's
 * character `base`), from the position in STATE, recording into FOUND until it
 * is full (room is kept for the two a character can add) or the chunk ends.
 */
const scanBody = (): Code => [
  set(QUAD, i32.load(STATE, i32.constant(0))),
  set(HEX, i32.load(STATE + 4, i32.constant(0))),
  set(B64, i32.load(STATE + 8, i32.constant(0))),
  set(AT, i32.load(STATE + 12, i32.constant(0))),
  set(OUT, i32.constant(FOUND)),
  set(STOP, i32.constant(FOUND + 12 * (FOUND_CAPACITY - 2))),
  block(
    loop(
      brIf(1, i32.or(i32.geU(local(AT), local(N)), i32.geU(local(OUT), local(STOP)))),
      set(CODE, i32.load16U(TEXT, i32.shl(local(AT), i32.constant(1)))),
      set(INFO, i32.load8U(CHAR_INFO, local(CODE))),
      when(
        i32.geS(local(B64), local(GATE)),
        when(
          i32.or(i32.load8U(THEN_CHARS, local(CODE)), i32.or(i32.eq(local(HEX), local(REACH_HEX)), i32.eq(local(B64), local(REACH_BASE64URL)))),
          found(i32.add(local(BASE), local(AT)), local(HEX), local(B64)),
        ),
      ),
      set(HEX, i32.and(i32.add(local(HEX), i32.constant(1)), i32.sub(i32.constant(0), i32.and(i32.shrU(local(INFO), i32.constant(6)), i32.constant(1))))),
      set(B64, i32.and(i32.add(local(B64), i32.constant(1)), i32.sub(i32.constant(0), i32.shrU(local(INFO), i32.constant(7))))),
      set(QUAD, i32.and(i32.or(i32.shl(local(QUAD), i32.constant(CLASS_BITS)), i32.and(local(INFO), i32.constant(CLASS_MASK))), i32.constant(QUAD_BITS))),
      set(HEAD, i32.shrU(local(QUAD), i32.constant(CLASS_BITS))),
      set(AT, i32.add(local(AT), i32.constant(1))),
      brIf(0, i32.eqz(bitSet(HEAD_MASK, HEAD))),
      set(TAIL, i32.and(local(QUAD), i32.constant(TRIPLE_BITS))),
      brIf(0, i32.eqz(bitSet(TAIL_MASK, TAIL))),
      // AT has moved past the quad's last character already.
      found(i32.sub(i32.add(local(BASE), local(AT)), i32.constant(4)), local(QUAD), i32.constant(-1)),
      br(0),
    ),
  ),
  i32.store(STATE, i32.constant(0), local(QUAD)),
  i32.store(STATE + 4, i32.constant(0), local(HEX)),
  i32.store(STATE + 8, i32.constant(0), local(B64)),
  i32.store(STATE + 12, i32.constant(0), local(AT)),
  i32.divU(i32.sub(local(OUT), i32.constant(FOUND)), i32.constant(12)),
];

/** The scan loop's module; its code is built only where the build's bytes are missing. */
export const SCAN_MODULE: ModuleDefinition = {
  file: 'keyword-scan.wasm',
  name: 'scan',
  encode: () => encodeModule(PAGES, { name: 'scan', params: 5, locals: TAIL + 1 - 5, body: scanBody() }),
};

type ScanFunction = (n: number, base: number, gate: number, reachHex: number, reachBase64url: number) => number;

/** The module's instance of this thread, with the tables of the catalogue it scans for. */
class WasmScanner {
  private readonly memory: Buffer;
  private readonly words: Int32Array;
  private tables: CandidateTables | null = null;
  /** Set while a scan runs: a visitor may not start another in the same memory. */
  busy = false;

  constructor(
    private readonly scan: ScanFunction,
    private readonly buffer: ArrayBuffer,
  ) {
    this.memory = Buffer.from(buffer);
    this.words = new Int32Array(buffer);
  }

  forEach(text: string, tables: CandidateTables, visit: VisitCandidate, visitRun: VisitRun): void {
    this.busy = true;
    try {
      if (this.tables !== tables) this.load(tables);
      this.scanChunks(text, tables, visit, visitRun);
    } finally {
      this.busy = false;
    }
  }

  /** Another catalogue (tests compile many; a run, one): its tables replace the last one's. */
  private load(tables: CandidateTables): void {
    const sizes = [tables.charInfo.length, tables.runGate.thenChars.length, tables.headMask.byteLength, tables.tailMask.byteLength];
    if (sizes.join() !== [CODE_TABLE_BYTES, CODE_TABLE_BYTES, MASK_BYTES, MASK_BYTES].join()) {
      throw new Error(`prefilter tables of ${sizes.join('/')} bytes do not fit the WebAssembly loop's memory layout (a keyfence bug: please report it)`);
    }
    this.memory.set(tables.charInfo, CHAR_INFO);
    this.memory.set(tables.runGate.thenChars, THEN_CHARS);
    new Uint32Array(this.buffer, HEAD_MASK, tables.headMask.length).set(tables.headMask);
    new Uint32Array(this.buffer, TAIL_MASK, tables.tailMask.length).set(tables.tailMask);
    this.tables = tables;
  }

  private scanChunks(text: string, tables: CandidateTables, visit: VisitCandidate, visitRun: VisitRun): void {
    const { memory, words, scan } = this;
    const { gate, reachHex, reachBase64url } = tables.runGate;
    const state = STATE >> 2;
    words[state] = 0;
    words[state + 1] = 0;
    words[state + 2] = 0;
    for (let from = 0; from < text.length; from += CHUNK) {
      const to = Math.min(text.length, from + CHUNK);
      // UTF-16 code units as they are, lone surrogates included: positions stay the text's own.
      // (A slice of the whole text is the text itself: no copy for a text of one chunk.)
      memory.write(text.slice(from, to), TEXT, 'utf16le');
      words[state + 3] = 0;
      do {
        const count = scan(to - from, from, gate, reachHex, reachBase64url);
        for (let i = FOUND >> 2, stop = i + 3 * count; i < stop; i += 3) {
          const at = words[i]!;
          const third = words[i + 2]!;
          if (third < 0) visit(words[i + 1]!, at);
          else visitRun(text.charCodeAt(at), words[i + 1]!, third, at);
        }
      } while (words[state + 3]! < to - from);
    }
    visitLastThree(words[state]!, text.length, tables.headMask, visit);
  }
}

/** undefined until first needed; null where WebAssembly cannot run, which the JavaScript loop then covers. */
let scanner: WasmScanner | null | undefined;

function wasmScanner(): WasmScanner | null {
  if (scanner !== undefined) return scanner;
  const loop = instantiate<ScanFunction>(SCAN_MODULE);
  scanner = loop && new WasmScanner(loop.run, loop.buffer);
  return scanner;
}

/** For tests: whether texts take the WebAssembly loop in this process. */
export function wasmAvailable(): boolean {
  return wasmScanner() !== null;
}
