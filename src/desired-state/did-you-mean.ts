// "did you mean" suggestions for misspelt keys and values.

function distance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** The closest candidate, if it is close enough to be a likely typo (or a prefix: proxy -> proxied). */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    const score = lower.startsWith(needle) || needle.startsWith(lower) ? 1 : distance(needle, lower);
    if (score < bestScore) [best, bestScore] = [candidate, score];
  }
  const allowed = Math.max(2, Math.ceil(needle.length / 2));
  return best !== undefined && needle.length >= 2 && bestScore <= allowed ? best : undefined;
}
