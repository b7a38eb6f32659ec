import { CLASS_BITS, CLASS_MASK, forEachCandidate, type RunGate } from './candidates';
import { checksumValid } from './checksums';
import { shannonEntropy } from './entropy';
import { looksLikePlaceholder } from './placeholders';
import type { KeywordRun, Match, Rule } from './types';

/** A catalogue prepared for scanning: compiled patterns and the keyword prefilter. */
export interface CompiledCatalogue {
  readonly rules: readonly Rule[];
  /** Distinct lower-case keywords. */
  readonly keywords: readonly string[];
  /** keyword index -> indices of the rules it enables */
  readonly rulesByKeyword: readonly (readonly number[])[];
  /**
   * Every UTF-16 code to the 6-bit class of its case-folded form: 1 to 63 for the
   * characters keywords are made of (46 today), 0 for all others, which no keyword
   * holds, so a position reading one is rejected, as it should be. Bit 6 is set
   * for [0-9a-f] and bit 7 for [A-Za-z0-9_-], the characters keyword runs count.
   */
  readonly charInfo: Uint8Array;
  /**
   * Prefilter table: for the classes of the two characters a keyword starts
   * with (c0 << 6 | c1), 1 + the index of the bucket of keywords starting so; 0 if none.
   */
  readonly pairTable: Uint16Array;
  /** Keyword indices of bucket b are bucketKeywords[bucketStart[b] .. bucketStart[b + 1]). */
  readonly bucketStart: Int32Array;
  readonly bucketKeywords: Int32Array;
  /**
   * Per keyword, the classes of its first (up to) four characters as the scan's
   * rolling number holds them, and how far to shift that number to compare: one
   * integer compare settles a keyword of up to four characters.
   */
  readonly keywordHeads: Int32Array;
  readonly keywordShifts: Uint8Array;
  /**
   * Bit sets over the classes of three characters (c0 << 12 | c1 << 6 | c2):
   * `headMask` whether some keyword starts with them, `tailMask` whether some
   * keyword continues with them from its second character. Shorter keywords mark
   * every continuation. 32 KB each, so they stay in the fastest cache. (Exact, no
   * hashing: Math.imul is slow in jest's vm contexts.)
   */
  readonly headMask: Uint32Array;
  readonly tailMask: Uint32Array;
  /** Rules (also) found by a keywordRun, with their keywordPattern (sticky). */
  readonly runKeyed: readonly RunKey[];
  /**
   * Where runs are looked at: `gate` is the shortest run any keywordRun needs
   * (2^31 - 1 if none); past it, only at a `then` character (`thenChars`, per
   * UTF-16 code) or where a hex or base64url run is one short of a `min` that
   * fires without one (`reachHex`, `reachBase64url`; -1 if none).
   */
  readonly runGate: RunGate;
  /** Per rule, its `confirm` pattern (sticky), tested where its keyword is found. */
  readonly confirms: ReadonlyArray<RegExp | undefined>;
  /** Per keyword: 1 when a rule it enables has a confirm pattern (so each hit is looked at). */
  readonly confirmed: Uint8Array;
  /** Compiled on first use: a commit compiles only the patterns its keywords call for. */
  readonly patterns: (RegExp | undefined)[];
}

export interface RunKey {
  readonly rule: number;
  readonly run: KeywordRun;
  /** The `then` character's code, or -1. */
  readonly then: number;
  readonly pattern: RegExp;
}

function patternOf(catalogue: CompiledCatalogue, index: number): RegExp {
  let pattern = catalogue.patterns[index];
  if (!pattern) {
    const rule = catalogue.rules[index]!;
    pattern = new RegExp(rule.pattern, `g${rule.flags ?? ''}`);
    catalogue.patterns[index] = pattern;
  }
  return pattern;
}

/** Sets bit `bit` of a bit set. */
function mark(mask: Uint32Array, bit: number): void {
  mask[bit >>> 5]! |= 1 << (bit & 31);
}

/** Sets the `count` bits from `first` on; both multiples of 32, so whole words. */
function markWords(mask: Uint32Array, first: number, count: number): void {
  mask.fill(0xffffffff, first >>> 5, (first + count) >>> 5);
}

/** No keywordRun: no run is ever long enough to be looked at. */
const NO_RUN_GATE = 0x7fffffff;

/** ASCII upper case to lower case. */
function foldAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

const HEX_BIT = 1 << 6;
const BASE64URL_BIT = 1 << 7;

/** The class table for an alphabet of keyword characters (lower-case printable ASCII), with the run bits. */
function classTable(keywords: readonly string[]): Uint8Array {
  const classes = new Map<number, number>();
  for (const keyword of keywords) {
    for (let j = 0; j < keyword.length; j++) {
      const c = keyword.charCodeAt(j);
      if (!classes.has(c)) classes.set(c, classes.size + 1);
    }
  }
  if (classes.size >= 1 << CLASS_BITS) {
    throw new Error(`keywords use ${classes.size} distinct characters; the prefilter has room for ${(1 << CLASS_BITS) - 1}`);
  }
  const table = new Uint8Array(65536);
  for (let c = 0; c < 128; c++) {
    const digit = c >= 0x30 && c <= 0x39;
    const lower = c >= 0x61 && c <= 0x7a;
    const hex = digit || (c >= 0x61 && c <= 0x66);
    const base64url = digit || lower || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x2d;
    table[c] = (classes.get(foldAscii(c)) ?? 0) | (hex ? HEX_BIT : 0) | (base64url ? BASE64URL_BIT : 0);
  }
  return table;
}

export function compileCatalogue(rules: readonly Rule[]): CompiledCatalogue {
  const keywordIndex = new Map<string, number>();
  const rulesByKeyword: number[][] = [];
  const runKeyed: RunKey[] = [];
  rules.forEach((rule, index) => {
    if (rule.keywordRun !== undefined) {
      const { then } = rule.keywordRun;
      if (rule.keywordPattern === undefined || rule.keywordRun.min < 2 || (then !== undefined && then.length !== 1)) {
        throw new Error(`rule ${rule.id}: a keywordRun needs a keywordPattern, a min of 2 or more and at most one 'then' character`);
      }
      runKeyed.push({ rule: index, run: rule.keywordRun, then: then === undefined ? -1 : then.charCodeAt(0), pattern: new RegExp(rule.keywordPattern, 'y') });
    } else if (rule.keywords.length === 0) {
      throw new Error(`rule ${rule.id} has no keywords and no keywordRun`);
    }
    for (const keyword of rule.keywords) {
      const key = keyword.toLowerCase();
      let k = keywordIndex.get(key);
      if (k === undefined) {
        k = rulesByKeyword.length;
        keywordIndex.set(key, k);
        rulesByKeyword.push([]);
      }
      rulesByKeyword[k]!.push(index);
    }
  });
  const keywords = [...keywordIndex.keys()];
  for (const keyword of keywords) {
    // A one-character keyword would run its rule around most of every text: such formats
    // name a keywordRun instead. Keywords are ASCII so that case folding is a table.
    if (keyword.length < 2 || !/^[\x20-\x7e]+$/.test(keyword)) {
      throw new Error(`keyword "${keyword}" must be at least two printable ASCII characters (use keywordRun)`);
    }
  }
  const charInfo = classTable(keywords);
  const byPair = new Map<number, number[]>();
  const headMask = new Uint32Array(1 << (3 * CLASS_BITS - 5));
  const tailMask = new Uint32Array(1 << (3 * CLASS_BITS - 5));
  const keywordHeads = new Int32Array(keywords.length);
  const keywordShifts = new Uint8Array(keywords.length);
  // Runs on every commit with content, before the optimizer has seen it: plain loops.
  const classes = new Int32Array(4);
  for (let k = 0; k < keywords.length; k++) {
    const keyword = keywords[k]!;
    const known = Math.min(keyword.length, 4);
    let head = 0;
    for (let j = 0; j < 4; j++) {
      classes[j] = j < known ? charInfo[keyword.charCodeAt(j)]! & CLASS_MASK : 0;
      if (j < known) head = (head << CLASS_BITS) | classes[j]!;
    }
    keywordHeads[k] = head;
    keywordShifts[k] = CLASS_BITS * (4 - known);
    const c0 = classes[0]!;
    const c1 = classes[1]!;
    const c2 = classes[2]!;
    const c3 = classes[3]!;
    const pair = (c0 << CLASS_BITS) | c1;
    const bucket = byPair.get(pair);
    if (bucket) bucket.push(k);
    else byPair.set(pair, [k]);
    // A shorter keyword marks every continuation: whole runs of 64 or 4096 bits.
    if (keyword.length === 2) {
      markWords(headMask, ((c0 << CLASS_BITS) | c1) << CLASS_BITS, 1 << CLASS_BITS);
      markWords(tailMask, c1 << (2 * CLASS_BITS), 1 << (2 * CLASS_BITS));
    } else if (keyword.length === 3) {
      mark(headMask, (((c0 << CLASS_BITS) | c1) << CLASS_BITS) | c2);
      markWords(tailMask, ((c1 << CLASS_BITS) | c2) << CLASS_BITS, 1 << CLASS_BITS);
    } else {
      mark(headMask, (((c0 << CLASS_BITS) | c1) << CLASS_BITS) | c2);
      mark(tailMask, (((c1 << CLASS_BITS) | c2) << CLASS_BITS) | c3);
    }
  }
  const pairTable = new Uint16Array(1 << (2 * CLASS_BITS));
  const bucketStart = new Int32Array(byPair.size + 1);
  const bucketKeywords = new Int32Array(keywords.length);
  let b = 0;
  let filled = 0;
  for (const [pair, ks] of byPair) {
    pairTable[pair] = b + 1;
    bucketStart[b] = filled;
    for (const k of ks) bucketKeywords[filled++] = k;
    b++;
  }
  bucketStart[b] = filled;
  const patterns = new Array<RegExp | undefined>(rules.length);
  const confirms = rules.map((rule) => (rule.confirm === undefined ? undefined : new RegExp(rule.confirm, 'y')));
  const confirmed = new Uint8Array(keywords.length).map((_, k) => (rulesByKeyword[k]!.some((rule) => confirms[rule]) ? 1 : 0));
  const runGate = runGateOf(runKeyed);
  return {
    rules,
    keywords,
    rulesByKeyword,
    charInfo,
    pairTable,
    bucketStart,
    bucketKeywords,
    keywordHeads,
    keywordShifts,
    headMask,
    tailMask,
    runKeyed,
    runGate,
    confirms,
    confirmed,
    patterns,
  };
}

function runGateOf(runKeyed: readonly RunKey[]): RunGate {
  const thenChars = new Uint8Array(65536);
  let gate = NO_RUN_GATE;
  let reachHex = -1;
  let reachBase64url = -1;
  for (const { run, then } of runKeyed) {
    // A run is looked at from one shorter than its `min` on (it reaches `min` next).
    gate = Math.min(gate, run.min - 1);
    if (then >= 0) {
      thenChars[then] = 1;
      continue;
    }
    const reach = run.chars === 'hex' ? reachHex : reachBase64url;
    if (reach >= 0 && reach !== run.min - 1) {
      throw new Error(`keywordRuns of ${run.chars} without 'then' must share one 'min' (the scan tracks one per kind of run)`);
    }
    if (run.chars === 'hex') reachHex = run.min - 1;
    else reachBase64url = run.min - 1;
  }
  return { gate, thenChars, reachHex, reachBase64url };
}

/** How far before a keyword a match may start (infix keywords) and how far after it may end. */
const WINDOW_BEFORE = 1024;
const WINDOW_AFTER = 8192;
/** Hits of a keyword (or firings of a run) this soon after one fall in its window: not looked at again. */
const COVERED_AFTER = WINDOW_AFTER >> 1;

/** Where each candidate rule must run: [start, end) ranges of the text, line-aligned, merged. */
export type RuleWindows = Map<number, number[]>;

/**
 * Finds the keywords in `text` (case-insensitively) in one pass, looking up each
 * pair of characters in a table, so the cost grows with bytes, not bytes x rules;
 * and for every rule whose keyword occurs, the windows of text around its
 * keywords where its pattern can match.
 */
export function findRuleWindows(catalogue: CompiledCatalogue, text: string): RuleWindows {
  const { keywords, charInfo, pairTable, bucketStart, bucketKeywords, keywordHeads, keywordShifts, rulesByKeyword } = catalogue;
  const open = new Map<number, [number, number]>(); // rule -> current window
  const windows: RuleWindows = new Map();
  const coveredUntil = new Int32Array(keywords.length).fill(-1);
  // The window around a hit at `at`, joined to the rule's open window when they meet.
  const openWindow = (rule: number, at: number): void => {
    const from = Math.max(0, at - WINDOW_BEFORE);
    const to = Math.min(text.length, at + WINDOW_AFTER);
    const current = open.get(rule);
    if (current && from <= current[1]) {
      current[1] = Math.max(current[1], to);
    } else {
      if (current) pushWindow(windows, rule, current, text);
      open.set(rule, [from, to]);
    }
  };
  const { confirms, confirmed } = catalogue;
  const hit = (k: number, at: number): void => {
    // A keyword whose rules confirm each hit cannot skip the hits after one.
    if (confirmed[k] === 0) coveredUntil[k] = at + COVERED_AFTER;
    for (const rule of rulesByKeyword[k]!) {
      const confirm = confirms[rule];
      if (confirm) {
        confirm.lastIndex = at;
        if (!confirm.test(text)) continue;
      }
      openWindow(rule, at);
    }
  };
  const { runKeyed } = catalogue;
  const runCoveredUntil = new Int32Array(runKeyed.length).fill(-1);
  // A long run of token characters ends at `at` (or goes on): each keywordRun it
  // satisfies tries its keywordPattern where it fires.
  const visitRun = (code: number, hexRun: number, base64urlRun: number, at: number): void => {
    for (let r = 0; r < runKeyed.length; r++) {
      const { rule, run, then, pattern } = runKeyed[r]!;
      const hex = run.chars === 'hex';
      const before = hex ? hexRun : base64urlRun;
      let fires: number;
      if (then >= 0) fires = code === then && before >= run.min ? at : -1;
      else fires = before === run.min - 1 && (charInfo[code]! & (hex ? HEX_BIT : BASE64URL_BIT)) !== 0 ? at + 1 : -1;
      if (fires < 0 || fires <= runCoveredUntil[r]!) continue;
      pattern.lastIndex = fires;
      if (!pattern.test(text)) continue;
      runCoveredUntil[r] = fires + COVERED_AFTER;
      openWindow(rule, fires);
    }
  };
  // `quad` holds the four folded characters from position `at`; the keywords of its
  // bucket that start there are hits.
  const visit = (quad: number, at: number): void => {
    const bucket = pairTable[quad >>> (2 * CLASS_BITS)]!;
    if (bucket === 0) return;
    for (let j = bucketStart[bucket - 1]!, stop = bucketStart[bucket]!; j < stop; j++) {
      const k = bucketKeywords[j]!;
      if (quad >>> keywordShifts[k]! !== keywordHeads[k]! || at <= coveredUntil[k]!) continue;
      const keyword = keywords[k]!;
      if (keyword.length <= 4 || restMatches(text, at, keyword)) hit(k, at);
    }
  };
  forEachCandidate(text, catalogue, visit, visitRun);
  for (const [rule, current] of open) pushWindow(windows, rule, current, text);
  return windows;
}

/** Whether the rest of `keyword` (lower-case ASCII), past the four characters already compared, follows at `at`, ignoring ASCII case. */
function restMatches(text: string, at: number, keyword: string): boolean {
  if (at + keyword.length > text.length) return false;
  for (let j = 4; j < keyword.length; j++) {
    if (foldAscii(text.charCodeAt(at + j)) !== keyword.charCodeAt(j)) return false;
  }
  return true;
}

/** How far a window edge looks for a line break to align to; past it (minified code) the edge stays put. */
const ALIGN_REACH = 2048;

/**
 * Widens a window to whole lines when a line break is near, so boundary
 * look-arounds see the same characters as in the full text. On a very long
 * line the edge stays where it is (the scan then reads a margin around it), so
 * one minified line never makes every window as long as the line.
 */
function pushWindow(windows: RuleWindows, rule: number, [from, to]: [number, number], text: string): void {
  let start = from;
  for (let i = from - 1; i >= 0 && i >= from - ALIGN_REACH; i--) {
    if (text.charCodeAt(i) === 10) {
      start = i + 1;
      break;
    }
    if (i === 0) start = 0;
  }
  let end = to;
  for (let i = to; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 10) {
      end = i;
      break;
    }
    if (i >= to + ALIGN_REACH) break;
  }
  const list = windows.get(rule) ?? [];
  // Windows of one rule arrive in order; alignment can make neighbours touch.
  if (list.length && start <= list[list.length - 1]!) list[list.length - 1] = Math.max(list[list.length - 1]!, end);
  else list.push(start, end);
  windows.set(rule, list);
}

/** Characters read before and after an unaligned window edge, for look-arounds and long matches. */
const MARGIN_BEFORE = 64;
const MARGIN_AFTER = 8192;

/** The text a window is scanned in, and which match starts count as the window's own. */
function windowView(text: string, from: number, to: number): { slice: string; offset: number; firstOwn: number; lastOwn: number } {
  const alignedStart = from === 0 || text.charCodeAt(from - 1) === 10;
  const alignedEnd = to === text.length || text.charCodeAt(to) === 10;
  if (alignedStart && alignedEnd) {
    return { slice: from === 0 && to === text.length ? text : text.slice(from, to), offset: from, firstOwn: 0, lastOwn: to - from };
  }
  const sliceStart = alignedStart ? from : Math.max(0, from - MARGIN_BEFORE);
  const sliceEnd = alignedEnd ? to : Math.min(text.length, to + MARGIN_AFTER);
  return { slice: text.slice(sliceStart, sliceEnd), offset: sliceStart, firstOwn: from - sliceStart, lastOwn: to - sliceStart };
}

/** Indices of the rules whose keywords occur in `text`. */
export function candidateRules(catalogue: CompiledCatalogue, text: string): Set<number> {
  return new Set(findRuleWindows(catalogue, text).keys());
}

/** Where the secret starts in the full text. */
function secretOffset(offset: number, m: RegExpExecArray, secret: string): number {
  return offset + (m.groups?.secret !== undefined ? m.index + m[0].indexOf(secret) : m.index);
}

function passesValidation(rule: Rule, secret: string): boolean {
  if (looksLikePlaceholder(secret)) return false;
  const checks = rule.validate;
  if (!checks) return true;
  if (checks.checksum && !checksumValid(checks.checksum, secret)) return false;
  if (checks.minEntropy !== undefined && shannonEntropy(secret) < checks.minEntropy) return false;
  return true;
}

export interface ScanOptions {
  /** Skip generic rules (lockfiles, minified bundles). */
  readonly skipGeneric?: boolean;
  /** Rule ids not to run. */
  readonly disabled?: ReadonlySet<string>;
}

/** All validated matches in `text`, in order of position. Pure; never throws on odd input. */
export function scanText(catalogue: CompiledCatalogue, text: string, options: ScanOptions = {}): Match[] {
  const matches: Match[] = [];
  const windows = findRuleWindows(catalogue, text);
  // In catalogue order, so that on a tie the earlier rule's match comes first and is kept.
  for (const index of [...windows.keys()].sort((a, b) => a - b)) {
    const rule = catalogue.rules[index]!;
    if (options.skipGeneric && rule.generic) continue;
    if (options.disabled?.has(rule.id)) continue;
    const pattern = patternOf(catalogue, index);
    const ranges = windows.get(index)!;
    for (let w = 0; w < ranges.length; w += 2) {
      const { slice, offset: sliceOffset, firstOwn, lastOwn } = windowView(text, ranges[w]!, ranges[w + 1]!);
      pattern.lastIndex = firstOwn;
      let m: RegExpExecArray | null;
      while ((m = pattern.exec(slice)) !== null) {
        if (m[0].length === 0) {
          pattern.lastIndex++;
          continue;
        }
        if (m.index >= lastOwn) break;
        const secret = m.groups?.secret ?? m[0];
        if (passesValidation(rule, secret)) matches.push({ rule, secret, index: secretOffset(sliceOffset, m, secret) });
      }
    }
  }
  return dedupe(matches);
}

/**
 * Two rules can claim the same characters (a specific format and a looser one
 * sharing its prefix); keep the most specific claim: a provider rule over a
 * generic one, then higher confidence, then the longer secret, then the earlier
 * rule in the catalogue (the sort is stable and matches arrive in catalogue order).
 */
function dedupe(matches: Match[]): Match[] {
  const rank = { high: 3, medium: 2, low: 1 } as const;
  const specific = (m: Match) => (m.rule.generic ? 0 : 1);
  matches.sort((a, b) => a.index - b.index);
  const kept: Match[] = [];
  for (const match of matches) {
    const last = kept[kept.length - 1];
    const overlaps = last !== undefined && match.index < last.index + last.secret.length;
    if (!overlaps) {
      kept.push(match);
      continue;
    }
    const better =
      specific(match) - specific(last) ||
      rank[match.rule.confidence] - rank[last.rule.confidence] ||
      match.secret.length - last.secret.length;
    if (better > 0) kept[kept.length - 1] = match;
  }
  return kept;
}
