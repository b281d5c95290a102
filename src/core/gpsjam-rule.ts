import { z } from 'zod';
import { NO_ROW } from '../collections/slab.js';
import { SlabMap } from '../collections/slab-map.js';
import type { Alert } from '../schema/alert.js';
import { ANOMALOUS_CELL_SCHEMA_ID, type AnomalousCell } from '../schema/cell.js';
import type { Observation } from '../schema/observation.js';
import { alertId, alertMessage } from './event/alert-message.js';
import { eventArea } from './event/area.js';
import { connectedCells } from './event/clusters.js';
import { distinctCraft } from './event/craft-counts.js';
import { EventStage } from './event/event-stage.js';
import { cellAt, cellCentre, cellResolution, isCell } from './region/cells.js';
import { GROUP_AIR_HIGH, GROUP_AIR_LOW } from './region/craft-group.js';
import { percent, round4 } from './region/evidence.js';
import { gpsjamRatio } from './region/score.js';
import { WindowStore } from './region/window-store.js';
import { WindowTally } from './region/window-tally.js';

/**
 * gpsjam.org's rule, as a baseline to score ours against (`jamwatch eval --input`), on the same observations.
 *
 * Per H3 res-4 cell, bad = distinct craft seen affected (degraded or spoofed), good = the others; the figure is
 * (bad − 1)/(bad + good): < 2 % green, 2–10 % yellow, ≥ 10 % red, with no minimum count (gpsjam.org FAQ). Red cells
 * that touch (one H3 ring) are grouped into one alert of kind jamming, in the same Alert shape as ours, so the eval
 * scores both alike; score 0 (the rule has none: the figure is in the evidence), severity high, no emitter.
 *
 * Windows, configurable:
 *  - `sliding` (default): the same windows and ticks as the region stage. Each tick's red cells go through an event
 *    stage with no hysteresis: open on the first red tick, resolved on the first tick without one, no re-opening;
 *    an update when the red cells change.
 *  - `day`: gpsjam.org's own 24 h UTC day; a craft is bad in a cell if it was affected there at any time that day.
 *    When stream time passes midnight, each group of red cells becomes one alert, published as open and then
 *    resolved, starting and ending with the day. (Observations less than the late allowance past midnight that
 *    arrive before stream time passes it count in the day before.)
 */
export const gpsjamRuleOptionsSchema = z
  .object({
    window: z
      .enum(['sliding', 'day'])
      .default('sliding')
      .describe("'sliding' = our windows and ticks; 'day' = gpsjam.org's 24 h UTC day"),
    windowMs: z.number().int().positive().default(300_000).describe('sliding window, the region stage default'),
    tickMs: z.number().int().positive().default(15_000).describe('evaluation period of the sliding mode'),
    resolution: z.number().int().min(0).max(15).default(4).describe('H3 resolution gpsjam.org publishes at'),
    redFrom: z.number().min(0).max(1).default(0.1).describe("gpsjam.org's red band: (bad − 1)/(bad + good) ≥ 10 %"),
    maxCells: z.number().int().positive().default(100_000).describe('cells held at once'),
    maxCraftPerCell: z.number().int().positive().default(5_000).describe('distinct craft per cell and window (a day)'),
    maxSamples: z.number().int().min(2).max(500).default(200).describe('craft per red cell kept for distinct counts'),
  })
  .strict();
export type GpsjamRuleOptions = z.infer<typeof gpsjamRuleOptionsSchema>;
export type GpsjamRuleOptionsInput = z.input<typeof gpsjamRuleOptionsSchema>;

export type EmitAlert = (alert: Alert) => void;

const DAY_MS = 86_400_000;

/** A cell is a row of a SlabMap (its key and last-seen time alone) and its number in the WindowStore. */
const CELL_LAYOUT = { doubles: [], ints: [], refs: [] };

const AIR_GROUPS: readonly number[] = [GROUP_AIR_LOW, GROUP_AIR_HIGH];

export class GpsjamRule {
  readonly options: GpsjamRuleOptions;
  private cells: SlabMap<string>;
  private readonly windows: WindowStore;
  private readonly events: EventStage;
  private readonly tally = new WindowTally();
  /** Sliding: last tick evaluated. Day: start of the day being counted. */
  private clock = -1;

  constructor(options: GpsjamRuleOptionsInput = {}) {
    this.options = gpsjamRuleOptionsSchema.parse(options);
    // altitude band 0: the rule does not tell aircraft groups apart
    this.windows = new WindowStore({ maxPerCell: this.options.maxCraftPerCell, altitudeBandFt: 0 });
    this.cells = this.newCells();
    this.events = new EventStage({
      tickMs: this.options.tickMs,
      joinRings: 1,
      cellHoldMs: 0,
      openTicks: 1,
      openLevel: 1,
      resolveAfterMs: 0,
      reopenWithinMs: 0,
      minUpdateIntervalMs: this.options.tickMs,
      severityHoldMs: 0,
      emitter: { enabled: false },
    });
  }

  process(obs: Observation): void {
    const o = this.options;
    if (o.window === 'day') {
      if (this.clock < 0) this.clock = Math.floor(obs.t / DAY_MS) * DAY_MS;
      if (obs.t < this.clock) return;
    }
    // Observations at the rule's resolution (the usual case) find their cell without an H3 call.
    const cells = this.cells;
    let cell = cells.get(obs.cell);
    let key = obs.cell;
    if (cell === NO_ROW) {
      const at = this.cellOf(obs);
      if (at === undefined) return;
      key = at;
      cell = cells.get(key);
    }
    if (cell === NO_ROW) {
      cell = cells.add(key, obs.t);
      this.windows.openCell(cell, NO_ROW);
    } else if (obs.t > cells.lastSeen(cell)) cells.touch(cell, obs.t);
    // A day counts a craft bad if it was ever affected there: its first bad observation is kept.
    if (o.window === 'day' && this.windows.isAffected(cell, obs.id)) return;
    this.windows.put(cell, obs);
  }

  advance(streamTimeMs: number, emit: EmitAlert): void {
    if (this.options.window === 'day') this.advanceDay(streamTimeMs, emit);
    else this.advanceSliding(streamTimeMs, emit);
  }

  /** Cells evicted (beyond maxCells) or dropped give back their windows. */
  private newCells(): SlabMap<string> {
    return new SlabMap(this.options.maxCells, CELL_LAYOUT, (cell) => this.windows.drop(cell));
  }

  private cellOf(obs: Observation): string | undefined {
    const res = this.options.resolution;
    if (!isCell(obs.cell)) return undefined;
    return cellResolution(obs.cell) === res ? obs.cell : cellAt(obs.lat, obs.lon, res);
  }

  private advanceSliding(streamTimeMs: number, emit: EmitAlert): void {
    const tick = this.options.tickMs;
    const last = Math.floor(streamTimeMs / tick) * tick;
    if (this.clock < 0) this.clock = last - tick;
    while (this.clock < last) {
      this.clock = this.cells.size === 0 && this.events.idle ? last : this.clock + tick;
      for (const red of this.redCells(this.clock, this.clock - this.options.windowMs)) this.events.process(red);
      this.events.advance(this.clock, emit);
    }
  }

  private advanceDay(streamTimeMs: number, emit: EmitAlert): void {
    while (this.clock >= 0 && streamTimeMs >= this.clock + DAY_MS) {
      const dayStart = this.clock;
      const dayEnd = dayStart + DAY_MS;
      const red = this.redCells(dayEnd, dayStart - 1);
      this.cells = this.newCells();
      this.windows.clear();
      this.clock = dayEnd;
      const byCell = new Map(red.map((c) => [c.cell, c]));
      for (const component of connectedCells(byCell.keys(), 1).components) {
        const cells = component.map((cell) => byCell.get(cell)!);
        const counts = distinctCraft(cells);
        const base = {
          id: alertId('jamming', component[0]!, dayStart),
          kind: 'jamming' as const,
          severity: 3,
          score: 0,
          startedAt: dayStart,
          updatedAt: dayEnd,
          area: eventArea(cells),
          emitter: undefined,
          spoofTarget: undefined,
          affected: counts.affected,
          observed: counts.observed,
          evidence: cells.flatMap((c) => c.evidence),
        };
        emit(alertMessage({ ...base, status: 'open', endedAt: undefined }));
        emit(alertMessage({ ...base, status: 'resolved', endedAt: dayEnd }));
      }
    }
  }

  /** Cells whose window, craft seen after `cutoff`, is red at time `t`; empty windows are dropped. */
  private redCells(t: number, cutoff: number): AnomalousCell[] {
    const red: AnomalousCell[] = [];
    const tally = this.tally;
    this.cells.sweep((cell) => {
      this.windows.expireAndTally(cell, cutoff, tally);
      if (tally.total === 0) return false;
      const bad = tally.totalAffected;
      const ratio = gpsjamRatio(bad, tally.total);
      if (ratio < this.options.redFrom) return true;
      const key = this.cells.keyOf(cell);
      const centre = cellCentre(key);
      const air = WindowTally.sum(tally.craft, AIR_GROUPS);
      const airBad = WindowTally.sum(tally.affected, AIR_GROUPS);
      red.push({
        schema: ANOMALOUS_CELL_SCHEMA_ID,
        t,
        cell: key,
        res: centre.res,
        lat: centre.lat,
        lon: centre.lon,
        kind: 'jamming',
        score: 0,
        level: 3,
        observed: { aircraft: air, vessels: tally.total - air },
        affected: { aircraft: airBad, vessels: bad - airBad },
        samples: this.windows.sample(cell, this.options.maxSamples),
        evidence: [
          {
            code: 'GPSJAM_RATIO',
            text: `gpsjam.org's (bad − 1)/(bad + good) in ${key}: ${bad} bad of ${tally.total} (${percent(ratio)})`,
            value: round4(ratio),
          },
        ],
      });
      return true;
    });
    return red;
  }
}
