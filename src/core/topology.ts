import { z } from 'zod';
import type { Alert } from '../schema/alert.js';
import type { AnomalousCell, CellRow } from '../schema/cell.js';
import type { Observation } from '../schema/observation.js';
import type { Report } from '../schema/report.js';
import { EventStage } from './event/event-stage.js';
import { type EventOptions, eventOptionsSchema } from './event/options.js';
import { EventTimeBuffer } from './event-time-buffer.js';
import { type RegionOptions, regionOptionsSchema } from './region/options.js';
import { RegionStage } from './region/region-stage.js';
import { TickClock } from './tick-clock.js';

/**
 * The detection core in one process, for `jamwatch replay`, tests and the demo:
 *
 *   report ─▶ entity stage ─▶ observation ─▶ region stage ─▶ gnss_cell rows
 *                                                   └──────▶ anomalous cells ─▶ event stage ─▶ alerts
 *
 * Stream time is the largest event time seen, less `lateAllowanceMs` (it never goes back; tick-clock.ts). Each time it
 * passes a tick boundary (a multiple of the region's `tickMs`), the region stage evaluates that tick, the event stage
 * evaluates the cells it produced, and the entity stage expires old craft — tick by tick, in that order, so the same
 * input always gives the same output. Stream time moves before a report is processed, so a tick at B holds the
 * reports with t < B + lateAllowanceMs whatever the order of reports of equal time: the worker, which sees the
 * reports split into partitions, ticks alike. While nothing is held (no window, no event) idle ticks are skipped.
 * `finish()` advances stream time far enough past the last report for every window to empty and every event to
 * resolve.
 */

/**
 * What the Pipeline needs of the entity stage (src/core/entity/entity-stage.ts `EntityStage`), so that either can
 * change without the other: at most one observation per report, returned (no callback per record).
 */
export interface ObservationSource {
  process(report: Report): Observation | null;
  expire(streamTimeMs: number): unknown;
}

export interface PipelineSinks {
  observation?: (obs: Observation) => void;
  row?: (row: CellRow) => void;
  cell?: (cell: AnomalousCell) => void;
  alert?: (alert: Alert) => void;
}

export const pipelineOptionsSchema = z
  .object({
    lateAllowanceMs: z
      .number()
      .int()
      .min(0)
      .default(5_000)
      .describe('stream time trails the newest event time by this much: merged feeds arrive a few seconds apart'),
    region: regionOptionsSchema.prefault({}),
    event: eventOptionsSchema.omit({ tickMs: true }).prefault({}),
  })
  .strict();
export type PipelineOptions = z.infer<typeof pipelineOptionsSchema>;
export type PipelineOptionsInput = z.input<typeof pipelineOptionsSchema>;

export class Pipeline {
  readonly options: PipelineOptions;
  readonly region: RegionStage;
  readonly event: EventStage;
  /** The entity side: stream time of the reports (expiry ticks); what the worker's entity tasks send as watermarks. */
  private readonly entityClock: TickClock;
  /** The region and event side, moved by the observations released to it, as the worker's region tasks are. */
  private readonly clock: TickClock;
  /** Holds at most the late allowance's worth of observations: the entity side is complete up to its stream time. */
  private readonly held = new EventTimeBuffer<Observation>(Number.POSITIVE_INFINITY);
  // Bound once: no closure per record.
  private readonly onRow = (row: CellRow): void => {
    this.sinks.row?.(row);
  };
  private readonly onCell = (cell: AnomalousCell): void => {
    this.sinks.cell?.(cell);
    this.event.process(cell);
  };
  private readonly onAlert = (alert: Alert): void => {
    this.sinks.alert?.(alert);
  };

  constructor(
    private readonly entity: ObservationSource,
    options: PipelineOptionsInput = {},
    private readonly sinks: PipelineSinks = {},
  ) {
    this.options = pipelineOptionsSchema.parse(options);
    this.region = new RegionStage(this.options.region);
    // The event stage evaluates on the region's ticks, so that it sees each tick's cells whole.
    const tickMs = this.region.options.tickMs;
    this.event = new EventStage({ ...this.options.event, tickMs });
    const late = this.options.lateAllowanceMs;
    this.entityClock = new TickClock(tickMs, late, this.onEntityTick, () => false);
    this.clock = new TickClock(tickMs, late, this.onTick, this.isIdle);
  }

  /** Stream time of the region and event stages (ms), −1 before the first observation. */
  get streamTime(): number {
    return this.clock.streamTime;
  }

  process(report: Report): void {
    this.entityClock.seen(report.t);
    const obs = this.entity.process(report);
    if (obs !== null) this.held.push(obs);
    this.release(this.entityClock.streamTime);
  }

  /** Feed an observation straight to the region stage (observation files, tests): the entity stage is skipped. */
  processObservation(obs: Observation): void {
    this.entityClock.seen(obs.t);
    this.held.push(obs);
    this.release(this.entityClock.streamTime);
  }

  /** Move stream time forward (a driver's idle clock, or finish); ticks fire as boundaries are passed. */
  advance(streamTimeMs: number): void {
    this.entityClock.advance(streamTimeMs);
    this.release(streamTimeMs);
    this.clock.advance(streamTimeMs - this.options.lateAllowanceMs);
  }

  /** End of input: run the ticks until every window has emptied and every event has resolved. */
  finish(): void {
    const newest = this.entityClock.newestEventTime;
    if (newest < 0) return;
    this.advance(Math.max(this.entityClock.streamTime, newest) + drainMs(this.region.options, this.event.options));
  }

  /**
   * Hands the region stage the observations up to `complete` (the entity side's stream time: no report older than
   * that is still to come), in event-time order, each after its time has moved the region's clock, then moves the
   * clock to `complete` less the late allowance. This is what a worker's region task does with its partitions'
   * watermarks (src/drivers/worker/region-task.ts), so a replay and a worker tick on the same observations even
   * when the input holds reports a few seconds out of order.
   */
  private release(complete: number): void {
    const held = this.held;
    if (held.size === 0 || held.firstTime > complete) return;
    while (held.size > 0 && held.firstTime <= complete) {
      const obs = held.shift();
      this.clock.seen(obs.t);
      this.sinks.observation?.(obs);
      this.region.process(obs);
    }
    this.clock.advance(complete - this.options.lateAllowanceMs);
  }

  private readonly onEntityTick = (boundary: number): void => {
    this.entity.expire(boundary);
  };

  private readonly onTick = (boundary: number): void => {
    this.region.advance(boundary, this.onRow, this.onCell);
    this.event.advance(boundary, this.onAlert);
  };

  private readonly isIdle = (): boolean => this.region.idle && this.event.idle;
}

/** Stream time past the last record after which every window has emptied and every event has resolved. */
export function drainMs(region: RegionOptions, event: Pick<EventOptions, 'cellHoldMs' | 'resolveAfterMs'>): number {
  return region.windowMs + event.cellHoldMs + event.resolveAfterMs + 2 * region.tickMs;
}
