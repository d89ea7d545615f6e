/**
 * The candidate closest to `word`, for "did you mean" hints; undefined when none is close enough.
 * Case, `-`, `_` and spaces are ignored (`control_plane` matches `controlPlane`); a swap of two neighbouring letters
 * counts as one edit; a candidate that extends the word (`topic` -> `topicArn`) also matches.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const wanted = normalise(word);
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const other = normalise(candidate);
    const distance = other === wanted ? 0 : other.startsWith(wanted) && wanted.length >= 3 ? 0.5 : editDistance(wanted, other);
    if (distance <= allowedDistance(wanted, other) && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = value;
    }
  }
  return at(a.length, b.length);
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[-_\s]/g, '');
}

function allowedDistance(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest <= 3 ? 1 : Math.max(2, Math.floor(longest / 3));
}
