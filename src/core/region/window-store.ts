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
 *   per slot   lastSeen lat lon alt spoofLat spoofLon edgeLat edgeLon edgeAlt edgeT   Float64, NaN = absent
 *              kind      Uint8: bit 0 domain (0 air, 1 sea), bits 1–2 status (0 good, 1 degraded, 2 spoofed),
 *                               bits 3–4 craft group
 *              evidence  Uint32: EVIDENCE bits
 *              cellPrev cellNext     Int32: the cell's list, stalest first (the order a Map in touch order kept)
 *              craftPrev craftNext   Int32: the craft's chain across cells, most recently updated first
 *              id, cell              the craft id and the WindowCell it belongs to
 *
 * The craft registry maps an id to the head of its chain: a craft has an entry in each cell it was seen in within the
 * window (usually 1–3), so finding its entry in a cell walks a short chain, and the updated entry moves to the front.
 *
 * A pool (cells scored together, region-stage.ts) has no window of its own: its count is its cells' entries with each
 * craft counted once, by its latest entry among the pool's cells (ties: the one updated last, the front of the chain).
 * That is the entry a window fed with every observation of the pool's cells would hold.
 */
export class WindowPool {
  firstCell: WindowCell | null = null;

  add(cell: WindowCell): void {
    cell.nextInPool = this.firstCell;
    this.firstCell = cell;
  }

  remove(cell: WindowCell): void {
    if (this.firstCell === cell) this.firstCell = cell.nextInPool;
    else {
      let c = this.firstCell;
      while (c !== null && c.nextInPool !== cell) c = c.nextInPool;
      if (c !== null) c.nextInPool = cell.nextInPool;
    }
    cell.nextInPool = null;
  }

  /** Let go of every cell: they are scored alone from now on (the pool was evicted). */
  release(): void {
    for (let c = this.firstCell; c !== null; ) {
      const next = c.nextInPool;
      c.pool = null;
      c.nextInPool = null;
      c = next;
    }
    this.firstCell = null;
  }
}

/** One cell's window: the ends of its entry list in the store, and the pool it is scored with (joined on creation). */
export class WindowCell<P extends WindowPool = WindowPool> {
  head = -1;
  tail = -1;
  size = 0;
  nextInPool: WindowCell | null = null;

  constructor(public pool: P | null) {
    pool?.add(this);
  }
}

export interface WindowStoreOptions {
  /** Distinct craft per cell: a full cell drops its stalest entry. */
  maxPerCell: number;
  /** Aircraft below and at/above this altitude are counted in different groups (craft-group.ts). */
  altitudeBandFt: number;
  /** Slots allocated at first; the slabs double from there. */
  initialCapacity?: number;
}

const NONE = -1;
const STATUSES: readonly CraftStatus[] = ['good', 'degraded', 'spoofed'];
const DOMAINS: readonly Domain[] = ['air', 'sea'];
const STATUS_GOOD = 0;
const STATUS_SPOOFED = 2;
const DEFAULT_CAPACITY = 1024;

type Column = Float64Array | Int32Array | Uint32Array | Uint8Array;

function grown<C extends Column>(column: C, length: number): C {
  const next = new (column.constructor as new (length: number) => C)(length);
  next.set(column as ArrayLike<number>);
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
  private spoofLat = new Float64Array(0);
  private spoofLon = new Float64Array(0);
  private edgeLat = new Float64Array(0);
  private edgeLon = new Float64Array(0);
  private edgeAlt = new Float64Array(0);
  private edgeT = new Float64Array(0);
  private kind = new Uint8Array(0);
  private evidence = new Uint32Array(0);
  private cellPrev = new Int32Array(0);
  private cellNext = new Int32Array(0);
  private craftPrev = new Int32Array(0);
  private craftNext = new Int32Array(0);
  private ids: string[] = [];
  private cells: (WindowCell | null)[] = [];
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

  /** Keep the observation in `cell` if it is the craft's latest there. */
  put(cell: WindowCell, obs: Observation): void {
    const head = this.registry.get(obs.id) ?? NONE;
    let slot = head;
    while (slot !== NONE && this.cells[slot] !== cell) slot = this.craftNext[slot]!;
    if (slot !== NONE) {
      if (obs.t < this.lastSeen[slot]!) return;
      this.write(slot, obs);
      this.moveToTail(cell, slot);
      if (slot !== head) this.moveToFront(slot, head, obs.id);
      return;
    }
    // the stalest entry belongs to another craft: this one has none in the cell
    if (cell.size >= this.maxPerCell) this.remove(cell.head);
    slot = this.allocate();
    this.ids[slot] = obs.id;
    this.cells[slot] = cell;
    this.write(slot, obs);
    this.cellPrev[slot] = cell.tail;
    this.cellNext[slot] = NONE;
    if (cell.tail === NONE) cell.head = slot;
    else this.cellNext[cell.tail] = slot;
    cell.tail = slot;
    cell.size++;
    this.craftPrev[slot] = NONE;
    this.craftNext[slot] = head;
    if (head !== NONE) this.craftPrev[head] = slot;
    this.registry.set(obs.id, slot);
  }

  /** True when the craft's entry in `cell` is degraded or spoofed (false when it has none). */
  isAffected(cell: WindowCell, id: string): boolean {
    let slot = this.registry.get(id) ?? NONE;
    while (slot !== NONE && this.cells[slot] !== cell) slot = this.craftNext[slot]!;
    return slot !== NONE && status(this.kind[slot]!) !== STATUS_GOOD;
  }

  /** Drop the cell's craft last seen at or before `cutoff` and count the rest into `tally`. */
  expireAndTally(cell: WindowCell, cutoff: number, tally: WindowTally): void {
    tally.reset();
    for (let slot = cell.head; slot !== NONE; ) {
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
  tallyPool(pool: WindowPool, tally: WindowTally): void {
    tally.reset();
    for (let cell = pool.firstCell; cell !== null; cell = cell.nextInPool) {
      for (let slot = cell.head; slot !== NONE; slot = this.cellNext[slot]!) {
        if (this.latestInPool(slot, pool)) this.count(slot, tally);
      }
    }
  }

  /**
   * A bounded, deterministic sample of a cell's window for the event stage: affected and unaffected craft, each side
   * given at least half of the budget when it has that many, picked at even strides in window order.
   */
  sample(cell: WindowCell, maxSamples: number): CellSample[] {
    const affected = this.affectedSlots;
    const unaffected = this.unaffectedSlots;
    affected.length = 0;
    unaffected.length = 0;
    for (let slot = cell.head; slot !== NONE; slot = this.cellNext[slot]!) {
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
  observations(cell: WindowCell, key: string, out: Observation[]): void {
    for (let slot = cell.head; slot !== NONE; slot = this.cellNext[slot]!) {
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
      if (!Number.isNaN(this.spoofLat[slot])) obs.spoofLat = this.spoofLat[slot]!;
      if (!Number.isNaN(this.spoofLon[slot])) obs.spoofLon = this.spoofLon[slot]!;
      if (!Number.isNaN(this.edgeLat[slot])) obs.edgeLat = this.edgeLat[slot]!;
      if (!Number.isNaN(this.edgeLon[slot])) obs.edgeLon = this.edgeLon[slot]!;
      if (!Number.isNaN(this.edgeAlt[slot])) obs.edgeAlt = this.edgeAlt[slot]!;
      if (!Number.isNaN(this.edgeT[slot])) obs.edgeT = this.edgeT[slot]!;
      out.push(obs);
    }
  }

  /** Free the cell's entries and take it out of its pool: the cell is gone (emptied or evicted). */
  drop(cell: WindowCell): void {
    while (cell.head !== NONE) this.remove(cell.head);
    cell.pool?.remove(cell);
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
    this.spoofLat = new Float64Array(0);
    this.spoofLon = new Float64Array(0);
    this.edgeLat = new Float64Array(0);
    this.edgeLon = new Float64Array(0);
    this.edgeAlt = new Float64Array(0);
    this.edgeT = new Float64Array(0);
    this.kind = new Uint8Array(0);
    this.evidence = new Uint32Array(0);
    this.cellPrev = new Int32Array(0);
    this.cellNext = new Int32Array(0);
    this.craftPrev = new Int32Array(0);
    this.craftNext = new Int32Array(0);
    this.ids = [];
    this.cells = [];
    this.grow(this.initialCapacity);
  }

  private write(slot: number, obs: Observation): void {
    this.lastSeen[slot] = obs.t;
    this.lat[slot] = obs.lat;
    this.lon[slot] = obs.lon;
    this.alt[slot] = obs.alt;
    this.spoofLat[slot] = obs.spoofLat ?? Number.NaN;
    this.spoofLon[slot] = obs.spoofLon ?? Number.NaN;
    this.edgeLat[slot] = obs.edgeLat ?? Number.NaN;
    this.edgeLon[slot] = obs.edgeLon ?? Number.NaN;
    this.edgeAlt[slot] = obs.edgeAlt ?? Number.NaN;
    this.edgeT[slot] = obs.edgeT ?? Number.NaN;
    const group = craftGroup(obs.domain, obs.alt, this.altitudeBandFt);
    this.kind[slot] = (obs.domain === 'sea' ? 1 : 0) | (STATUSES.indexOf(obs.status) << 1) | (group << 3);
    this.evidence[slot] = obs.evidence;
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
  private latestInPool(slot: number, pool: WindowPool): boolean {
    const t = this.lastSeen[slot]!;
    for (let other = this.craftPrev[slot]!; other !== NONE; other = this.craftPrev[other]!) {
      if (this.lastSeen[other]! >= t && this.cells[other]!.pool === pool) return false;
    }
    for (let other = this.craftNext[slot]!; other !== NONE; other = this.craftNext[other]!) {
      if (this.lastSeen[other]! > t && this.cells[other]!.pool === pool) return false;
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
    const spoofLat = this.spoofLat[slot]!;
    const spoofLon = this.spoofLon[slot]!;
    if (!Number.isNaN(spoofLat) && !Number.isNaN(spoofLon)) {
      sample.spoofLat = spoofLat;
      sample.spoofLon = spoofLon;
    }
    const edgeLat = this.edgeLat[slot]!;
    const edgeLon = this.edgeLon[slot]!;
    if (!Number.isNaN(edgeLat) && !Number.isNaN(edgeLon)) {
      const edgeAlt = this.edgeAlt[slot]!;
      const edgeT = this.edgeT[slot]!;
      sample.edgeLat = edgeLat;
      sample.edgeLon = edgeLon;
      sample.edgeAlt = Number.isNaN(edgeAlt) ? sample.alt : edgeAlt;
      if (!Number.isNaN(edgeT)) sample.edgeT = edgeT;
    }
    return sample;
  }

  /** Move an entry to the back of its cell's list (the freshest), as touching a Map entry did. */
  private moveToTail(cell: WindowCell, slot: number): void {
    if (cell.tail === slot) return;
    const prev = this.cellPrev[slot]!;
    const next = this.cellNext[slot]!; // not NONE: the slot is not the tail
    if (prev === NONE) cell.head = next;
    else this.cellNext[prev] = next;
    this.cellPrev[next] = prev;
    this.cellPrev[slot] = cell.tail;
    this.cellNext[slot] = NONE;
    this.cellNext[cell.tail] = slot;
    cell.tail = slot;
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
    const cell = this.cells[slot]!;
    const prev = this.cellPrev[slot]!;
    const next = this.cellNext[slot]!;
    if (prev === NONE) cell.head = next;
    else this.cellNext[prev] = next;
    if (next === NONE) cell.tail = prev;
    else this.cellPrev[next] = prev;
    cell.size--;
    const before = this.craftPrev[slot]!;
    const after = this.craftNext[slot]!;
    if (after !== NONE) this.craftPrev[after] = before;
    if (before !== NONE) this.craftNext[before] = after;
    else if (after === NONE) this.registry.delete(this.ids[slot]!);
    else this.registry.set(this.ids[slot]!, after);
    this.ids[slot] = '';
    this.cells[slot] = null;
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
    this.spoofLat = grown(this.spoofLat, capacity);
    this.spoofLon = grown(this.spoofLon, capacity);
    this.edgeLat = grown(this.edgeLat, capacity);
    this.edgeLon = grown(this.edgeLon, capacity);
    this.edgeAlt = grown(this.edgeAlt, capacity);
    this.edgeT = grown(this.edgeT, capacity);
    this.kind = grown(this.kind, capacity);
    this.evidence = grown(this.evidence, capacity);
    this.cellPrev = grown(this.cellPrev, capacity);
    this.cellNext = grown(this.cellNext, capacity);
    this.craftPrev = grown(this.craftPrev, capacity);
    this.craftNext = grown(this.craftNext, capacity);
    for (let slot = this.capacity; slot < capacity; slot++) {
      this.ids.push('');
      this.cells.push(null);
    }
    this.capacity = capacity;
  }
}

function status(kind: number): number {
  return (kind >>> 1) & 3;
}
