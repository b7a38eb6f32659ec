import { checksumValid } from './checksums';
import { shannonEntropy } from './entropy';
import { looksLikePlaceholder } from './placeholders';
import type { Match, Rule } from './types';

/** A catalogue prepared for scanning: compiled patterns and the keyword prefilter. */
export interface CompiledCatalogue {
  readonly rules: readonly Rule[];
  /** One alternation of every keyword: a single pass tells which rules can match. */
  readonly prefilter: RegExp;
  /** keyword (lower case) -> indices of the rules it enables */
  readonly rulesByKeyword: ReadonlyMap<string, readonly number[]>;
  /** keyword -> itself and every other keyword it contains */
  readonly keywordsWithin: ReadonlyMap<string, readonly string[]>;
  readonly patterns: readonly RegExp[];
}

function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export function compileCatalogue(rules: readonly Rule[]): CompiledCatalogue {
  const rulesByKeyword = new Map<string, number[]>();
  rules.forEach((rule, index) => {
    if (rule.keywords.length === 0) throw new Error(`rule ${rule.id} has no keywords`);
    for (const keyword of rule.keywords) {
      const key = keyword.toLowerCase();
      const list = rulesByKeyword.get(key) ?? [];
      list.push(index);
      rulesByKeyword.set(key, list);
    }
  });
  // Longest first, so that an alternation never hides a longer keyword behind its prefix.
  const keywords = [...rulesByKeyword.keys()].sort((a, b) => b.length - a.length);
  const prefilter = new RegExp(keywords.map(escapeRegExp).join('|'), 'gi');
  const keywordsWithin = new Map(
    keywords.map((outer) => [outer, keywords.filter((inner) => outer.includes(inner))] as const),
  );
  const patterns = rules.map((rule) => new RegExp(rule.pattern, `g${rule.flags ?? ''}`));
  return { rules, prefilter, rulesByKeyword, keywordsWithin, patterns };
}

/** Indices of the rules whose keywords occur in `text`. */
export function candidateRules(catalogue: CompiledCatalogue, text: string): Set<number> {
  const found = new Set<number>();
  const seen = new Set<string>();
  const prefilter = catalogue.prefilter;
  prefilter.lastIndex = 0;
  let hit: RegExpExecArray | null;
  while ((hit = prefilter.exec(text)) !== null) {
    // Step one character, not past the hit, so overlapping keywords are found too.
    prefilter.lastIndex = hit.index + 1;
    const keyword = hit[0].toLowerCase();
    if (seen.has(keyword)) continue;
    // The alternation reports the longest keyword at a position; the shorter
    // keywords inside it occur there as well.
    for (const inner of catalogue.keywordsWithin.get(keyword) ?? [keyword]) {
      if (seen.has(inner)) continue;
      seen.add(inner);
      for (const index of catalogue.rulesByKeyword.get(inner) ?? []) found.add(index);
    }
    if (seen.size === catalogue.rulesByKeyword.size) break;
  }
  return found;
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
  // In catalogue order, so that on a tie the earlier rule's match comes first and is kept.
  for (const index of [...candidateRules(catalogue, text)].sort((a, b) => a - b)) {
    const rule = catalogue.rules[index]!;
    if (options.skipGeneric && rule.generic) continue;
    if (options.disabled?.has(rule.id)) continue;
    const pattern = catalogue.patterns[index]!;
    pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(text)) !== null) {
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      const secret = m.groups?.secret ?? m[0];
      const offset = m.groups?.secret !== undefined ? m.index + m[0].indexOf(secret) : m.index;
      if (passesValidation(rule, secret)) matches.push({ rule, secret, index: offset });
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
