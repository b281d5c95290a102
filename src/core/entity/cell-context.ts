import { NO_ROW, type SlabLayout } from '../../collections/slab.js';
import { SlabMap } from '../../collections/slab-map.js';
import type { CellIds } from './cell-locator.js';

/**
 * Recent good and degraded craft-buckets per H3 cell, as this stage sees them, so that the chronic learner can ask
 * "were this craft's neighbours good while it was degraded?". Counts run in tumbling windows shared by all cells
 * (window k covers [k·w, (k+1)·w)); a question reads the current and the previous window, so the answer always
 * covers at least one full window. One small row per cell with traffic (its window and four counts: ~40 bytes, plus
 * its key and Map slot), bounded by the map.
 */

// A cell's counts (ints of its row); the row's `lastSeen` is the index of the window the current counts belong to.
const GOOD = 0;
const BAD = 1;
const PREVIOUS_GOOD = 2;
const PREVIOUS_BAD = 3;
const CELL_COUNTS: SlabLayout = { doubles: [], ints: [0, 0, 0, 0], refs: [] };

export class CellContext implements CellIds {
  private readonly cells: SlabMap<string>;

  constructor(
    maxCells: number,
    private readonly windowMs: number,
  ) {
    this.cells = new SlabMap(maxCells, CELL_COUNTS);
  }

  get size(): number {
    return this.cells.size;
  }

  /** The id string this context holds for `cell` (a key of its map), else `cell`: craft share it (see cell-locator). */
  shared(cell: string): string {
    const row = this.cells.get(cell);
    return row === NO_ROW ? cell : this.cells.keyOf(row);
  }

  /** Count one craft-bucket in `cell`. */
  add(cell: string, t: number, bad: boolean): void {
    const window = Math.floor(t / this.windowMs);
    let row = this.cells.get(cell);
    if (row === NO_ROW) {
      row = this.cells.add(cell, window);
    } else if (window > this.cells.lastSeen(row)) {
      this.roll(row, window);
      this.cells.touch(row, window);
    }
    const counts = this.cells.chunk(row).i;
    const k = this.cells.intIndex(row) + (bad ? BAD : GOOD);
    counts[k] = counts[k]! + 1;
  }

  /**
   * Whether the other craft in `cell` are good: at least `minSamples` craft-buckets, of which at most `maxBadRatio`
   * degraded once this craft's own bucket (degraded when `selfBad`) is taken out.
   */
  neighboursGood(cell: string, t: number, selfBad: boolean, minSamples: number, maxBadRatio: number): boolean {
    const row = this.cells.get(cell);
    if (row === NO_ROW) return false;
    const window = Math.floor(t / this.windowMs);
    if (window > this.cells.lastSeen(row)) this.roll(row, window);
    const counts = this.cells.chunk(row).i;
    const k = this.cells.intIndex(row);
    const good = counts[k + GOOD]! + counts[k + PREVIOUS_GOOD]!;
    const bad = Math.max(0, counts[k + BAD]! + counts[k + PREVIOUS_BAD]! - (selfBad ? 1 : 0));
    return good + bad >= minSamples && bad <= maxBadRatio * (good + bad);
  }

  /** Drop cells without counts since before `cutoffMs`. */
  expireBefore(cutoffMs: number): number {
    return this.cells.expireBefore(Math.floor(cutoffMs / this.windowMs));
  }

  /**
   * Move to `window`: the current counts become the previous ones if it is the next window, else both start at 0.
   * The row's place in the expiry order moves only when a count is added (`add`).
   */
  private roll(row: number, window: number): void {
    const counts = this.cells.chunk(row).i;
    const k = this.cells.intIndex(row);
    const adjacent = window === this.cells.lastSeen(row) + 1;
    counts[k + PREVIOUS_GOOD] = adjacent ? counts[k + GOOD]! : 0;
    counts[k + PREVIOUS_BAD] = adjacent ? counts[k + BAD]! : 0;
    counts[k + GOOD] = 0;
    counts[k + BAD] = 0;
    this.cells.setLastSeen(row, window);
  }
}
