import { cellLine } from '../../adapters/influx/line-protocol.js';
import type { RegionOptionsInput } from '../../core/region/options.js';
import { type RegionSnapshot, RegionStage } from '../../core/region/region-stage.js';
import { TickClock, type TickClockState } from '../../core/tick-clock.js';
import { checkObservation } from '../../decode/observation-check.js';
import type { AnomalousCell, CellRow } from '../../schema/cell.js';
import type { Observation } from '../../schema/observation.js';
import type { WorkerOutputs } from './outputs.js';
import { type RepartitionInputState, RepartitionTask, type RepartitionTaskOptions } from './repartition-task.js';
import { watermarkKey } from './watermark.js';

/**
 * Stage 2 for one observation partition. Observations are held until every report partition has vouched for their
 * time (watermarks), then fed to the region stage in event-time order with stream time moved first (tick-clock.ts),
 * exactly as the in-process Pipeline does: the ticks see what a replay sees. gnss_cell rows go to InfluxDB, anomalous
 * cells to the cells topic (one partition), followed by this task's own watermark for the event stage.
 */
export interface RegionTaskOptions extends RepartitionTaskOptions {
  cellsTopic: string;
  lateAllowanceMs: number;
  region: RegionOptionsInput;
}

interface RegionTaskState extends RepartitionInputState<Observation> {
  clock: TickClockState;
  region: RegionSnapshot;
  written: number;
}

export class RegionTask extends RepartitionTask<Observation> {
  readonly stage: RegionStage;
  protected readonly clock: TickClock;
  private readonly key: string;
  private written = -1;

  constructor(
    id: string,
    private readonly o: RegionTaskOptions,
    out: WorkerOutputs,
  ) {
    super(id, o, checkObservation, out);
    this.stage = new RegionStage(o.region);
    this.clock = new TickClock(this.stage.options.tickMs, o.lateAllowanceMs, this.onTick, this.isIdle);
    this.key = watermarkKey(`${o.topic}:${o.partition}`);
  }

  protected release(observations: Observation[], complete: number): void {
    for (const obs of observations) {
      this.clock.seen(obs.t);
      this.stage.process(obs);
    }
    this.clock.advance(complete - this.o.lateAllowanceMs);
    // The event stage needs only each tick boundary passed.
    const now = this.clock.streamTime;
    const tick = this.clock.tickMs;
    if (Math.floor(now / tick) > Math.floor(this.written / tick)) {
      this.written = now;
      this.out.send(this.o.cellsTopic, this.key, String(now), 0);
    }
  }

  snapshot(): RegionTaskState {
    const input = this.inputState();
    return {
      clock: this.clock.snapshot(),
      marks: input.marks,
      held: input.held,
      region: this.stage.snapshot({ windows: true }),
      written: this.written,
    };
  }

  restore(state: unknown): void {
    const s = state as RegionTaskState;
    this.clock.restore(s.clock);
    this.restoreInput(s);
    this.stage.restore(s.region);
    this.written = s.written;
  }

  private readonly onRow = (row: CellRow): void => {
    this.out.point(cellLine(row), row.t);
  };

  private readonly onCell = (cell: AnomalousCell): void => {
    this.out.send(this.o.cellsTopic, cell.cell, JSON.stringify(cell), 0);
  };

  private readonly onTick = (boundary: number): void => {
    this.stage.advance(boundary, this.onRow, this.onCell);
  };

  private readonly isIdle = (): boolean => this.stage.idle;
}
