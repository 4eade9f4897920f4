/** The known names closest to a mistyped one (edit distance, case-insensitive), best first. */
export function closest(input: string, known: readonly string[], max = 3): string[] {
  const a = input.toLowerCase();
  const scored = known.map((k) => ({ k, d: distance(a, k.toLowerCase()) }));
  const limit = Math.max(2, Math.floor(a.length / 3));
  return scored
    .filter((s) => s.d <= limit || s.k.toLowerCase().includes(a))
    .sort((x, y) => x.d - y.d || x.k.localeCompare(y.k))
    .slice(0, max)
    .map((s) => s.k);
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_v, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
