/**
 * Maps scanner findings back to planted keys by path and line, and aggregates
 * recall per format, confidence tier, group, context and overall.
 */
import type { ContextId, PlantedKey } from './corpus';
import type { Hit } from './keyfence';

export interface KeyResult {
  readonly key: PlantedKey;
  /** Some finding starts on one of the key's lines. */
  readonly found: boolean;
  /** Some finding there carries the format's own id as ruleId (keyfence only). */
  readonly exact: boolean;
  readonly rules: readonly string[];
}

export interface Tally {
  found: number;
  exact: number;
  total: number;
}

export interface Scored {
  readonly results: KeyResult[];
  /** Findings that are not on any planted key's lines. */
  readonly stray: Hit[];
  readonly overall: Tally;
  readonly byConfidence: Map<string, Tally>;
  readonly byGroup: Map<string, Tally>;
  readonly byContext: Map<ContextId, Tally>;
  readonly byFormat: Map<string, Tally>;
}

function bump(map: Map<string, Tally>, key: string, r: KeyResult): void {
  const t = map.get(key) ?? { found: 0, exact: 0, total: 0 };
  t.total++;
  if (r.found) t.found++;
  if (r.exact) t.exact++;
  map.set(key, t);
}

export function score(keys: readonly PlantedKey[], hits: readonly Hit[]): Scored {
  const byPath = new Map<string, Hit[]>();
  for (const h of hits) byPath.set(h.path, [...(byPath.get(h.path) ?? []), h]);
  const used = new Set<Hit>();
  const results: KeyResult[] = keys.map((key) => {
    const here = (byPath.get(key.path) ?? []).filter((h) => h.line >= key.startLine && h.line <= key.endLine);
    for (const h of here) used.add(h);
    return {
      key,
      found: here.length > 0,
      exact: here.some((h) => h.ruleId === key.format.id),
      rules: [...new Set(here.map((h) => h.ruleId))],
    };
  });
  const overall: Tally = { found: 0, exact: 0, total: 0 };
  const byConfidence = new Map<string, Tally>();
  const byGroup = new Map<string, Tally>();
  const byContext = new Map<string, Tally>();
  const byFormat = new Map<string, Tally>();
  for (const r of results) {
    overall.total++;
    if (r.found) overall.found++;
    if (r.exact) overall.exact++;
    bump(byConfidence, r.key.format.confidence, r);
    bump(byGroup, r.key.format.group, r);
    bump(byContext, r.key.context, r);
    bump(byFormat, r.key.format.id, r);
  }
  return {
    results,
    stray: hits.filter((h) => !used.has(h)),
    overall,
    byConfidence,
    byGroup,
    byContext: byContext as Map<ContextId, Tally>,
    byFormat,
  };
}

export function countBy<T>(items: readonly T[], key: (t: T) => string): Array<[string, number]> {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}
