import { NO_ROW, Slab } from '../../collections/slab.js';
import type { CellSample } from '../../schema/cell.js';
import {
  type CraftStatus,
  type Domain,
  EVIDENCE,
  OBSERVATION_SCHEMA_ID,
  type Observation,
} from '../../schema/observation.js';
import { craftGroup } from './craft-group.js';
import type { WindowTally } from './window-tally.js';

/**
 * The sliding windows of every cell of a stage, in one store: per cell, the latest observation of each distinct craft,
 * so that a craft seen 300 times in five minutes counts once. An older observation never replaces a newer one (late
 * data). A full cell drops its stalest entry for a new craft.
 *
 * Entries live in struct-of-arrays slabs indexed by slot (no object per entry: in V8 each would cost ~200 B with its
 * boxed doubles, and a Map per cell ~300 B more even for one craft). Slots freed by expiry go to a free list; the
 * slabs double when full. Their size follows the callers' bounds: at most maxCells × maxPerCell entries.
 *
 *   per slot   lastSeen lat lon alt      Float64
 *              kind      Uint8: bit 0 domain (0 air, 1 sea), bits 1–2 status (0 good, 1 degraded, 2 spoofed),
 *                               bits 3–4 craft group
 *              evidence  Uint32: EVIDENCE bits
 *              cellPrev cellNext     Int32: the cell's list, stalest first (the order a Map in touch order kept)
 *              craftPrev craftNext   Int32: the craft's chain across cells, most recently updated first
 *              cellOf                Int32: the cell it belongs to
 *              extraOf               Int32: its row of spoof and edge points, or NONE
 *              id                    the craft id
 *
 * Spoof and edge points (six doubles) come with affected craft only, a few percent of the entries on most days: they
 * live in rows of a side Slab taken for the entries that have any and given back with the slot, not in six columns of
 * NaN (48 B a slot).
 *
 * Cells and pools are numbered by the caller with small integers (the rows of its SlabMaps, reused once freed): the
 * store keeps per cell the ends and length of its entry list and its pool, and per pool its first cell, in columns
 * indexed by those numbers and grown by doubling (no object per cell: a class instance with its boxed numbers was
 * ~140 B a cell).
 *
 *   per cell   head tail size        Int32: its entry list
 *              pool nextInPool       Int32: the pool it is scored with (NONE: alone) and the next cell of that pool
 *   per pool   firstCell             Int32: its cells' list (NONE: no cell)
 *
 * The craft registry maps an id to the head of its chain: a craft has an entry in each cell it was seen in within the
 * window (usually 1–3), so finding its entry in a cell walks a short chain, and the updated entry moves to the front.
 *
 * A pool (cells scored together, region-stage.ts) has no window of its own: its count is its cells' entries with each
 * craft counted once, by its latest entry among the pool's cells (ties: the one updated last, the front of the chain).
 * That is the entry a window fed with every observation of the pool's cells would hold.
 */

export interface WindowStoreOptions {
  /** Distinct craft per cell: a full cell drops its stalest entry. */
  maxPerCell: number;
  /** Aircraft below and at/above this altitude are counted in different groups (craft-group.ts). */
  altitudeBandFt: number;
  /** Slots allocated at first; the slabs double from there. */
  initialCapacity?: number;
}

/** No slot, no cell, no pool (as callers' rows: NO_ROW). */
const NONE = NO_ROW;
const STATUSES: readonly CraftStatus[] = ['good', 'degraded', 'spoofed'];
const DOMAINS: readonly Domain[] = ['air', 'sea'];
const STATUS_GOOD = 0;
const STATUS_SPOOFED = 2;
const DEFAULT_CAPACITY = 1024;

/** The doubles of an extra row, NaN when absent. */
const SPOOF_LAT = 0;
const SPOOF_LON = 1;
const EDGE_LAT = 2;
const EDGE_LON = 3;
const EDGE_ALT = 4;
const EDGE_T = 5;
const EXTRA_LAYOUT = { doubles: new Array<number>(6).fill(Number.NaN), ints: [], refs: [] };

type Column = Float64Array | Int32Array | Uint32Array | Uint8Array;

/** `column` copied into a new one of `length`, the new part filled with `fill`. */
function grown<C extends Column>(column: C, length: number, fill = 0): C {
  const next = new (column.constructor as new (length: number) => C)(length);
  next.set(column as ArrayLike<number>);
  if (fill !== 0) next.fill(fill, column.length);
  return next;
}

export class WindowStore {
  private readonly maxPerCell: number;
  private readonly altitudeBandFt: number;
  private readonly initialCapacity: number;
  /** Craft id → the first slot of its chain. Bounded by the entries. */
  private readonly registry = new Map<string, number>();
  private capacity = 0;
  /** Slots ever handed out (the rest of the slab is untouched). */
  private used = 0;
  /** Free slots, linked through `cellNext`. */
  private freeHead = NONE;
  private live = 0;
  private lastSeen = new Float64Array(0);
  private lat = new Float64Array(0);
  private lon = new Float64Array(0);
  private alt = new Float64Array(0);
  private kind = new Uint8Array(0);
  private evidence = new Uint32Array(0);
  private cellPrev = new Int32Array(0);
  private cellNext = new Int32Array(0);
  private craftPrev = new Int32Array(0);
  private craftNext = new Int32Array(0);
  private cellOf = new Int32Array(0);
  private extraOf = new Int32Array(0);
  private ids: string[] = [];
  /** Spoof and edge points of the entries that have any. */
  private extras = new Slab(EXTRA_LAYOUT);
  /** Per cell number. */
  private cellHead = new Int32Array(0);
  private cellTail = new Int32Array(0);
  private cellSize = new Int32Array(0);
  private cellPool = new Int32Array(0);
  private nextInPool = new Int32Array(0);
  /** Per pool number. */
  private poolFirst = new Int32Array(0);
  /** Scratch lists of slots for `sample`. */
  private readonly affectedSlots: number[] = [];
  private readonly unaffectedSlots: number[] = [];

  constructor(options: WindowStoreOptions) {
    if (!(options.maxPerCell > 0)) throw new RangeError(`maxPerCell must be > 0, got ${options.maxPerCell}`);
    this.maxPerCell = options.maxPerCell;
    this.altitudeBandFt = options.altitudeBandFt;
    this.initialCapacity = Math.max(1, options.initialCapacity ?? DEFAULT_CAPACITY);
    this.clear();
  }

  /** Entries held, over all cells. */
  get size(): number {
    return this.live;
  }

  /** Distinct craft held. */
  get craftCount(): number {
    return this.registry.size;
  }

  /** Slots the slabs have room for. */
  get slots(): number {
    return this.capacity;
  }

  /** Entries with spoof or edge points. */
  get extraCount(): number {
    return this.extras.size;
  }

  /**
   * Start the window of cell number `cell`, empty, scored with pool number `pool` too (NO_ROW: alone). The number
   * must be free: never used, or its cell dropped.
   */
  openCell(cell: number, pool: number): void {
    if (cell >= this.cellHead.length) this.growCells(cell + 1);
    this.cellHead[cell] = NONE;
    this.cellTail[cell] = NONE;
    this.cellSize[cell] = 0;
    this.cellPool[cell] = NONE;
    this.nextInPool[cell] = NONE;
    if (pool === NONE) return;
    if (pool >= this.poolFirst.length) this.poolFirst = grown(this.poolFirst, capacityFor(pool + 1), NONE);
    this.cellPool[cell] = pool;
    this.nextInPool[cell] = this.poolFirst[pool]!;
    this.poolFirst[pool] = cell;
  }

  /** Entries in the cell's window. */
  windowSize(cell: number): number {
    return this.cellSize[cell]!;
  }

  /** The pool the cell is scored with, or NO_ROW. */
  poolOf(cell: number): number {
    return this.cellPool[cell]!;
  }

  /** Keep the observation in `cell` if it is the craft's latest there. */
  put(cell: number, obs: Observation): void {
    const head = this.registry.get(obs.id) ?? NONE;
    let slot = head;
    while (slot !== NONE && this.cellOf[slot] !== cell) slot = this.craftNext[slot]!;
    if (slot !== NONE) {
      if (obs.t < this.lastSeen[slot]!) return;
      this.write(slot, obs);
      this.moveToTail(cell, slot);
      if (slot !== head) this.moveToFront(slot, head, obs.id);
      return;
    }
    // the stalest entry belongs to another craft: this one has none in the cell
    if (this.cellSize[cell]! >= this.maxPerCell) this.remove(this.cellHead[cell]!);
    slot = this.allocate();
    this.ids[slot] = obs.id;
    this.cellOf[slot] = cell;
    this.write(slot, obs);
    const tail = this.cellTail[cell]!;
    this.cellPrev[slot] = tail;
    this.cellNext[slot] = NONE;
    if (tail === NONE) this.cellHead[cell] = slot;
    else this.cellNext[tail] = slot;
    this.cellTail[cell] = slot;
    this.cellSize[cell]!++;
    this.craftPrev[slot] = NONE;
    this.craftNext[slot] = head;
    if (head !== NONE) this.craftPrev[head] = slot;
    this.registry.set(obs.id, slot);
  }

  /** True when the craft's entry in `cell` is degraded or spoofed (false when it has none). */
  isAffected(cell: number, id: string): boolean {
    let slot = this.registry.get(id) ?? NONE;
    while (slot !== NONE && this.cellOf[slot] !== cell) slot = this.craftNext[slot]!;
    return slot !== NONE && status(this.kind[slot]!) !== STATUS_GOOD;
  }

  /** Drop the cell's craft last seen at or before `cutoff` and count the rest into `tally`. */
  expireAndTally(cell: number, cutoff: number, tally: WindowTally): void {
    tally.reset();
    for (let slot = this.cellHead[cell]!; slot !== NONE; ) {
      const next = this.cellNext[slot]!;
      if (this.lastSeen[slot]! <= cutoff) this.remove(slot);
      else this.count(slot, tally);
      slot = next;
    }
  }

  /**
   * Count the craft of a pool's cells into `tally`, each once, by its latest entry among them. Run after every cell
   * has been expired at the same cut-off.
   */
  tallyPool(pool: number, tally: WindowTally): void {
    tally.reset();
    if (pool >= this.poolFirst.length) return;
    for (let cell = this.poolFirst[pool]!; cell !== NONE; cell = this.nextInPool[cell]!) {
      for (let slot = this.cellHead[cell]!; slot !== NONE; slot = this.cellNext[slot]!) {
        if (this.latestInPool(slot, pool)) this.count(slot, tally);
      }
    }
  }

  /**
   * A bounded, deterministic sample of a cell's window for the event stage: affected and unaffected craft, each side
   * given at least half of the budget when it has that many, picked at even strides in window order.
   */
  sample(cell: number, maxSamples: number): CellSample[] {
    const affected = this.affectedSlots;
    const unaffected = this.unaffectedSlots;
    affected.length = 0;
    unaffected.length = 0;
    for (let slot = this.cellHead[cell]!; slot !== NONE; slot = this.cellNext[slot]!) {
      (status(this.kind[slot]!) === STATUS_GOOD ? unaffected : affected).push(slot);
    }
    const half = Math.ceil(maxSamples / 2);
    const takeAffected = Math.min(affected.length, Math.max(half, maxSamples - unaffected.length));
    const takeUnaffected = Math.min(unaffected.length, maxSamples - takeAffected);
    const out: CellSample[] = [];
    this.pickEvenly(affected, takeAffected, out);
    this.pickEvenly(unaffected, takeUnaffected, out);
    return out;
  }

  /** The cell's entries as observations of `key`, in window order (`estimated` is not kept: false). */
  observations(cell: number, key: string, out: Observation[]): void {
    for (let slot = this.cellHead[cell]!; slot !== NONE; slot = this.cellNext[slot]!) {
      const kind = this.kind[slot]!;
      const obs: Observation = {
        schema: OBSERVATION_SCHEMA_ID,
        t: this.lastSeen[slot]!,
        cell: key,
        id: this.ids[slot]!,
        domain: DOMAINS[kind & 1]!,
        status: STATUSES[status(kind)]!,
        lat: this.lat[slot]!,
        lon: this.lon[slot]!,
        alt: this.alt[slot]!,
        estimated: false,
        evidence: this.evidence[slot]!,
      };
      const x = this.extraOf[slot]!;
      if (x !== NONE) {
        const f = this.extras.chunk(x).f;
        const at = this.extras.doubleIndex(x);
        if (!Number.isNaN(f[at + SPOOF_LAT])) obs.spoofLat = f[at + SPOOF_LAT]!;
        if (!Number.isNaN(f[at + SPOOF_LON])) obs.spoofLon = f[at + SPOOF_LON]!;
        if (!Number.isNaN(f[at + EDGE_LAT])) obs.edgeLat = f[at + EDGE_LAT]!;
        if (!Number.isNaN(f[at + EDGE_LON])) obs.edgeLon = f[at + EDGE_LON]!;
        if (!Number.isNaN(f[at + EDGE_ALT])) obs.edgeAlt = f[at + EDGE_ALT]!;
        if (!Number.isNaN(f[at + EDGE_T])) obs.edgeT = f[at + EDGE_T]!;
      }
      out.push(obs);
    }
  }

  /** Free the cell's entries and take it out of its pool: the cell is gone (emptied or evicted), its number free. */
  drop(cell: number): void {
    while (this.cellHead[cell]! !== NONE) this.remove(this.cellHead[cell]!);
    const pool = this.cellPool[cell]!;
    if (pool === NONE) return;
    if (this.poolFirst[pool] === cell) this.poolFirst[pool] = this.nextInPool[cell]!;
    else {
      let c = this.poolFirst[pool]!;
      while (c !== NONE && this.nextInPool[c] !== cell) c = this.nextInPool[c]!;
      if (c !== NONE) this.nextInPool[c] = this.nextInPool[cell]!;
    }
    this.cellPool[cell] = NONE;
    this.nextInPool[cell] = NONE;
  }

  /** Let go of every cell of the pool: they are scored alone from now on (the pool was evicted), its number free. */
  releasePool(pool: number): void {
    if (pool >= this.poolFirst.length) return;
    for (let c = this.poolFirst[pool]!; c !== NONE; ) {
      const next = this.nextInPool[c]!;
      this.cellPool[c] = NONE;
      this.nextInPool[c] = NONE;
      c = next;
    }
    this.poolFirst[pool] = NONE;
  }

  /** Free everything, the slabs back to their first size. */
  clear(): void {
    this.registry.clear();
    this.capacity = 0;
    this.used = 0;
    this.freeHead = NONE;
    this.live = 0;
    this.lastSeen = new Float64Array(0);
    this.lat = new Float64Array(0);
    this.lon = new Float64Array(0);
    this.alt = new Float64Array(0);
    this.kind = new Uint8Array(0);
    this.evidence = new Uint32Array(0);
    this.cellPrev = new Int32Array(0);
    this.cellNext = new Int32Array(0);
    this.craftPrev = new Int32Array(0);
    this.craftNext = new Int32Array(0);
    this.cellOf = new Int32Array(0);
    this.extraOf = new Int32Array(0);
    this.ids = [];
    this.extras = new Slab(EXTRA_LAYOUT);
    this.cellHead = new Int32Array(0);
    this.cellTail = new Int32Array(0);
    this.cellSize = new Int32Array(0);
    this.cellPool = new Int32Array(0);
    this.nextInPool = new Int32Array(0);
    this.poolFirst = new Int32Array(0);
    this.grow(this.initialCapacity);
  }

  private write(slot: number, obs: Observation): void {
    this.lastSeen[slot] = obs.t;
    this.lat[slot] = obs.lat;
    this.lon[slot] = obs.lon;
    this.alt[slot] = obs.alt;
    const group = craftGroup(obs.domain, obs.alt, this.altitudeBandFt);
    this.kind[slot] = (obs.domain === 'sea' ? 1 : 0) | (STATUSES.indexOf(obs.status) << 1) | (group << 3);
    this.evidence[slot] = obs.evidence;
    let x = this.extraOf[slot]!;
    if (
      obs.spoofLat === undefined &&
      obs.spoofLon === undefined &&
      obs.edgeLat === undefined &&
      obs.edgeLon === undefined &&
      obs.edgeAlt === undefined &&
      obs.edgeT === undefined
    ) {
      if (x !== NONE) this.freeExtra(slot, x);
      return;
    }
    if (x === NONE) {
      x = this.extras.take();
      this.extraOf[slot] = x;
    }
    const f = this.extras.chunk(x).f;
    const at = this.extras.doubleIndex(x);
    f[at + SPOOF_LAT] = obs.spoofLat ?? Number.NaN;
    f[at + SPOOF_LON] = obs.spoofLon ?? Number.NaN;
    f[at + EDGE_LAT] = obs.edgeLat ?? Number.NaN;
    f[at + EDGE_LON] = obs.edgeLon ?? Number.NaN;
    f[at + EDGE_ALT] = obs.edgeAlt ?? Number.NaN;
    f[at + EDGE_T] = obs.edgeT ?? Number.NaN;
  }

  private freeExtra(slot: number, x: number): void {
    this.extras.give(x);
    this.extraOf[slot] = NONE;
  }

  private count(slot: number, tally: WindowTally): void {
    const kind = this.kind[slot]!;
    const g = kind >>> 3;
    const s = status(kind);
    tally.craft[g]!++;
    tally.total++;
    if (s !== STATUS_GOOD) {
      tally.affected[g]!++;
      tally.totalAffected++;
      if (s === STATUS_SPOOFED) {
        tally.spoofed[g]!++;
        tally.totalSpoofed++;
      } else tally.degraded[g]!++;
    }
    let bits = this.evidence[slot]!;
    if (bits !== 0) {
      if ((bits & EVIDENCE.JUMP) !== 0) tally.jumps[g]!++;
      for (let bit = 0; bits !== 0; bit++, bits >>>= 1) if ((bits & 1) !== 0) tally.flags[bit]!++;
    }
  }

  /** No other entry of the craft in the pool is later, or as late and updated after it (nearer the chain's front). */
  private latestInPool(slot: number, pool: number): boolean {
    const t = this.lastSeen[slot]!;
    for (let other = this.craftPrev[slot]!; other !== NONE; other = this.craftPrev[other]!) {
      if (this.lastSeen[other]! >= t && this.cellPool[this.cellOf[other]!] === pool) return false;
    }
    for (let other = this.craftNext[slot]!; other !== NONE; other = this.craftNext[other]!) {
      if (this.lastSeen[other]! > t && this.cellPool[this.cellOf[other]!] === pool) return false;
    }
    return true;
  }

  private pickEvenly(from: readonly number[], count: number, out: CellSample[]): void {
    for (let i = 0; i < count; i++) out.push(this.toSample(from[Math.floor((i * from.length) / count)]!));
  }

  private toSample(slot: number): CellSample {
    const kind = this.kind[slot]!;
    const sample: CellSample = {
      id: this.ids[slot]!,
      domain: DOMAINS[kind & 1]!,
      status: STATUSES[status(kind)]!,
      lat: this.lat[slot]!,
      lon: this.lon[slot]!,
      alt: this.alt[slot]!,
    };
    const x = this.extraOf[slot]!;
    if (x === NONE) return sample;
    const f = this.extras.chunk(x).f;
    const at = this.extras.doubleIndex(x);
    const spoofLat = f[at + SPOOF_LAT]!;
    const spoofLon = f[at + SPOOF_LON]!;
    if (!Number.isNaN(spoofLat) && !Number.isNaN(spoofLon)) {
      sample.spoofLat = spoofLat;
      sample.spoofLon = spoofLon;
    }
    const edgeLat = f[at + EDGE_LAT]!;
    const edgeLon = f[at + EDGE_LON]!;
    if (!Number.isNaN(edgeLat) && !Number.isNaN(edgeLon)) {
      const edgeAlt = f[at + EDGE_ALT]!;
      const edgeT = f[at + EDGE_T]!;
      sample.edgeLat = edgeLat;
      sample.edgeLon = edgeLon;
      sample.edgeAlt = Number.isNaN(edgeAlt) ? sample.alt : edgeAlt;
      if (!Number.isNaN(edgeT)) sample.edgeT = edgeT;
    }
    return sample;
  }

  /** Move an entry to the back of its cell's list (the freshest), as touching a Map entry did. */
  private moveToTail(cell: number, slot: number): void {
    const tail = this.cellTail[cell]!;
    if (tail === slot) return;
    const prev = this.cellPrev[slot]!;
    const next = this.cellNext[slot]!; // not NONE: the slot is not the tail
    if (prev === NONE) this.cellHead[cell] = next;
    else this.cellNext[prev] = next;
    this.cellPrev[next] = prev;
    this.cellPrev[slot] = tail;
    this.cellNext[slot] = NONE;
    this.cellNext[tail] = slot;
    this.cellTail[cell] = slot;
  }

  /** Move an entry (not the head) to the front of its craft's chain. */
  private moveToFront(slot: number, head: number, id: string): void {
    const prev = this.craftPrev[slot]!;
    const next = this.craftNext[slot]!;
    this.craftNext[prev] = next;
    if (next !== NONE) this.craftPrev[next] = prev;
    this.craftPrev[slot] = NONE;
    this.craftNext[slot] = head;
    this.craftPrev[head] = slot;
    this.registry.set(id, slot);
  }

  /** Unlink an entry from its cell and its craft's chain, and free its slot. */
  private remove(slot: number): void {
    const cell = this.cellOf[slot]!;
    const prev = this.cellPrev[slot]!;
    const next = this.cellNext[slot]!;
    if (prev === NONE) this.cellHead[cell] = next;
    else this.cellNext[prev] = next;
    if (next === NONE) this.cellTail[cell] = prev;
    else this.cellPrev[next] = prev;
    this.cellSize[cell]!--;
    const before = this.craftPrev[slot]!;
    const after = this.craftNext[slot]!;
    if (after !== NONE) this.craftPrev[after] = before;
    if (before !== NONE) this.craftNext[before] = after;
    else if (after === NONE) this.registry.delete(this.ids[slot]!);
    else this.registry.set(this.ids[slot]!, after);
    const x = this.extraOf[slot]!;
    if (x !== NONE) this.freeExtra(slot, x);
    this.ids[slot] = '';
    this.cellOf[slot] = NONE;
    this.cellNext[slot] = this.freeHead;
    this.freeHead = slot;
    this.live--;
  }

  private allocate(): number {
    this.live++;
    const slot = this.freeHead;
    if (slot !== NONE) {
      this.freeHead = this.cellNext[slot]!;
      return slot;
    }
    if (this.used === this.capacity) this.grow(this.capacity * 2);
    return this.used++;
  }

  private grow(capacity: number): void {
    this.lastSeen = grown(this.lastSeen, capacity);
    this.lat = grown(this.lat, capacity);
    this.lon = grown(this.lon, capacity);
    this.alt = grown(this.alt, capacity);
    this.kind = grown(this.kind, capacity);
    this.evidence = grown(this.evidence, capacity);
    this.cellPrev = grown(this.cellPrev, capacity);
    this.cellNext = grown(this.cellNext, capacity);
    this.craftPrev = grown(this.craftPrev, capacity);
    this.craftNext = grown(this.craftNext, capacity);
    this.cellOf = grown(this.cellOf, capacity, NONE);
    this.extraOf = grown(this.extraOf, capacity, NONE);
    for (let slot = this.capacity; slot < capacity; slot++) this.ids.push('');
    this.capacity = capacity;
  }

  /** Room for cell numbers below `cells`. */
  private growCells(cells: number): void {
    const capacity = capacityFor(cells);
    this.cellHead = grown(this.cellHead, capacity, NONE);
    this.cellTail = grown(this.cellTail, capacity, NONE);
    this.cellSize = grown(this.cellSize, capacity);
    this.cellPool = grown(this.cellPool, capacity, NONE);
    this.nextInPool = grown(this.nextInPool, capacity, NONE);
  }
}

function status(kind: number): number {
  return (kind >>> 1) & 3;
}

/** A column length for numbers below `n`: doubling, so that growing one at a time copies O(n) in all. */
function capacityFor(n: number): number {
  let capacity = 256;
  while (capacity < n) capacity *= 2;
  return capacity;
}
