/** Edits (insertions, deletions, substitutions, swaps of neighbours) that turn `a` into `b`. */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The candidate `word` was most likely meant to be, when one is close enough to be a slip of the
 * keyboard (a third of its letters at most, case aside); undefined otherwise.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: { candidate: string; cost: number } | undefined;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const cost = distance(lower, candidate.toLowerCase());
    if (cost <= Math.max(1, Math.floor(Math.max(word.length, candidate.length) / 3)) && (!best || cost < best.cost)) best = { candidate, cost };
  }
  return best?.candidate;
}

/** ` (did you mean 'x'?)` when a candidate is close to `word`, else nothing. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const found = closest(word, candidates);
  return found === undefined ? '' : ` (did you mean '${found}'?)`;
}

/** `a, b or c`. */
export function orList(values: readonly unknown[]): string {
  const texts = values.map(String);
  return texts.length < 2 ? (texts[0] ?? '') : `${texts.slice(0, -1).join(', ')} or ${texts.at(-1)}`;
}

/**
 * `(did you mean 'x'?)` when one candidate is close to `word`, else `known` followed by every
 * candidate: a slip gets one suggestion, a name from nowhere the list to choose from.
 */
export function suggestOrList(word: string, candidates: readonly string[], known = 'expected'): string {
  const found = closest(word, candidates);
  return found === undefined ? `${known} ${candidates.join(', ')}` : `did you mean '${found}'?`;
}
