import { NO_ROW } from '../../collections/slab.js';
import { SlabMap } from '../../collections/slab-map.js';
import { ANOMALOUS_CELL_SCHEMA_ID, type AnomalousCell, type CellRow } from '../../schema/cell.js';
import { type Observation, observationSchema } from '../../schema/observation.js';
import { type BaselineSnapshot, BaselineStore, baselineSnapshotSchema } from './baseline.js';
import { cellCentre, cellsOfPool, isCell, poolOf } from './cells.js';
import { GROUP_AIR_HIGH, GROUP_AIR_LOW, GROUP_COUNT, GROUP_SEA } from './craft-group.js';
import { cellEvidence, round4 } from './evidence.js';
import { type RegionOptions, type RegionOptionsInput, regionOptionsSchema } from './options.js';
import { combinedScore, type GroupCounts, gpsjamRatio, type LevelRule, levelOf } from './score.js';
import { WindowStore } from './window-store.js';
import { WindowTally } from './window-tally.js';

/**
 * Stage 2, keyed by H3 cell: sliding windows of distinct craft, learned baselines, scores and levels.
 *
 * `process(obs)` keeps the latest status of each craft in its cell's window (no allocation once a craft is known).
 * `advance(streamTime, …)` runs every evaluation tick whose boundary (a multiple of `tickMs` since the epoch) stream
 * time has reached. At a tick T a window holds the craft last seen after T − windowMs; observations already received
 * with a time after T count too (the allowance for late data is small next to the window). Per cell and tick it emits
 * a `gnss_cell` row for `adsb` (when aircraft were seen), `ais` (when vessels were) and `all` (fused), and, when the
 * fused level is ≥ 1, an `AnomalousCell` for the event stage. Ticks that score below the low band teach the baseline,
 * the others do not. Cells whose window empties are dropped; their baselines stay (a separate bounded store).
 *
 * Counted per row: `craft` distinct craft, `degraded` the affected ones (degraded or spoofed), `jumps` craft with a
 * position jump, `ratio` = degraded / craft, `score` and `level` (score.ts), `gpsjamRatio` on the same window.
 *
 * The windows of every cell are in one WindowStore; a pool (the parent cell at `poolResolution`) is scored on its
 * cells' windows, each craft counted once (window-store.ts).
 *
 * Cells and pools are rows of SlabMaps (collections/slab-map.ts) in touch order, and a row number is also the cell's
 * or pool's number in the WindowStore: an object per cell and per pool cost ~290 B a craft in the pipeline bench
 * (their boxed doubles, and each BoundedMap's table, which kept a deleted entry per touch until it rehashed).
 *
 *   cell row   lat lon: its centre (Float64), res (Int32); the pool it is scored with is the WindowStore's
 *   pool row   cellRes: the resolution of its cells (Int32); its key is the parent cell
 *
 * A cell or pool row moves to the back of the eviction order (only used beyond maxCells) at most once a tick: moving
 * it for every observation was 5 % of the core's time when it was a Map delete and set.
 */
const CELL_LAT = 0;
const CELL_LON = 1;
const CELL_RES = 0;
const CELL_LAYOUT = { doubles: [Number.NaN, Number.NaN], ints: [0], refs: [] };
const POOL_CELL_RES = 0;
const POOL_LAYOUT = { doubles: [], ints: [0], refs: [] };

export const REGION_SNAPSHOT_SCHEMA_ID = 'jamwatch.region-state/1';

export interface RegionSnapshot {
  schema: typeof REGION_SNAPSHOT_SCHEMA_ID;
  /** Last evaluated tick (ms), or −1 before the first. */
  lastTick: number;
  baselines: BaselineSnapshot;
  /**
   * The windows, only when asked for: DESIGN.md rebuilds short windows by re-reading from the committed offsets.
   * Stored as observations (`estimated` is not kept: the region stage does not use it).
   */
  windows?: Observation[];
}

export interface RegionCounters {
  observations: number;
  /** Observations older than the window of the last tick: too late to count. */
  late: number;
  /** Observations whose cell is not a valid H3 index. */
  invalidCell: number;
}

export type EmitRow = (row: CellRow) => void;
export type EmitCell = (cell: AnomalousCell) => void;

const AIR_GROUPS: readonly number[] = [GROUP_AIR_LOW, GROUP_AIR_HIGH];
const SEA_GROUPS: readonly number[] = [GROUP_SEA];
const ALL_GROUPS: readonly number[] = [GROUP_SEA, GROUP_AIR_LOW, GROUP_AIR_HIGH];

interface Verdict {
  kind: AnomalousCell['kind'];
  /** Unrounded. */
  score: number;
  level: number;
  evidence: AnomalousCell['evidence'];
}

interface MutableGroupCounts {
  craft: number;
  affected: number;
  baseline: number;
}

export class RegionStage {
  readonly options: RegionOptions;
  readonly counters: RegionCounters = { observations: 0, late: 0, invalidCell: 0 };
  private cells: SlabMap<string>;
  /** Pools: the parent cells one resolution level up (or more), scored on their cells' windows. */
  private pools: SlabMap<string>;
  private readonly windows: WindowStore;
  /** Cells sent as anomalous at the current tick on their own (a pool does not send them again). */
  private readonly sentCells = new Set<string>();
  private readonly childTally = new WindowTally();
  private readonly baselines: BaselineStore;
  private readonly tally = new WindowTally();
  private readonly levelRule: LevelRule;
  private readonly learnWeight: number;
  private readonly groups: MutableGroupCounts[];
  /** Scratch list for combinedScore, refilled per test. */
  private readonly tested: GroupCounts[] = [];
  private lastTick = -1;

  constructor(options: RegionOptionsInput = {}) {
    const o = regionOptionsSchema.parse(options);
    this.options = o;
    this.windows = new WindowStore({ maxPerCell: o.maxCraftPerCell, altitudeBandFt: o.altitudeBandFt });
    this.cells = this.newCells();
    this.pools = this.newPools();
    this.baselines = new BaselineStore(
      {
        prior: o.baselinePrior,
        priorWeight: o.baselinePriorWeight,
        floor: o.baselineFloor,
        ceiling: o.baselineCeiling,
        halfLifeMs: o.baselineHalfLifeMs,
      },
      o.maxBaselines,
    );
    this.levelRule = { ...o.bands, minAffected: o.minAffected, minAffectedRatio: o.minAffectedRatio };
    // A craft stays windowMs in the window and is counted at windowMs/tickMs ticks: weight each tick so that a craft
    // teaches the baseline about once.
    this.learnWeight = Math.min(1, o.tickMs / o.windowMs);
    this.groups = Array.from({ length: GROUP_COUNT }, () => ({ craft: 0, affected: 0, baseline: 0 }));
  }

  /** Cells with a live window. */
  get cellCount(): number {
    return this.cells.size;
  }

  /** True when no window holds a craft: ticks have nothing to do. */
  get idle(): boolean {
    return this.cells.size === 0;
  }

  /** The last evaluated tick (ms), −1 before the first. */
  get tickTime(): number {
    return this.lastTick;
  }

  /** Baseline share of affected craft for one group of a cell (0 sea, 1 air low, 2 air high), prior included. */
  baseline(cell: string, group: number): number {
    return this.baselines.share(cell, group);
  }

  process(obs: Observation): void {
    this.counters.observations++;
    if (this.lastTick >= 0 && obs.t <= this.lastTick - this.options.windowMs) {
      this.counters.late++;
      return;
    }
    const cells = this.cells;
    let cell = cells.get(obs.cell);
    if (cell === NO_ROW) {
      if (!isCell(obs.cell)) {
        this.counters.invalidCell++;
        return;
      }
      cell = this.addCell(obs.cell, obs.t);
    } else {
      const tick = this.options.tickMs;
      if (obs.t >= cells.lastSeen(cell) + tick) cells.touch(cell, obs.t);
      const pool = this.windows.poolOf(cell);
      if (pool !== NO_ROW && obs.t >= this.pools.lastSeen(pool) + tick) this.pools.touch(pool, obs.t);
    }
    this.windows.put(cell, obs);
  }

  /** A new cell's row, its centre set and its window opened in its pool. */
  private addCell(key: string, t: number): number {
    const centre = cellCentre(key);
    const poolKey = poolOf(key, this.options.poolResolution);
    const pool = poolKey === key ? NO_ROW : this.poolFor(poolKey, centre.res, t);
    const cells = this.cells;
    const cell = cells.add(key, t);
    const at = cells.doubleIndex(cell);
    const c = cells.chunk(cell);
    c.f[at + CELL_LAT] = centre.lat;
    c.f[at + CELL_LON] = centre.lon;
    c.i[cells.intIndex(cell) + CELL_RES] = centre.res;
    this.windows.openCell(cell, pool);
    return cell;
  }

  /** The pool of a new cell, made or touched. */
  private poolFor(key: string, cellRes: number, t: number): number {
    const pools = this.pools;
    let pool = pools.get(key);
    if (pool === NO_ROW) {
      pool = pools.add(key, t);
      pools.chunk(pool).i[pools.intIndex(pool) + POOL_CELL_RES] = cellRes;
    } else if (t >= pools.lastSeen(pool) + this.options.tickMs) {
      pools.touch(pool, t);
    }
    return pool;
  }

  /** Cells whose row is evicted (beyond maxCells) or dropped give back their windows. */
  private newCells(): SlabMap<string> {
    return new SlabMap(this.options.maxCells, CELL_LAYOUT, (cell) => this.windows.drop(cell));
  }

  /** Pools evicted (beyond maxCells) let go of their cells, which are scored alone from then on. */
  private newPools(): SlabMap<string> {
    return new SlabMap(this.options.maxCells, POOL_LAYOUT, (pool) => this.windows.releasePool(pool));
  }

  /** Run every tick boundary up to `streamTimeMs` that has not run yet. */
  advance(streamTimeMs: number, emitRow: EmitRow, emitCell: EmitCell): void {
    const tick = this.options.tickMs;
    const last = Math.floor(streamTimeMs / tick) * tick;
    if (this.lastTick < 0) this.lastTick = last - tick;
    while (this.lastTick < last) {
      // With no window to evaluate, jump to the last boundary: a gap in the data costs nothing.
      this.lastTick = this.idle ? last : this.lastTick + tick;
      this.evaluate(this.lastTick, emitRow, emitCell);
    }
  }

  snapshot(options: { windows?: boolean } = {}): RegionSnapshot {
    const out: RegionSnapshot = {
      schema: REGION_SNAPSHOT_SCHEMA_ID,
      lastTick: this.lastTick,
      baselines: this.baselines.snapshot(),
    };
    if (options.windows) {
      const windows: Observation[] = [];
      const cells = this.cells;
      for (let cell = cells.first(); cell !== NO_ROW; cell = cells.after(cell)) {
        this.windows.observations(cell, cells.keyOf(cell), windows);
      }
      out.windows = windows;
    }
    return out;
  }

  /** Replace the state with a snapshot (validated: it comes from a topic). */
  restore(snapshot: RegionSnapshot): void {
    if (snapshot.schema !== REGION_SNAPSHOT_SCHEMA_ID) {
      throw new RangeError(`region snapshot schema ${String(snapshot.schema)} is not ${REGION_SNAPSHOT_SCHEMA_ID}`);
    }
    this.baselines.restore(baselineSnapshotSchema.parse(snapshot.baselines));
    this.cells = this.newCells();
    this.pools = this.newPools();
    this.windows.clear();
    this.lastTick = snapshot.lastTick;
    const counted = this.counters.observations;
    for (const obs of snapshot.windows ?? []) this.process(observationSchema.parse(obs));
    this.counters.observations = counted;
  }

  private evaluate(t: number, emitRow: EmitRow, emitCell: EmitCell): void {
    const cutoff = t - this.options.windowMs;
    this.sentCells.clear();
    this.cells.sweep((cell) => this.evaluateCell(cell, t, cutoff, emitRow, emitCell));
    // every cell has been expired at this tick's cut-off: a pool counts what its cells hold
    this.pools.sweep((pool) => this.evaluatePool(pool, t, cutoff, emitCell));
  }

  /** One cell at tick `t`: its rows, and its anomalous cell if any. False when its window is empty: drop it. */
  private evaluateCell(cell: number, t: number, cutoff: number, emitRow: EmitRow, emitCell: EmitCell): boolean {
    const tally = this.tally;
    this.windows.expireAndTally(cell, cutoff, tally);
    if (tally.total === 0) return false;
    const key = this.cells.keyOf(cell);
    // with nothing affected every score is 0 (score.ts): the baselines are not needed
    if (tally.totalAffected > 0) this.fillGroups(key);
    if (WindowTally.sum(tally.craft, AIR_GROUPS) > 0) emitRow(this.row(t, key, cell, 'adsb', AIR_GROUPS).row);
    if (tally.craft[GROUP_SEA]! > 0) emitRow(this.row(t, key, cell, 'ais', SEA_GROUPS).row);
    const fused = this.row(t, key, cell, 'all', ALL_GROUPS);
    emitRow(fused.row);
    if (fused.row.level > 0) {
      emitCell(this.anomalous(t, key, cell, tally, this.verdict(fused.score, fused.row.level)));
      this.sentCells.add(key);
    }
    if (fused.score < this.options.bands.low) {
      this.baselines.learn(key, t, tally.affected, tally.craft, this.learnWeight);
    }
    return true;
  }

  /** One pool at tick `t`, after its cells: its cells sent if it is anomalous. False when it has none: drop it. */
  private evaluatePool(pool: number, t: number, cutoff: number, emitCell: EmitCell): boolean {
    const tally = this.tally;
    this.windows.tallyPool(pool, tally);
    // its cells are all gone
    if (tally.total === 0) return false;
    const key = this.pools.keyOf(pool);
    if (tally.totalAffected === 0) {
      // nothing affected: not anomalous, a quiet tick that teaches the baseline (no score needed)
      this.baselines.learn(key, t, tally.affected, tally.craft, this.learnWeight);
      return true;
    }
    this.fillGroups(key);
    const score = this.score(ALL_GROUPS);
    if (score < this.options.bands.low) this.baselines.learn(key, t, tally.affected, tally.craft, this.learnWeight);
    const level = levelOf(score, tally.totalAffected, tally.total, this.levelRule);
    if (level > 0) this.sendPool(t, pool, this.verdict(score, level), cutoff, emitCell);
    return true;
  }

  /** Counts and baselines of the tallied window, per group, for the score. */
  private fillGroups(key: string): void {
    this.baselines.shares(key, this.groups);
    for (let g = 0; g < GROUP_COUNT; g++) {
      const counts = this.groups[g]!;
      counts.craft = this.tally.craft[g]!;
      counts.affected = this.tally.affected[g]!;
      if (counts.craft === 0) counts.baseline = 0;
    }
  }

  /**
   * An anomalous pool sends each of its cells that holds craft and was not anomalous on its own, with the pool's
   * kind, score, level and evidence, and the cell's own counts and sample: the event stage joins and fits them as
   * usual, and the alert's area stays made of the cells where the craft were.
   */
  private sendPool(t: number, pool: number, verdict: Verdict, cutoff: number, emitCell: EmitCell): void {
    const pools = this.pools;
    const key = pools.keyOf(pool);
    const res = this.options.poolResolution;
    verdict.evidence.push({
      code: 'POOLED',
      text: `scored with the neighbouring cells of its resolution-${res} parent ${key}`,
      value: res,
    });
    const child = this.childTally;
    const cellRes = pools.chunk(pool).i[pools.intIndex(pool) + POOL_CELL_RES]!;
    for (const cellKey of cellsOfPool(key, cellRes)) {
      if (this.sentCells.has(cellKey)) continue;
      const cell = this.cells.get(cellKey);
      if (cell === NO_ROW) continue;
      this.windows.expireAndTally(cell, cutoff, child);
      if (child.total === 0) continue;
      emitCell(this.anomalous(t, cellKey, cell, child, verdict));
    }
  }

  /** Combined score of the tallied window over a set of groups (fillGroups first). */
  private score(groupSet: readonly number[]): number {
    const tested = this.tested;
    tested.length = 0;
    for (const g of groupSet) tested.push(this.groups[g]!);
    return combinedScore(tested);
  }

  /** One gnss_cell row over a set of groups; also returns the unrounded score. */
  private row(
    t: number,
    key: string,
    cell: number,
    src: CellRow['src'],
    groupSet: readonly number[],
  ): { row: CellRow; score: number } {
    const tally = this.tally;
    const craft = WindowTally.sum(tally.craft, groupSet);
    const degraded = WindowTally.sum(tally.affected, groupSet);
    const score = degraded > 0 ? this.score(groupSet) : 0;
    const cells = this.cells;
    const at = cells.doubleIndex(cell);
    const c = cells.chunk(cell);
    const row: CellRow = {
      t,
      cell: key,
      res: c.i[cells.intIndex(cell) + CELL_RES]!,
      src,
      lat: c.f[at + CELL_LAT]!,
      lon: c.f[at + CELL_LON]!,
      craft,
      degraded,
      jumps: WindowTally.sum(tally.jumps, groupSet),
      ratio: degraded / craft,
      score: round4(score),
      level: levelOf(score, degraded, craft, this.levelRule),
      gpsjamRatio: gpsjamRatio(degraded, craft),
    };
    return { row, score };
  }

  /**
   * What an anomalous window says, from its tally and groups (fillGroups first). Kind: spoofing when spoofed craft
   * are at least as many as the merely degraded ones, else jamming.
   */
  private verdict(score: number, level: number): Verdict {
    const tally = this.tally;
    const spoofed = tally.totalSpoofed;
    let expected = 0;
    for (const g of ALL_GROUPS) expected += this.groups[g]!.craft * this.groups[g]!.baseline;
    return {
      kind: spoofed > 0 && spoofed >= tally.totalAffected - spoofed ? 'spoofing' : 'jamming',
      score,
      level,
      evidence: cellEvidence(tally, expected / tally.total, gpsjamRatio(tally.totalAffected, tally.total)),
    };
  }

  /** An anomalous cell: the verdict (its own or its pool's), with the cell's place, counts and sample. */
  private anomalous(t: number, key: string, cell: number, counts: WindowTally, verdict: Verdict): AnomalousCell {
    const cells = this.cells;
    const at = cells.doubleIndex(cell);
    const c = cells.chunk(cell);
    return {
      schema: ANOMALOUS_CELL_SCHEMA_ID,
      t,
      cell: key,
      res: c.i[cells.intIndex(cell) + CELL_RES]!,
      lat: c.f[at + CELL_LAT]!,
      lon: c.f[at + CELL_LON]!,
      kind: verdict.kind,
      score: round4(verdict.score),
      level: verdict.level,
      observed: { aircraft: WindowTally.sum(counts.craft, AIR_GROUPS), vessels: counts.craft[GROUP_SEA]! },
      affected: { aircraft: WindowTally.sum(counts.affected, AIR_GROUPS), vessels: counts.affected[GROUP_SEA]! },
      samples: this.windows.sample(cell, this.options.maxSamples),
      evidence: verdict.evidence,
    };
  }
}
