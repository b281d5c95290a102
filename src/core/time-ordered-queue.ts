/**
 * A queue of timed records kept in event-time order, for input that is nearly in order (a merged feed whose
 * readsb snapshots are a second or two apart): a record is inserted from the back, so the cost is the distance it is
 * out of order, and records of equal time keep their arrival order. Taken from the front. The array is compacted
 * once half of it has been taken, so a long stream does not grow it.
 */
export class TimeOrderedQueue<T extends { t: number }> {
  private items: T[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  /** Time of the first record; only meaningful when size > 0. */
  get firstTime(): number {
    return this.items[this.head]!.t;
  }

  push(record: T): void {
    const items = this.items;
    let i = items.length;
    items.push(record);
    while (i > this.head && items[i - 1]!.t > record.t) {
      items[i] = items[i - 1]!;
      i--;
    }
    items[i] = record;
  }

  /** Removes and returns the first record; the caller checks size first. */
  shift(): T {
    const record = this.items[this.head]!;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return record;
  }
}
