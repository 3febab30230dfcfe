/**
 * HELM's `Stat.bare_str()` (`src/helm/benchmark/metrics/statistic.py`, v0.3.0 = HEAD), the cell description
 * `min=…, mean=…, max=…, sum=… (count)` of the published tables, reproduced character for character.
 */
import type { Stat } from '../helm/stat';

/** `bare_str()`: `(0)` for an empty stat, else `min=…, mean=…, max=…, sum=… (count)`. */
export function describeStat(stat: Pick<Stat, 'count' | 'sum' | 'min' | 'max'>): string {
  if (stat.count <= 0) return '(0)';
  const mean = stat.sum / stat.count;
  return `min=${formatPython(stat.min)}, mean=${formatPython(mean)}, max=${formatPython(stat.max)}, sum=${formatPython(stat.sum)} (${stat.count})`;
}

/**
 * `process(x)` inside `bare_str`: `None`, `NaN`, `str(int(x))` for integral values, else `str(round(x, 3))`.
 * Python's `round` rounds the exact binary value half to even, and `str` of an integral float keeps `.0`.
 */
export function formatPython(x: number | undefined | null): string {
  if (x === undefined || x === null) return 'None';
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (Number.isInteger(x)) return String(x === 0 ? 0 : x);
  const rounded = roundHalfEven3(x);
  if (Number.isInteger(rounded)) return `${Object.is(rounded, -0) ? '-0' : String(rounded)}.0`;
  return String(rounded);
}

/** `round(x, 3)`: correctly rounded to 3 decimals, exact ties (such as 0.0625) to even. */
function roundHalfEven3(x: number): number {
  // x·1000 ends in exactly .5 only when x = q/16 with q odd (2000 = 16·125 and the double must be dyadic);
  // x * 16 is exact in binary, so this detects true ties and nothing else (0.0005 is not one: its double is above).
  const sixteenths = x * 16;
  if (Number.isInteger(sixteenths) && Math.abs(sixteenths) % 2 === 1) {
    const floor = Math.floor(x * 1000);
    return (floor % 2 === 0 ? floor : floor + 1) / 1000;
  }
  // toFixed rounds the exact binary value to the nearest, which is what Python's round does off ties.
  return Number(x.toFixed(3));
}
