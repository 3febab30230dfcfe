/**
 * Recalibration of a bootstrap probability P*(rank ≤ k) (docs/calibration.md §4): a logistic map
 * P = σ(a + b·logit p̃), p̃ = (p·B + ½)/(B + 1) so that shares of 0 or 1 keep a finite logit (Platt 1999).
 * (a, b) maximise the Bernoulli likelihood of the calibration records' outcomes (truth ≤ k) plus a ridge
 * penalty ½·λ·(a² + (b − 1)²) that pulls towards the identity map (a = 0, b = 1), so a handful of records, or
 * records that all agree, cannot push the map to 0/1 extremes. Solved by damped Newton steps.
 */

/** The map of one k. */
export interface ProbabilityMap {
  readonly k: number;
  readonly intercept: number;
  readonly slope: number;
}

/** λ of the ridge penalty: one pseudo-record's worth of pull towards the identity. */
export const PROBABILITY_MAP_RIDGE = 1;

function logit(p: number): number {
  return Math.log(p / (1 - p));
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** log(1 + e^x) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** The smoothed share p̃ of a raw share p out of B replicates. */
export function smoothedShare(raw: number, resamples: number): number {
  return (raw * resamples + 0.5) / (resamples + 1);
}

/** Fits the map of one k on (raw share, outcome) pairs. */
export function fitProbabilityMap(
  k: number,
  data: readonly { readonly raw: number; readonly outcome: boolean }[],
  resamples: number,
  ridge = PROBABILITY_MAP_RIDGE,
): ProbabilityMap {
  const x = data.map((d) => logit(smoothedShare(d.raw, resamples)));
  const y = data.map((d) => (d.outcome ? 1 : 0));
  const loss = (a: number, b: number): number => {
    let total = 0.5 * ridge * (a * a + (b - 1) * (b - 1));
    for (let i = 0; i < x.length; i++) {
      const z = a + b * (x[i] as number);
      total += softplus(z) - (y[i] as number) * z;
    }
    return total;
  };
  let a = 0;
  let b = 1;
  for (let iteration = 0; iteration < 100; iteration++) {
    let ga = ridge * a;
    let gb = ridge * (b - 1);
    let haa = ridge;
    let hab = 0;
    let hbb = ridge;
    for (let i = 0; i < x.length; i++) {
      const xi = x[i] as number;
      const p = sigmoid(a + b * xi);
      const residual = p - (y[i] as number);
      const w = p * (1 - p);
      ga += residual;
      gb += residual * xi;
      haa += w;
      hab += w * xi;
      hbb += w * xi * xi;
    }
    const determinant = haa * hbb - hab * hab;
    if (!(determinant > 0)) break;
    const da = (hbb * ga - hab * gb) / determinant;
    const db = (haa * gb - hab * ga) / determinant;
    // Damped step: halve until the penalised loss does not increase.
    const before = loss(a, b);
    let t = 1;
    while (t > 1e-8 && loss(a - t * da, b - t * db) > before + 1e-12) t /= 2;
    a -= t * da;
    b -= t * db;
    if (Math.abs(t * da) < 1e-10 && Math.abs(t * db) < 1e-10) break;
  }
  return { k, intercept: a, slope: b };
}

/** P(rank ≤ k) for a raw share under a map. */
export function mapProbability(map: ProbabilityMap, raw: number, resamples: number): number {
  return sigmoid(map.intercept + map.slope * logit(smoothedShare(raw, resamples)));
}
