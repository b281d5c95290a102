/**
 * Rows of numbers in typed arrays shared by many records, for state kept by the ten thousand (per craft, per cell).
 * What a class instance per record costs with the V8 of Node 20, measured on the entity stage's heap: an object header
 * and an 8-byte slot per field, plus a 16-byte HeapNumber box for every field that holds a double (times in ms,
 * coordinates): ~620 bytes for the 45 fields of a craft (344 + 272 of boxes). Here a record is a row number; its fields are slots of a row in a
 * chunk's arrays: doubles in a Float64Array, integers in an Int32Array, and a few object slots (strings, rare objects)
 * in a plain array. Callers read and write a row through a view that holds the row's chunk and indexes (`chunk`,
 * `doubleIndex`, `intIndex`, `refIndex`), so that the code reads as fields on an object.
 *
 * Rows come in chunks of SLAB_CHUNK_ROWS: growth adds a chunk and copies nothing, and at most one chunk is unused. A
 * row given back goes on a free list, its object slots cleared at once (nothing stays reachable through a free row),
 * and is reset to the layout's initial values when it is taken again.
 */

/** Rows per chunk: 256 rows of the entity stage's craft layout are ~57 KB. */
export const SLAB_CHUNK_ROWS = 256;
/** Row `row` is slot `row & SLAB_CHUNK_MASK` of chunk `row >> SLAB_CHUNK_SHIFT`. */
export const SLAB_CHUNK_SHIFT = 8;
export const SLAB_CHUNK_MASK = SLAB_CHUNK_ROWS - 1;

/** "No row": a row number that is none (an absent key, the end of a list, a record not allocated). */
export const NO_ROW = -1;

/** The slots of a row, each given by its initial value (NaN for an unknown number). */
export interface SlabLayout {
  readonly doubles: readonly number[];
  /** Int32 values. */
  readonly ints: readonly number[];
  readonly refs: readonly unknown[];
}

/** One chunk of rows: the arrays a view reads and writes. */
export class SlabChunk {
  readonly f: Float64Array;
  readonly i: Int32Array;
  /** The memory of `i` by byte: int slot k is bytes 4k to 4k + 3, for small fields four to a slot. */
  readonly b: Int8Array;
  readonly r: unknown[];

  constructor(layout: SlabLayout) {
    this.f = new Float64Array(SLAB_CHUNK_ROWS * layout.doubles.length);
    this.i = new Int32Array(SLAB_CHUNK_ROWS * layout.ints.length);
    this.b = new Int8Array(this.i.buffer);
    const refs = layout.refs;
    // sized once (holey, but never grown: no spare capacity); the slots are set when a row is taken
    this.r = new Array<unknown>(SLAB_CHUNK_ROWS * refs.length);
    for (let k = 0; k < this.r.length; k++) this.r[k] = refs[k % refs.length];
  }
}

/** Where a view finds the slots of a row. */
export interface SlabRows {
  chunk(row: number): SlabChunk;
  /** Index in `chunk(row).f` of the row's first double. */
  doubleIndex(row: number): number;
  /** Index in `chunk(row).i` of the row's first integer. */
  intIndex(row: number): number;
  /** Index in `chunk(row).r` of the row's first object slot. */
  refIndex(row: number): number;
}

/**
 * Rows in chunks, with a free list. Its geometry (`chunks`, strides) is public and read-only so that a SlabMap and the
 * views compute indexes without nested calls: V8 inlines a small accessor for free only while the hot function's
 * inlining budget lasts, and every nested call spends it.
 */
export class Slab implements SlabRows {
  readonly chunks: SlabChunk[] = [];
  /** Slots per row in each array. */
  readonly doubleStride: number;
  readonly intStride: number;
  readonly refStride: number;
  private readonly doubles: Float64Array;
  private readonly ints: Int32Array;
  /** Rows given back, to be taken again first. */
  private readonly free: number[] = [];
  /** Rows handed out so far (in use or free): the next new row. */
  private rows = 0;

  constructor(private readonly layout: SlabLayout) {
    this.doubles = Float64Array.from(layout.doubles);
    this.ints = Int32Array.from(layout.ints);
    this.doubleStride = layout.doubles.length;
    this.intStride = layout.ints.length;
    this.refStride = layout.refs.length;
  }

  /** Rows in use. */
  get size(): number {
    return this.rows - this.free.length;
  }

  /** A row set to the layout's initial values: a given-back one, else a new one (adding a chunk when needed). */
  take(): number {
    let row = this.free.pop();
    if (row === undefined) {
      row = this.rows++;
      if (row >> SLAB_CHUNK_SHIFT === this.chunks.length) this.chunks.push(new SlabChunk(this.layout));
    }
    const c = this.chunk(row);
    c.f.set(this.doubles, this.doubleIndex(row));
    c.i.set(this.ints, this.intIndex(row));
    this.resetRefs(c, this.refIndex(row));
    return row;
  }

  /** Give a row back: its object slots are cleared now, its numbers when it is taken again. */
  give(row: number): void {
    this.resetRefs(this.chunk(row), this.refIndex(row));
    this.free.push(row);
  }

  chunk(row: number): SlabChunk {
    return this.chunks[row >> SLAB_CHUNK_SHIFT]!;
  }

  doubleIndex(row: number): number {
    return (row & SLAB_CHUNK_MASK) * this.doubleStride;
  }

  intIndex(row: number): number {
    return (row & SLAB_CHUNK_MASK) * this.intStride;
  }

  refIndex(row: number): number {
    return (row & SLAB_CHUNK_MASK) * this.refStride;
  }

  private resetRefs(c: SlabChunk, base: number): void {
    const refs = this.layout.refs;
    for (let k = 0; k < refs.length; k++) c.r[base + k] = refs[k];
  }
}
