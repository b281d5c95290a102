import type { CellRow } from '../../src/schema/cell.js';

export const GPSJAM_HEADER = 'hex,count_good_aircraft,count_bad_aircraft';

/** The region stage's default window, at which `jamwatch export gpsjam` samples. */
const WINDOW_MS = 300_000;
const DAY_MS = 86_400_000;

/**
 * What `jamwatch export gpsjam` should give for these rows (only those of the UTC day starting at `dayStart`, when
 * given): per res-4 cell, the ADS-B rows sampled once per window (the latest in each), good and bad aircraft summed
 * over the windows, sorted by cell.
 */
export function gpsjamCsvOf(rows: readonly CellRow[], dayStart?: number) {
  const windows = new Map<string, CellRow>();
  for (const r of rows) {
    if (r.src !== 'adsb' || r.res !== 4) continue;
    if (dayStart !== undefined && (r.t < dayStart || r.t >= dayStart + DAY_MS)) continue;
    const key = `${r.cell}/${Math.floor(r.t / WINDOW_MS)}`;
    if ((windows.get(key)?.t ?? -1) < r.t) windows.set(key, r);
  }
  const sums = new Map<string, { good: number; bad: number }>();
  for (const r of windows.values()) {
    const sum = sums.get(r.cell) ?? { good: 0, bad: 0 };
    sum.good += r.craft - r.degraded;
    sum.bad += r.degraded;
    sums.set(r.cell, sum);
  }
  const lines = [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([cell, { good, bad }]) => `${cell},${good},${bad}`);
  return { expected: `${[GPSJAM_HEADER, ...lines].join('\n')}\n`, sums };
}
