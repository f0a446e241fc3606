// "Did you mean": the one suggestion rule for misspelt keys, values, policy ids and expression
// fields. Case is ignored; a word that starts the candidate (or that the candidate starts) counts
// as one edit; otherwise the edit distance must be at most max(2, floor((length + 4) / 3)): two
// edits up to 4 letters, three from 5 ("proxy" -> "proxied"), then one more every 3 letters.

let previous = new Uint32Array(64);
let current = new Uint32Array(64);

/** Levenshtein distance, stopping early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (previous.length <= b.length) {
    previous = new Uint32Array(b.length + 1);
    current = new Uint32Array(b.length + 1);
  }
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/** The closest candidate, if it is close enough to be a likely typo. */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase();
  if (needle.length < 2) return undefined;
  const limit = Math.max(2, Math.floor((needle.length + 4) / 3));
  let best: string | undefined;
  let bestScore = limit + 1;
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    if (lower === needle) return candidate;
    const prefix = needle.length >= 3 && (lower.startsWith(needle) || needle.startsWith(lower));
    const score = prefix ? 1 : editDistance(needle, lower, bestScore);
    if (score < bestScore) [best, bestScore] = [candidate, score];
  }
  return best;
}
