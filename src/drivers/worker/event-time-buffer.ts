/**
 * Records held until their input is complete up to their time (watermark.ts), then handed out in event-time order:
 * a repartition topic interleaves several writers, each in time order, and a stage downstream must see them merged
 * as a replay would. Ties keep arrival order unless `compare` breaks them. Bounded: past `maxHeld` records the
 * oldest are released anyway (a writer that has stopped for good must not make the reader hold input forever).
 */
export interface Timed {
  t: number;
}

export class EventTimeBuffer<T extends Timed> {
  private held: T[] = [];

  constructor(
    readonly maxHeld: number,
    private readonly compare: (a: T, b: T) => number = byTime,
  ) {}

  get size(): number {
    return this.held.length;
  }

  push(record: T): void {
    this.held.push(record);
  }

  /** True when more is held than the bound allows. */
  get overfull(): boolean {
    return this.held.length > this.maxHeld;
  }

  /** Time up to which the oldest records must be released to get back under the bound. */
  forcedWatermark(): number {
    const times = this.held.map((r) => r.t).sort((a, b) => a - b);
    return times[this.held.length - this.maxHeld - 1] ?? -1;
  }

  /** Removes and returns, in order, the records with t ≤ upTo. */
  release(upTo: number): T[] {
    const ready: T[] = [];
    const rest: T[] = [];
    for (const record of this.held) (record.t <= upTo ? ready : rest).push(record);
    if (ready.length === 0) return ready;
    this.held = rest;
    return ready.sort(this.compare);
  }

  toJSON(): T[] {
    return this.held;
  }

  restore(records: T[]): void {
    this.held = records.slice();
  }
}

function byTime(a: Timed, b: Timed): number {
  return a.t - b.t;
}
