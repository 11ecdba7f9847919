/** Complementary error function (Numerical Recipes `erfcc`, Chebyshev fit): relative error below 1.2e-7 everywhere. */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Two-sided p-value of a standard normal z-score: P(|Z| ≥ |z|). */
export function twoSidedP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/** Global statistics Gi* needs: the number of cells, the mean and the (population) standard deviation of values. */
export interface GiStarGlobals {
  n: number;
  mean: number;
  sd: number;
}

/** The globals of a full list of values (zeros included). */
export function giStarGlobals(values: ArrayLike<number>): GiStarGlobals {
  return globalsFromSums(values.length, sumOf(values), sumOf(values, 2));
}

function sumOf(values: ArrayLike<number>, power = 1): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] ** power;
  return s;
}

/** The globals from n, Σx and Σx² (so cells without incidents need not be listed). */
export function globalsFromSums(n: number, sum: number, sumSquares: number): GiStarGlobals {
  const mean = n > 0 ? sum / n : 0;
  return { n, mean, sd: Math.sqrt(Math.max(0, sumSquares / n - mean * mean)) };
}

/**
 * Getis–Ord Gi* z-score of one cell with binary weights (the cell itself included in its neighbourhood):
 * (L − x̄W) / (S √((nW − W²)/(n − 1))), where L is the sum of values over the neighbourhood and W its size
 * (Getis & Ord 1992; Ord & Getis 1995). 0 when the values do not vary or the neighbourhood is everything.
 */
export function giStarZ(localSum: number, w: number, g: GiStarGlobals): number {
  const denom = g.sd * Math.sqrt((g.n * w - w * w) / (g.n - 1));
  return g.n > 1 && denom > 0 ? (localSum - g.mean * w) / denom : 0;
}

/** Gi* z-scores of every cell of a graph: `neighbours[i]` lists i's neighbourhood, i itself included. */
export function giStar(values: ArrayLike<number>, neighbours: ReadonlyArray<ReadonlyArray<number>>): number[] {
  const g = giStarGlobals(values);
  return neighbours.map((nb) => {
    let sum = 0;
    for (const j of nb) sum += values[j];
    return giStarZ(sum, nb.length, g);
  });
}

/** A p-value shared by `count` tests (cells without incidents and the same neighbourhood size share one). */
export interface PGroup {
  p: number;
  count: number;
}

/**
 * Benjamini–Hochberg adjusted p-values (q-values) of groups of tied p-values, in the order given:
 * q(i) = min over ranks j ≥ i of n·p(j)/j, capped at 1; a test is significant at FDR level α when q ≤ α.
 */
export function bhAdjustGroups(groups: readonly PGroup[]): number[] {
  const n = groups.reduce((s, g) => s + g.count, 0);
  const order = groups.map((_, i) => i).sort((a, b) => groups[a].p - groups[b].p || a - b);
  const out = new Array<number>(groups.length).fill(1);
  let rank = 0;
  const last: number[] = [];
  for (const i of order) {
    rank += groups[i].count;
    last.push(rank);
  }
  let running = 1;
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k];
    if (groups[i].count === 0) continue;
    running = Math.min(running, (n * groups[i].p) / last[k]);
    out[i] = running;
  }
  return out;
}

/** Benjamini–Hochberg q-values of a list of p-values, and which are significant at FDR level `q`. */
export function benjaminiHochberg(
  pValues: readonly number[],
  q = 0.05,
): { adjusted: number[]; significant: boolean[] } {
  const adjusted = bhAdjustGroups(pValues.map((p) => ({ p, count: 1 })));
  return { adjusted, significant: adjusted.map((a) => a <= q) };
}

/**
 * Two-sided p-values of local sums under randomisation: the local sum of a neighbourhood of w cells compared with the
 * sum of w values drawn at random from all n cells' values (with replacement, which the permutation null approaches
 * when n ≫ w). The null distribution is exact, by convolving the empirical distribution of the values w times, so it
 * holds for sparse counts where the normal approximation of Gi* calls a few chance neighbours significant. Values
 * must be whole numbers (counts, integer weights); returns null otherwise. `valueCounts` lists each non-zero value
 * and how many cells hold it; the other cells hold 0.
 */
export function randomizationP(
  valueCounts: ReadonlyArray<readonly [number, number]>,
  n: number,
  w: number,
): ((localSum: number) => number) | null {
  if (valueCounts.some(([v]) => !Number.isInteger(v) || v < 0)) return null;
  const nonZero = valueCounts.reduce((s, [, c]) => s + c, 0);
  const single = new Map<number, number>([[0, (n - nonZero) / n]]);
  for (const [v, c] of valueCounts) single.set(v, (single.get(v) ?? 0) + c / n);
  const max = Math.max(0, ...single.keys());
  if (max * w > 1_000_000) return null;
  const steps = [...single];
  let dist = new Float64Array(1).fill(1);
  for (let k = 0; k < w; k++) {
    const next = new Float64Array(dist.length + max);
    for (let s = 0; s < dist.length; s++) {
      if (dist[s] === 0) continue;
      for (const [v, p] of steps) next[s + v] += dist[s] * p;
    }
    dist = next;
  }
  // Tails summed from their far ends, so tiny probabilities keep their precision.
  const upper = new Float64Array(dist.length + 1);
  for (let s = dist.length - 1; s >= 0; s--) upper[s] = upper[s + 1] + dist[s];
  const lower = new Float64Array(dist.length);
  for (let s = 0; s < dist.length; s++) lower[s] = (s > 0 ? lower[s - 1] : 0) + dist[s];
  return (localSum) => {
    const s = Math.round(localSum);
    if (s < 0) return 0;
    if (s >= dist.length) return 0;
    return Math.min(1, 2 * Math.min(upper[s], lower[s]));
  };
}
