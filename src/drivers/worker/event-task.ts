import type { KafkaMessage } from 'kafkajs';
import { alertLine } from '../../adapters/influx/line-protocol.js';
import { EventStage } from '../../core/event/event-stage.js';
import type { EventSnapshot } from '../../core/event/event-state.js';
import type { EventOptionsInput } from '../../core/event/options.js';
import { TickClock, type TickClockState } from '../../core/tick-clock.js';
import { failure } from '../../errors.js';
import type { Alert } from '../../schema/alert.js';
import { type AnomalousCell, anomalousCellSchema } from '../../schema/cell.js';
import { EventTimeBuffer } from './event-time-buffer.js';
import type { WorkerOutputs } from './outputs.js';
import type { StageTask } from './task.js';
import { isWatermarkKey, SourceWatermarks, watermarkSource } from './watermark.js';

/**
 * Stage 3, the one partition of the cells topic (the other workers' event runners stand by in the group). Cells are
 * held until every observation partition's region task has passed their tick, then handed to the event stage tick by
 * tick, each tick's cells before its evaluation, as the in-process Pipeline does. Alerts go to the alerts topic keyed
 * by id and to InfluxDB as gnss_alert points. Open alerts are counted for the metrics.
 */
export interface EventTaskOptions {
  topic: string;
  partition: number;
  /** Every observation partition (their region tasks write watermarks here). */
  sources: readonly string[];
  alertsTopic: string;
  maxMessageBytes: number;
  event: EventOptionsInput & { tickMs: number };
  maxHeld: number;
}

interface EventTaskState {
  clock: TickClockState;
  marks: Record<string, number>;
  held: AnomalousCell[];
  event: EventSnapshot;
  open: string[];
}

/** Cells of one tick in a fixed order, whatever order the region tasks wrote them in. */
function byTickKindCell(a: AnomalousCell, b: AnomalousCell): number {
  return a.t - b.t || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0);
}

export class EventTask implements StageTask {
  readonly id: string;
  readonly stage: EventStage;
  private readonly clock: TickClock;
  private readonly marks: SourceWatermarks;
  private readonly buffer: EventTimeBuffer<AnomalousCell>;
  /** Ids of the alerts published open and not yet resolved. */
  readonly open = new Set<string>();

  constructor(
    id: string,
    private readonly o: EventTaskOptions,
    private readonly out: WorkerOutputs,
  ) {
    this.id = id;
    this.stage = new EventStage(o.event);
    // No late allowance here: the watermarks already say when a tick's cells are all in.
    this.clock = new TickClock(o.event.tickMs, 0, this.onTick, this.isIdle);
    this.marks = new SourceWatermarks(o.sources);
    this.buffer = new EventTimeBuffer(o.maxHeld, byTickKindCell);
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
    const checked = anomalousCellSchema.safeParse(parsed);
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
    for (const cell of this.buffer.release(complete)) {
      // Every tick before the cell's own is evaluated first; its own tick waits for all of its cells.
      this.clock.advance(cell.t - 1);
      this.stage.process(cell);
    }
    this.clock.advance(complete);
  }

  snapshot(): EventTaskState {
    return {
      clock: this.clock.snapshot(),
      marks: this.marks.toJSON(),
      held: this.buffer.toJSON(),
      event: this.stage.snapshot(),
      open: [...this.open],
    };
  }

  restore(state: unknown): void {
    const s = state as EventTaskState;
    this.clock.restore(s.clock);
    this.marks.restore(s.marks);
    this.buffer.restore(s.held);
    this.stage.restore(s.event);
    this.open.clear();
    for (const id of s.open) this.open.add(id);
  }

  private readonly onAlert = (alert: Alert): void => {
    this.out.send(this.o.alertsTopic, alert.id, JSON.stringify(alert));
    this.out.point(alertLine(alert), Date.parse(alert.updatedAt));
    if (alert.status === 'resolved') this.open.delete(alert.id);
    else this.open.add(alert.id);
  };

  private readonly onTick = (boundary: number): void => {
    this.stage.advance(boundary, this.onAlert);
  };

  private readonly isIdle = (): boolean => this.stage.idle;
}
