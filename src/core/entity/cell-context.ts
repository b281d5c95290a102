import { BoundedMap } from '../../collections/bounded-map.js';

/**
 * Recent good and degraded craft-buckets per H3 cell, as this stage sees them, so that the chronic learner can ask
 * "were this craft's neighbours good while it was degraded?". Counts run in tumbling windows shared by all cells
 * (window k covers [k·w, (k+1)·w)); a question reads the current and the previous window, so the answer always
 * covers at least one full window. One small entry per cell with traffic (five small integers: ~90 bytes with its
 * key and map slot), bounded by the map.
 */
class CellCounts {
  /** Index of the window the current counts belong to (the bounded map's expiry key). */
  lastSeen = 0;
  good = 0;
  bad = 0;
  previousGood = 0;
  previousBad = 0;
}

export class CellContext {
  private readonly cells: BoundedMap<string, CellCounts>;

  constructor(
    maxCells: number,
    private readonly windowMs: number,
  ) {
    this.cells = new BoundedMap(maxCells);
  }

  get size(): number {
    return this.cells.size;
  }

  /** Count one craft-bucket in `cell`. */
  add(cell: string, t: number, bad: boolean): void {
    const window = Math.floor(t / this.windowMs);
    let c = this.cells.get(cell);
    if (c === undefined) {
      c = new CellCounts();
      c.lastSeen = window;
      this.cells.set(cell, c);
    } else if (window > c.lastSeen) {
      this.roll(c, window);
      this.cells.touch(cell, c, window);
    }
    if (bad) c.bad++;
    else c.good++;
  }

  /**
   * Whether the other craft in `cell` are good: at least `minSamples` craft-buckets, of which at most `maxBadRatio`
   * degraded once this craft's own bucket (degraded when `selfBad`) is taken out.
   */
  neighboursGood(cell: string, t: number, selfBad: boolean, minSamples: number, maxBadRatio: number): boolean {
    const c = this.cells.get(cell);
    if (c === undefined) return false;
    const window = Math.floor(t / this.windowMs);
    if (window > c.lastSeen) this.roll(c, window);
    const good = c.good + c.previousGood;
    const bad = Math.max(0, c.bad + c.previousBad - (selfBad ? 1 : 0));
    return good + bad >= minSamples && bad <= maxBadRatio * (good + bad);
  }

  /** Drop cells without counts since before `cutoffMs`. */
  expireBefore(cutoffMs: number): number {
    return this.cells.expireBefore(Math.floor(cutoffMs / this.windowMs));
  }

  private roll(c: CellCounts, window: number): void {
    const adjacent = window === c.lastSeen + 1;
    c.previousGood = adjacent ? c.good : 0;
    c.previousBad = adjacent ? c.bad : 0;
    c.good = 0;
    c.bad = 0;
    c.lastSeen = window;
  }
}
