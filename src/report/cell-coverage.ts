/**
 * Which cells had craft at which evaluation tick, kept as runs of consecutive ticks (a cell under a busy airway is
 * one run for the whole run), so the report's time slider can tell a quiet cell from one nobody was in. A replay
 * feeds it the fused (`src: 'all'`) rows, which the region stage emits tick by tick, only for cells with craft.
 */
export class CellCoverage {
  /** Every tick that had at least one row, ms, ascending. */
  readonly ticks: number[] = [];
  /** Per cell: pairs [first, last] of tick indexes, inclusive, ascending. */
  private readonly runs = new Map<string, number[]>();

  /** Records that `cell` had craft at tick `t`; ticks arrive in order. */
  add(t: number, cell: string): void {
    const last = this.ticks.length - 1;
    if (last < 0 || t > this.ticks[last]!) this.ticks.push(t);
    else if (t < this.ticks[last]!) throw new RangeError(`tick ${t} arrived after tick ${this.ticks[last]}`);
    const tick = this.ticks.length - 1;
    const runs = this.runs.get(cell);
    if (runs === undefined) {
      this.runs.set(cell, [tick, tick]);
      return;
    }
    const end = runs.length - 1;
    if (runs[end]! >= tick - 1) runs[end] = tick;
    else runs.push(tick, tick);
  }

  /** The runs of `cell` as flat [first, last, first, last…] tick indexes; empty if it never had craft. */
  runsOf(cell: string): readonly number[] {
    return this.runs.get(cell) ?? [];
  }
}
