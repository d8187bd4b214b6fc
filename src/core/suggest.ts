/**
 * "Did you mean": the known names closest to a misspelt one, by Levenshtein distance
 * (case-insensitive), with substring matches ranked first.
 */

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/**
 * Up to `limit` known names close to `name`: substring matches first, then those within a
 * distance of max(2, a third of the name's length).
 */
export function closestNames(name: string, known: Iterable<string>, limit = 3): string[] {
  const q = name.toLowerCase();
  const maxDistance = Math.max(2, Math.floor(q.length / 3));
  const scored: { name: string; score: number }[] = [];
  for (const k of new Set(known)) {
    const kl = k.toLowerCase();
    if (q.length >= 3 && (kl.includes(q) || q.includes(kl))) {
      scored.push({ name: k, score: -1 + Math.abs(kl.length - q.length) / 1000 });
      continue;
    }
    // The distance is at least the difference in length: skip the work when that is too much.
    if (Math.abs(kl.length - q.length) > maxDistance) continue;
    const d = levenshtein(q, kl);
    if (d <= maxDistance) scored.push({ name: k, score: d });
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, limit).map((s) => s.name);
}
