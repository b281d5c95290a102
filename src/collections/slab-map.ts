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
 * The index is our own open-addressing table of row numbers (an Int32Array at most half full, linear probing,
 * deletion by backward shift), the key's 32-bit FNV-1a hash kept in the row: a JS Map's table costs ~28 bytes per
 * slot of a power-of-two capacity, ~90 bytes per entry at 24k cells, and was the largest part of the pipeline's
 * memory per craft once the records were rows. Keys are strings (craft ids, H3 cells).
 *
 * A row holds the map's own slots before the caller's: doubles [lastSeen, …], ints [prev row, next row, hash, …],
 * refs [key, …]. The caller's indexes (`doubleIndex`…) point past them.
 */

const LAST_SEEN = 0;
const PREV = 0;
const NEXT = 1;
const KEY = 0;
const OWN_DOUBLES = 1;
const HASH = 2;
const OWN_INTS = 3;
/** Smallest table: 256 slots. */
const MIN_TABLE = 256;
const EMPTY = -1;

/** 32-bit FNV-1a of a string's UTF-16 code units, with a final xor-shift so that the low bits (the slot) mix too. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h ^ (h >>> 15);
}
const OWN_REFS = 1;

export class SlabMap<K extends string> implements SlabRows {
  private table = new Int32Array(MIN_TABLE).fill(EMPTY);
  private count = 0;
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
      ints: [NO_ROW, NO_ROW, 0, ...layout.ints],
      refs: [undefined, ...layout.refs],
    });
  }

  get size(): number {
    return this.count;
  }

  /** The row of `key`, or NO_ROW. */
  get(key: K): number {
    return this.find(key, hashOf(key));
  }

  has(key: K): boolean {
    return this.find(key, hashOf(key)) !== NO_ROW;
  }

  /**
   * Add an absent key as the most recently touched entry, last seen at `time`, evicting the stalest entry when full.
   * Returns its row, set to the layout's initial values.
   */
  add(key: K, time: number): number {
    const hash = hashOf(key);
    if (this.find(key, hash) !== NO_ROW) throw new Error(`SlabMap: key already present: ${key}`);
    if (this.count >= this.maxSize) {
      this.evicted++;
      this.remove(this.head);
    }
    const row = this.slab.take();
    this.setLastSeen(row, time);
    const c = this.chunk(row);
    c.r[(row & SLAB_CHUNK_MASK) * this.slab.refStride + KEY] = key;
    c.i[(row & SLAB_CHUNK_MASK) * this.slab.intStride + HASH] = hash;
    this.append(row);
    this.insert(row, hash);
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
    this.erase(row);
    this.unlink(row);
    this.slab.give(row);
  }

  /** The row of `key` (whose hash is `hash`), or NO_ROW: probe from its slot to the first empty one. */
  private find(key: K, hash: number): number {
    const t = this.table;
    const mask = t.length - 1;
    const slab = this.slab;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const row = t[i]!;
      if (row === EMPTY) return NO_ROW;
      const c = slab.chunks[row >> SLAB_CHUNK_SHIFT]!;
      const o = row & SLAB_CHUNK_MASK;
      if (c.i[o * slab.intStride + HASH] === hash && c.r[o * slab.refStride + KEY] === key) return row;
    }
  }

  private hashAt(row: number): number {
    return this.chunk(row).i[(row & SLAB_CHUNK_MASK) * this.slab.intStride + HASH]!;
  }

  /** Put a row in the table, doubling the table first to keep it at most half full. */
  private insert(row: number, hash: number): void {
    if ((this.count + 1) * 2 > this.table.length) this.rehash(this.table.length * 2);
    const t = this.table;
    const mask = t.length - 1;
    let i = hash & mask;
    while (t[i] !== EMPTY) i = (i + 1) & mask;
    t[i] = row;
    this.count++;
  }

  private rehash(capacity: number): void {
    const old = this.table;
    const t = new Int32Array(capacity).fill(EMPTY);
    const mask = capacity - 1;
    for (const row of old) {
      if (row === EMPTY) continue;
      let i = this.hashAt(row) & mask;
      while (t[i] !== EMPTY) i = (i + 1) & mask;
      t[i] = row;
    }
    this.table = t;
  }

  /**
   * Take a row out of the table. Backward shift: each later entry of the probe run moves into the hole unless its own
   * slot lies cyclically in (hole, its place], so that no probe ever meets a gap before its key.
   */
  private erase(row: number): void {
    const t = this.table;
    const mask = t.length - 1;
    let hole = this.hashAt(row) & mask;
    while (t[hole] !== row) hole = (hole + 1) & mask;
    for (let j = (hole + 1) & mask; t[j] !== EMPTY; j = (j + 1) & mask) {
      const home = this.hashAt(t[j]!) & mask;
      const stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (stays) continue;
      t[hole] = t[j]!;
      hole = j;
    }
    t[hole] = EMPTY;
    this.count--;
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
