import type { KafkaMessage } from 'kafkajs';
import { EventTimeBuffer, type Timed } from '../../core/event-time-buffer.js';
import type { TickClock } from '../../core/tick-clock.js';
import { isFailure } from '../../decode/json-field.js';
import { type DecodeFailure, failure } from '../../errors.js';
import type { WorkerOutputs } from './outputs.js';
import type { StageTask } from './task.js';
import { isWatermarkKey, SourceWatermarks, watermarkSource } from './watermark.js';

/**
 * What the tasks that read a repartition topic share (region tasks read observations, the event task reads cells):
 * watermark messages move the per-source watermarks (watermark.ts); every other message is checked at the boundary
 * (size limit, JSON, the record's contract: `RecordCheck`) and held (event-time-buffer.ts) until every source has
 * passed its time, then handed to the subclass in event-time order. Bad messages are dead-lettered through the
 * outputs with the reason.
 */
export interface RepartitionTaskOptions {
  topic: string;
  partition: number;
  /** Every upstream partition that writes to this topic (each writes its own watermarks). */
  sources: readonly string[];
  maxMessageBytes: number;
  /** Records held for a watermark before the oldest are released anyway. */
  maxHeld: number;
}

/**
 * A record's contract checked at the boundary: the record as the stage reads it, or why not (region tasks: the hand
 * check of observation-check.ts, zod's verdict at a fraction of its cost; the event task: zod on the rare cells).
 */
export type RecordCheck<T> = (value: unknown) => T | DecodeFailure;

/** The part of a task's checkpoint that belongs to its input. */
export interface RepartitionInputState<T> {
  marks: Record<string, number>;
  held: T[];
}

export abstract class RepartitionTask<T extends Timed> implements StageTask {
  /** The stage's tick clock: its stream time is the task's. */
  protected abstract readonly clock: TickClock;
  private readonly marks: SourceWatermarks;
  private readonly buffer: EventTimeBuffer<T>;

  constructor(
    readonly id: string,
    private readonly input: RepartitionTaskOptions,
    private readonly check: RecordCheck<T>,
    protected readonly out: WorkerOutputs,
    compare?: (a: T, b: T) => number,
  ) {
    this.marks = new SourceWatermarks(input.sources);
    this.buffer = new EventTimeBuffer(input.maxHeld, compare);
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
    const { topic, partition, maxMessageBytes } = this.input;
    const where = `${topic}/${partition}@${message.offset}`;
    if (value.length > maxMessageBytes) {
      const detail = `${value.length} bytes > kafka.maxMessageBytes ${maxMessageBytes}`;
      this.out.invalid(topic, failure('MESSAGE_TOO_LARGE', detail), value.subarray(0, 1024), where);
      return;
    }
    const text = value.toString('utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      this.out.invalid(topic, failure('JSON_SYNTAX', `not JSON: ${(error as Error).message}`), text, where);
      return;
    }
    const checked = this.check(parsed);
    if (isFailure(checked)) {
      // A record that breaks its contract is dead-lettered as JSON_SHAPE whatever the field, as when zod checked it:
      // the bound it missed is in the detail.
      this.out.invalid(topic, failure('JSON_SHAPE', checked.detail), text, where);
      return;
    }
    this.buffer.push(checked);
  }

  /**
   * Hands on what every source has vouched for. Past `maxHeld` records the watermarks are forced forward, so that
   * the oldest are released anyway.
   */
  afterBatch(): void {
    if (this.buffer.overfull) this.marks.forceTo(this.buffer.forcedWatermark());
    const complete = this.marks.min;
    if (complete >= 0) this.release(this.buffer.release(complete), complete);
  }

  /** The records with t ≤ complete, in order: the input is complete up to `complete` (ms). */
  protected abstract release(records: T[], complete: number): void;

  abstract snapshot(): unknown;

  abstract restore(state: unknown): void;

  protected inputState(): RepartitionInputState<T> {
    return { marks: this.marks.toJSON(), held: this.buffer.toJSON() };
  }

  protected restoreInput(state: RepartitionInputState<T>): void {
    this.marks.restore(state.marks);
    this.buffer.restore(state.held);
  }
}
