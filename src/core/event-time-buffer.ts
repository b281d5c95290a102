/**
 * Records held until their input is complete up to their time, then handed out in event-time order: a repartition
 * topic interleaves several writers (the worker's region and event tasks), and a replay's merged feed holds readsb
 * snapshots a second or two out of order (the Pipeline); a stage downstream must see either merged in time order.
 *
 * Kept sorted as records come: a record is inserted from the back, so the cost is the distance it is out of order;
 * ties keep arrival order unless `compare` breaks them. Taken from the front. Bounded: past `maxHeld` records the
 * caller releases the oldest anyway (a writer that has stopped for good must not make the reader hold input forever).
 */
export interface Timed {
  t: number;
}

export class EventTimeBuffer<T extends Timed> {
  private items: T[] = [];
  private head = 0;

  constructor(
    readonly maxHeld: number,
    private readonly compare: (a: T, b: T) => number = byTime,
  ) {}

  get size(): number {
    return this.items.length - this.head;
  }

  /** Time of the oldest record held; only meaningful when size > 0. */
  get firstTime(): number {
    return this.items[this.head]!.t;
  }

  push(record: T): void {
    const items = this.items;
    let i = items.length;
    items.push(record);
    while (i > this.head && this.compare(items[i - 1]!, record) > 0) {
      items[i] = items[i - 1]!;
      i--;
    }
    items[i] = record;
  }

  /** Removes and returns the oldest record; the caller checks size first. */
  shift(): T {
    const record = this.items[this.head]!;
    this.head++;
    // compact once half the array has been taken, so that a long stream does not grow it
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return record;
  }

  /** True when more is held than the bound allows. */
  get overfull(): boolean {
    return this.size > this.maxHeld;
  }

  /** Time up to which the oldest records must be released to get back under the bound. */
  forcedWatermark(): number {
    return this.items[this.head + this.size - this.maxHeld - 1]?.t ?? -1;
  }

  /** Removes and returns, in order, the records with t ≤ upTo. */
  release(upTo: number): T[] {
    const ready: T[] = [];
    while (this.size > 0 && this.firstTime <= upTo) ready.push(this.shift());
    return ready;
  }

  toJSON(): T[] {
    return this.items.slice(this.head);
  }

  restore(records: T[]): void {
    this.items = [];
    this.head = 0;
    for (const record of records) this.push(record);
  }
}

function byTime(a: Timed, b: Timed): number {
  return a.t - b.t;
}
