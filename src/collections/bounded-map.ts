/**
 * A Map with a hard size limit, for per-craft and per-cell state on the hot path (STYLE: every Map bounded with
 * eviction). Entries are kept in least-recently-touched order: `touch` moves an entry to the back, so the front is
 * always the stalest and eviction is O(1). `expireBefore` drops entries whose time is older than a cut-off, which
 * bounds memory by time as well as by count.
 */
export class BoundedMap<K, V extends { lastSeen: number }> {
  private readonly map = new Map<K, V>();
  evicted = 0;

  constructor(
    readonly maxSize: number,
    private readonly onEvict?: (key: K, value: V) => void,
  ) {
    if (!(maxSize > 0)) throw new RangeError(`BoundedMap maxSize must be > 0, got ${maxSize}`);
  }

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Insert or replace, as the most recently touched entry; evicts the stalest entry when full. */
  set(key: K, value: V): void {
    if (this.map.has(key)) this.map.delete(key);
    else if (this.map.size >= this.maxSize) this.evictOldest();
    this.map.set(key, value);
  }

  /** Mark an entry as used at `time` and move it to the back of the eviction order. */
  touch(key: K, value: V, time: number): void {
    value.lastSeen = time;
    this.map.delete(key);
    this.map.set(key, value);
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }

  /** Drop entries last seen before `cutoff`. Touch order is time order, so this stops at the first fresh entry. */
  expireBefore(cutoff: number): number {
    let dropped = 0;
    for (const [key, value] of this.map) {
      if (value.lastSeen >= cutoff) break;
      this.map.delete(key);
      this.onEvict?.(key, value);
      dropped++;
    }
    return dropped;
  }

  values(): IterableIterator<V> {
    return this.map.values();
  }

  entries(): IterableIterator<[K, V]> {
    return this.map.entries();
  }

  clear(): void {
    this.map.clear();
  }

  private evictOldest(): void {
    const first = this.map.entries().next();
    if (first.done) return;
    const [key, value] = first.value;
    this.map.delete(key);
    this.evicted++;
    this.onEvict?.(key, value);
  }
}
