import type { KafkaMessage } from 'kafkajs';
import { cellLine } from '../../adapters/influx/line-protocol.js';
import type { RegionOptionsInput } from '../../core/region/options.js';
import { type RegionSnapshot, RegionStage } from '../../core/region/region-stage.js';
import { TickClock, type TickClockState } from '../../core/tick-clock.js';
import { failure } from '../../errors.js';
import type { AnomalousCell, CellRow } from '../../schema/cell.js';
import { type Observation, observationSchema } from '../../schema/observation.js';
import { EventTimeBuffer } from './event-time-buffer.js';
import type { WorkerOutputs } from './outputs.js';
import type { StageTask } from './task.js';
import { isWatermarkKey, SourceWatermarks, watermarkKey, watermarkSource } from './watermark.js';

/**
 * Stage 2 for one observation partition. Observations are held until every report partition has vouched for their
 * time (watermarks), then fed to the region stage in event-time order with stream time moved first (tick-clock.ts),
 * exactly as the in-process Pipeline does: the ticks see what a replay sees. gnss_cell rows go to InfluxDB, anomalous
 * cells to the cells topic (one partition), followed by this task's own watermark for the event stage.
 */
export interface RegionTaskOptions {
  topic: string;
  partition: number;
  /** Every report partition that writes to this topic. */
  sources: readonly string[];
  cellsTopic: string;
  maxMessageBytes: number;
  lateAllowanceMs: number;
  region: RegionOptionsInput;
  maxHeld: number;
}

interface RegionTaskState {
  clock: TickClockState;
  marks: Record<string, number>;
  held: Observation[];
  region: RegionSnapshot;
  written: number;
}

export class RegionTask implements StageTask {
  readonly id: string;
  readonly stage: RegionStage;
  private readonly clock: TickClock;
  private readonly marks: SourceWatermarks;
  private readonly buffer: EventTimeBuffer<Observation>;
  private readonly key: string;
  private readonly source: string;
  private written = -1;

  constructor(
    id: string,
    private readonly o: RegionTaskOptions,
    private readonly out: WorkerOutputs,
  ) {
    this.id = id;
    this.stage = new RegionStage(o.region);
    this.clock = new TickClock(this.stage.options.tickMs, o.lateAllowanceMs, this.onTick, this.isIdle);
    this.marks = new SourceWatermarks(o.sources);
    this.buffer = new EventTimeBuffer(o.maxHeld);
    this.source = `${o.topic}:${o.partition}`;
    this.key = watermarkKey(this.source);
  }

  get streamTime(): number {
    return this.clock.streamTime;
  }

  /** Records waiting for their watermark. */
  get held(): number {
    return this.buffer.size;
  }

  ingest(message: KafkaMessage): void {
    const value = message.value;
    if (value === null) return;
    if (isWatermarkKey(message.key)) {
      this.marks.update(watermarkSource(message.key), Number(value.toString('latin1')));
      return;
    }
    const where = `${this.o.topic}/${this.o.partition}@${message.offset}`;
    if (value.length > this.o.maxMessageBytes) {
      const detail = `${value.length} bytes > kafka.maxMessageBytes ${this.o.maxMessageBytes}`;
      this.out.invalid(this.o.topic, failure('MESSAGE_TOO_LARGE', detail), value.subarray(0, 1024), where);
      return;
    }
    const text = value.toString('utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      this.out.invalid(this.o.topic, failure('JSON_SYNTAX', `not JSON: ${(error as Error).message}`), text, where);
      return;
    }
    const checked = observationSchema.safeParse(parsed);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      this.out.invalid(this.o.topic, failure('JSON_SHAPE', `${issue.path.join('.')}: ${issue.message}`), text, where);
      return;
    }
    this.buffer.push(checked.data);
  }

  afterBatch(): void {
    if (this.buffer.overfull) this.marks.forceTo(this.buffer.forcedWatermark());
    const complete = this.marks.min;
    if (complete < 0) return;
    for (const obs of this.buffer.release(complete)) {
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
    return {
      clock: this.clock.snapshot(),
      marks: this.marks.toJSON(),
      held: this.buffer.toJSON(),
      region: this.stage.snapshot({ windows: true }),
      written: this.written,
    };
  }

  restore(state: unknown): void {
    const s = state as RegionTaskState;
    this.clock.restore(s.clock);
    this.marks.restore(s.marks);
    this.buffer.restore(s.held);
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
