import { z } from 'zod';
import type { Alert } from '../schema/alert.js';
import type { AnomalousCell, CellRow } from '../schema/cell.js';
import type { Observation } from '../schema/observation.js';
import type { Report } from '../schema/report.js';
import { EventStage } from './event/event-stage.js';
import { type EventOptions, eventOptionsSchema } from './event/options.js';
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
  private readonly clock: TickClock;
  // Bound once: no closure per record.
  private readonly onObservation = (obs: Observation): void => {
    this.sinks.observation?.(obs);
    this.region.process(obs);
  };
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
    this.clock = new TickClock(tickMs, this.options.lateAllowanceMs, this.onTick, this.isIdle);
  }

  /** Current stream time (ms), −1 before the first record. */
  get streamTime(): number {
    return this.clock.streamTime;
  }

  process(report: Report): void {
    this.clock.seen(report.t);
    const obs = this.entity.process(report);
    if (obs !== null) this.onObservation(obs);
  }

  /** Feed an observation straight to the region stage (observation files, tests): the entity stage is skipped. */
  processObservation(obs: Observation): void {
    this.clock.seen(obs.t);
    this.onObservation(obs);
  }

  /** Move stream time forward (a driver's idle clock, or finish); ticks fire as boundaries are passed. */
  advance(streamTimeMs: number): void {
    this.clock.advance(streamTimeMs);
  }

  /** End of input: run the ticks until every window has emptied and every event has resolved. */
  finish(): void {
    const newest = this.clock.newestEventTime;
    if (newest < 0) return;
    this.advance(Math.max(this.clock.streamTime, newest) + drainMs(this.region.options, this.event.options));
  }

  private readonly onTick = (boundary: number): void => {
    this.region.advance(boundary, this.onRow, this.onCell);
    this.event.advance(boundary, this.onAlert);
    this.entity.expire(boundary);
  };

  private readonly isIdle = (): boolean => this.region.idle && this.event.idle;
}

/** Stream time past the last record after which every window has emptied and every event has resolved. */
export function drainMs(region: RegionOptions, event: Pick<EventOptions, 'cellHoldMs' | 'resolveAfterMs'>): number {
  return region.windowMs + event.cellHoldMs + event.resolveAfterMs + 2 * region.tickMs;
}
