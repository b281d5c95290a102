import { BoundedMap } from '../../collections/bounded-map.js';
import { ANOMALOUS_CELL_SCHEMA_ID, type AnomalousCell, type CellRow } from '../../schema/cell.js';
import { OBSERVATION_SCHEMA_ID, type Observation, observationSchema } from '../../schema/observation.js';
import { type BaselineSnapshot, BaselineStore, baselineSnapshotSchema } from './baseline.js';
import { cellCentre, cellsOfPool, isCell, poolOf } from './cells.js';
import { GROUP_AIR_HIGH, GROUP_AIR_LOW, GROUP_COUNT, GROUP_SEA } from './craft-group.js';
import { CellWindow, WindowTally } from './craft-window.js';
import { cellEvidence, round4 } from './evidence.js';
import { type RegionOptions, type RegionOptionsInput, regionOptionsSchema } from './options.js';
import { combinedScore, type GroupCounts, gpsjamRatio, type LevelRule, levelOf } from './score.js';

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
 */
interface CellState {
  lastSeen: number;
  /** The pool (parent cell) it is scored with too; '' when pooling is off or for a pool itself. */
  readonly pool: string;
  readonly res: number;
  /** For a pool: the resolution of its cells. */
  readonly cellRes: number;
  readonly lat: number;
  readonly lon: number;
  readonly window: CellWindow;
}

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

interface MutableGroupCounts {
  craft: number;
  affected: number;
  baseline: number;
}

export class RegionStage {
  readonly options: RegionOptions;
  readonly counters: RegionCounters = { observations: 0, late: 0, invalidCell: 0 };
  private readonly cells: BoundedMap<string, CellState>;
  /** Pools: the same windows one resolution level up (or more), keyed by the parent cell. */
  private readonly pools: BoundedMap<string, CellState>;
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
    this.cells = new BoundedMap(o.maxCells);
    this.pools = new BoundedMap(o.maxCells);
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
    let state = this.cells.get(obs.cell);
    if (state === undefined) {
      if (!isCell(obs.cell)) {
        this.counters.invalidCell++;
        return;
      }
      const centre = cellCentre(obs.cell);
      const pool = poolOf(obs.cell, this.options.poolResolution);
      state = {
        lastSeen: obs.t,
        pool: pool === obs.cell ? '' : pool,
        res: centre.res,
        cellRes: -1,
        lat: centre.lat,
        lon: centre.lon,
        window: new CellWindow(this.options.maxCraftPerCell),
      };
      this.cells.set(obs.cell, state);
    } else if (obs.t >= state.lastSeen + this.options.tickMs) {
      // the eviction order (only used beyond maxCells) needs no finer grain than a tick: a Map delete and set for
      // every observation was 5 % of the core's time
      this.cells.touch(obs.cell, state, obs.t);
    }
    state.window.put(obs, this.options.altitudeBandFt);
    if (state.pool !== '') this.putInPool(state.pool, state.res, obs);
  }

  private putInPool(pool: string, cellRes: number, obs: Observation): void {
    let state = this.pools.get(pool);
    if (state === undefined) {
      const centre = cellCentre(pool);
      state = {
        lastSeen: obs.t,
        pool: '',
        res: centre.res,
        cellRes,
        lat: centre.lat,
        lon: centre.lon,
        window: new CellWindow(this.options.maxCraftPerCell),
      };
      this.pools.set(pool, state);
    } else if (obs.t >= state.lastSeen + this.options.tickMs) {
      this.pools.touch(pool, state, obs.t);
    }
    state.window.put(obs, this.options.altitudeBandFt);
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
      for (const [cell, state] of this.cells.entries()) {
        for (const e of state.window.craft.values()) {
          const obs: Observation = {
            schema: OBSERVATION_SCHEMA_ID,
            t: e.lastSeen,
            cell,
            id: e.id,
            domain: e.domain,
            status: e.status,
            lat: e.lat,
            lon: e.lon,
            alt: e.alt,
            estimated: false,
            evidence: e.evidence,
          };
          if (e.spoofLat !== undefined) obs.spoofLat = e.spoofLat;
          if (e.spoofLon !== undefined) obs.spoofLon = e.spoofLon;
          if (e.edgeLat !== undefined) obs.edgeLat = e.edgeLat;
          if (e.edgeLon !== undefined) obs.edgeLon = e.edgeLon;
          if (e.edgeAlt !== undefined) obs.edgeAlt = e.edgeAlt;
          if (e.edgeT !== undefined) obs.edgeT = e.edgeT;
          windows.push(obs);
        }
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
    this.cells.clear();
    this.pools.clear();
    this.lastTick = snapshot.lastTick;
    const counted = this.counters.observations;
    for (const obs of snapshot.windows ?? []) this.process(observationSchema.parse(obs));
    this.counters.observations = counted;
  }

  private evaluate(t: number, emitRow: EmitRow, emitCell: EmitCell): void {
    const o = this.options;
    const cutoff = t - o.windowMs;
    const tally = this.tally;
    this.sentCells.clear();
    for (const [cell, state] of this.cells.entries()) {
      state.window.expireAndTally(cutoff, tally);
      if (tally.total === 0) {
        this.cells.delete(cell);
        continue;
      }
      // with nothing affected every score is 0 (score.ts): the baselines are not needed
      if (tally.totalAffected > 0) this.fillGroups(cell);
      if (WindowTally.sum(tally.craft, AIR_GROUPS) > 0) emitRow(this.row(t, cell, state, 'adsb', AIR_GROUPS).row);
      if (tally.craft[GROUP_SEA]! > 0) emitRow(this.row(t, cell, state, 'ais', SEA_GROUPS).row);
      const fused = this.row(t, cell, state, 'all', ALL_GROUPS);
      emitRow(fused.row);
      if (fused.row.level > 0) {
        emitCell(this.anomalous(t, cell, state, fused.score, fused.row.level, fused.row));
        this.sentCells.add(cell);
      }
      if (fused.score < o.bands.low) this.baselines.learn(cell, t, tally.affected, tally.craft, this.learnWeight);
    }
    for (const [pool, state] of this.pools.entries()) {
      state.window.expireAndTally(cutoff, tally);
      if (tally.total === 0) {
        this.pools.delete(pool);
        continue;
      }
      if (tally.totalAffected === 0) {
        // nothing affected: not anomalous, a quiet tick that teaches the baseline (no score needed)
        this.baselines.learn(pool, t, tally.affected, tally.craft, this.learnWeight);
        continue;
      }
      this.fillGroups(pool);
      const fused = this.row(t, pool, state, 'all', ALL_GROUPS);
      if (fused.score < o.bands.low) this.baselines.learn(pool, t, tally.affected, tally.craft, this.learnWeight);
      if (fused.row.level > 0) this.sendPool(t, pool, state, fused.score, fused.row, cutoff, emitCell);
    }
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
  private sendPool(
    t: number,
    pool: string,
    state: CellState,
    score: number,
    row: CellRow,
    cutoff: number,
    emitCell: EmitCell,
  ): void {
    const template = this.anomalous(t, pool, state, score, row.level, row);
    template.evidence.push({
      code: 'POOLED',
      text: `scored with the neighbouring cells of its resolution-${state.res} parent ${pool}`,
      value: state.res,
    });
    const child = this.childTally;
    for (const cell of cellsOfPool(pool, state.cellRes)) {
      if (this.sentCells.has(cell)) continue;
      const cs = this.cells.get(cell);
      if (cs === undefined) continue;
      cs.window.expireAndTally(cutoff, child);
      if (child.total === 0) continue;
      emitCell({
        ...template,
        cell,
        res: cs.res,
        lat: cs.lat,
        lon: cs.lon,
        observed: { aircraft: WindowTally.sum(child.craft, AIR_GROUPS), vessels: child.craft[GROUP_SEA]! },
        affected: { aircraft: WindowTally.sum(child.affected, AIR_GROUPS), vessels: child.affected[GROUP_SEA]! },
        samples: cs.window.sample(this.options.maxSamples),
      });
    }
  }

  /** One gnss_cell row over a set of groups; also returns the unrounded score. */
  private row(
    t: number,
    cell: string,
    state: CellState,
    src: CellRow['src'],
    groupSet: readonly number[],
  ): { row: CellRow; score: number } {
    const tally = this.tally;
    const craft = WindowTally.sum(tally.craft, groupSet);
    const degraded = WindowTally.sum(tally.affected, groupSet);
    let score = 0;
    if (degraded > 0) {
      const tested = this.tested;
      tested.length = 0;
      for (const g of groupSet) tested.push(this.groups[g]!);
      score = combinedScore(tested);
    }
    const row: CellRow = {
      t,
      cell,
      res: state.res,
      src,
      lat: state.lat,
      lon: state.lon,
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

  /** Kind: spoofing when spoofed craft are at least as many as the merely degraded ones, else jamming. */
  private anomalous(
    t: number,
    cell: string,
    state: CellState,
    score: number,
    level: number,
    row: CellRow,
  ): AnomalousCell {
    const tally = this.tally;
    const spoofed = tally.totalSpoofed;
    let expected = 0;
    for (const g of ALL_GROUPS) expected += this.groups[g]!.craft * this.groups[g]!.baseline;
    return {
      schema: ANOMALOUS_CELL_SCHEMA_ID,
      t,
      cell,
      res: state.res,
      lat: state.lat,
      lon: state.lon,
      kind: spoofed > 0 && spoofed >= tally.totalAffected - spoofed ? 'spoofing' : 'jamming',
      score: round4(score),
      level,
      observed: { aircraft: WindowTally.sum(tally.craft, AIR_GROUPS), vessels: tally.craft[GROUP_SEA]! },
      affected: { aircraft: WindowTally.sum(tally.affected, AIR_GROUPS), vessels: tally.affected[GROUP_SEA]! },
      samples: state.window.sample(this.options.maxSamples),
      evidence: cellEvidence(tally, expected / tally.total, row.gpsjamRatio),
    };
  }
}
