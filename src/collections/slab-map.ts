import {
  NO_ROW,
  SLAB_CHUNK_MASK,
  SLAB_CHUNK_SHIFT,
  Slab,
  type SlabChunk,
  type SlabLayout,
  type SlabRows,
} from './slab.js';

/**
 * A size-bounded map from keys to rows of a Slab (see there why rows), for per-craft and per-cell state on the hot path
 * (STYLE: every Map bounded with eviction). The Map holds only row numbers: small integers, no object per entry.
 *
 * Entries are kept in least-recently-touched order, as in BoundedMap, by a doubly linked list through the rows: the
 * stalest entry is evicted in O(1), `expireBefore` stops at the first fresh entry, and `touch` is a few integer writes
 * where BoundedMap deletes and re-inserts the Map entry (the Map keeps deleted entries until it rehashes: with a touch
 * a minute per craft its table reached 3× the live entries).
 *
 * A row holds the map's own slots before the caller's: doubles [lastSeen, …], ints [prev row, next row, …],
 * refs [key, …]. The caller's indexes (`doubleIndex`…) point past them.
 */

const LAST_SEEN = 0;
const PREV = 0;
const NEXT = 1;
const KEY = 0;
const OWN_DOUBLES = 1;
const OWN_INTS = 2;
const OWN_REFS = 1;

export class SlabMap<K> implements SlabRows {
  private readonly index = new Map<K, number>();
  private readonly slab: Slab;
  private head = NO_ROW;
  private tail = NO_ROW;
  evicted = 0;

  constructor(
    readonly maxSize: number,
    layout: SlabLayout,
    /** Called with the row of an entry evicted or expired, before the row is given back. */
    private readonly onEvict?: (row: number) => void,
  ) {
    if (!(maxSize > 0)) throw new RangeError(`SlabMap maxSize must be > 0, got ${maxSize}`);
    this.slab = new Slab({
      doubles: [Number.NaN, ...layout.doubles],
      ints: [NO_ROW, NO_ROW, ...layout.ints],
      refs: [undefined, ...layout.refs],
    });
  }

  get size(): number {
    return this.index.size;
  }

  /** The row of `key`, or NO_ROW. */
  get(key: K): number {
    return this.index.get(key) ?? NO_ROW;
  }

  has(key: K): boolean {
    return this.index.has(key);
  }

  /**
   * Add an absent key as the most recently touched entry, last seen at `time`, evicting the stalest entry when full.
   * Returns its row, set to the layout's initial values.
   */
  add(key: K, time: number): number {
    if (this.index.has(key)) throw new Error(`SlabMap: key already present: ${String(key)}`);
    if (this.index.size >= this.maxSize) {
      this.evicted++;
      this.remove(this.head);
    }
    const row = this.slab.take();
    this.setLastSeen(row, time);
    this.chunk(row).r[(row & SLAB_CHUNK_MASK) * this.slab.refStride + KEY] = key;
    this.append(row);
    this.index.set(key, row);
    return row;
  }

  /** Mark a row as used at `time` and move it to the back of the eviction order. */
  touch(row: number, time: number): void {
    this.setLastSeen(row, time);
    if (row === this.tail) return;
    this.unlink(row);
    this.append(row);
  }

  lastSeen(row: number): number {
    return this.chunk(row).f[(row & SLAB_CHUNK_MASK) * this.slab.doubleStride + LAST_SEEN]!;
  }

  /**
   * Set the time an entry counts as last seen without moving it in the eviction order (as a BoundedMap caller does by
   * writing `value.lastSeen`): `expireBefore` reads it, and stops at it if it is fresh.
   */
  setLastSeen(row: number, time: number): void {
    this.chunk(row).f[(row & SLAB_CHUNK_MASK) * this.slab.doubleStride + LAST_SEEN] = time;
  }

  keyOf(row: number): K {
    return this.chunk(row).r[(row & SLAB_CHUNK_MASK) * this.slab.refStride + KEY] as K;
  }

  /** Drop entries last seen before `cutoff`. Touch order is time order, so this stops at the first fresh entry. */
  expireBefore(cutoff: number): number {
    let dropped = 0;
    while (this.head !== NO_ROW && this.lastSeen(this.head) < cutoff) {
      this.remove(this.head);
      dropped++;
    }
    return dropped;
  }

  /**
   * Visit every entry, stalest first, and drop those `keep` says no to, after the whole visit (through onEvict, in
   * visit order); the kept ones keep their order and last-seen times. What a loop over a BoundedMap's entries that
   * deletes some of them did.
   */
  sweep(keep: (row: number) => boolean): void {
    const dropped: number[] = [];
    for (let row = this.head; row !== NO_ROW; row = this.link(row, NEXT)) if (!keep(row)) dropped.push(row);
    for (const row of dropped) this.remove(row);
  }

  /** The stalest entry's row (NO_ROW when empty); with `after`, walks the entries oldest first. */
  first(): number {
    return this.head;
  }

  /** The entry touched next after `row`'s, or NO_ROW. */
  after(row: number): number {
    return this.link(row, NEXT);
  }

  chunk(row: number): SlabChunk {
    return this.slab.chunks[row >> SLAB_CHUNK_SHIFT]!;
  }

  doubleIndex(row: number): number {
    return (row & SLAB_CHUNK_MASK) * this.slab.doubleStride + OWN_DOUBLES;
  }

  intIndex(row: number): number {
    return (row & SLAB_CHUNK_MASK) * this.slab.intStride + OWN_INTS;
  }

  refIndex(row: number): number {
    return (row & SLAB_CHUNK_MASK) * this.slab.refStride + OWN_REFS;
  }

  /** Take an entry out: out of the index and the list, then its row given back to the slab. */
  private remove(row: number): void {
    this.onEvict?.(row);
    this.index.delete(this.keyOf(row));
    this.unlink(row);
    this.slab.give(row);
  }

  private append(row: number): void {
    this.setLink(row, PREV, this.tail);
    this.setLink(row, NEXT, NO_ROW);
    if (this.tail === NO_ROW) this.head = row;
    else this.setLink(this.tail, NEXT, row);
    this.tail = row;
  }

  private unlink(row: number): void {
    const prev = this.link(row, PREV);
    const next = this.link(row, NEXT);
    if (prev === NO_ROW) this.head = next;
    else this.setLink(prev, NEXT, next);
    if (next === NO_ROW) this.tail = prev;
    else this.setLink(next, PREV, prev);
  }

  private link(row: number, which: number): number {
    return this.chunk(row).i[(row & SLAB_CHUNK_MASK) * this.slab.intStride + which]!;
  }

  private setLink(row: number, which: number, to: number): void {
    this.chunk(row).i[(row & SLAB_CHUNK_MASK) * this.slab.intStride + which] = to;
  }
}
