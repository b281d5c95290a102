import type { KafkaMessage } from 'kafkajs';
import { EntityStage, type EntityStageDeps } from '../../core/entity/entity-stage.js';
import type { EntityOptionsInput } from '../../core/entity/options.js';
import { poolOf } from '../../core/region/cells.js';
import { TickClock, type TickClockState } from '../../core/tick-clock.js';
import { decodeReportJson } from '../../decode/report-json.js';
import { failure } from '../../errors.js';
import type { Report } from '../../schema/report.js';
import type { WorkerOutputs } from './outputs.js';
import type { StageTask } from './task.js';

/**
 * Stage 1 for one report partition: validates each message at the boundary (size limit, `jamwatch.report/1`, the
 * source matching the topic), runs the entity stage, and writes observations to the observations topic keyed by
 * cell. Its stream time is the newest report time less the late allowance; ticks expire idle craft.
 */
export interface EntityTaskOptions {
  topic: string;
  partition: number;
  src: Report['src'];
  observationsTopic: string;
  /** Observations are keyed by their cell's pool (region options), so that a pool is whole in one region task. */
  poolResolution: number;
  maxMessageBytes: number;
  tickMs: number;
  lateAllowanceMs: number;
  entity: EntityOptionsInput;
  deps: EntityStageDeps;
}

interface EntityTaskState {
  clock: TickClockState;
  entity: unknown;
}

/** Cells whose pool is remembered: a busy world has ~20k cells with traffic at resolution 4. */
const MAX_POOL_KEYS = 50_000;

export class EntityTask implements StageTask {
  private readonly pools = new Map<string, string>();
  readonly id: string;
  private readonly stage: EntityStage;
  private readonly clock: TickClock;
  private readonly source: string;
  /** Wall time of the last message, and the partition's lag after the last batch (set by the runner). */
  lastInputWall = 0;
  lag = 0;

  constructor(
    id: string,
    private readonly o: EntityTaskOptions,
    private readonly out: WorkerOutputs,
  ) {
    this.id = id;
    this.source = `${o.topic}/${o.partition}`;
    this.stage = new EntityStage(o.entity, o.deps);
    this.clock = new TickClock(o.tickMs, o.lateAllowanceMs, this.onTick, always);
  }

  get streamTime(): number {
    return this.clock.streamTime;
  }

  /** Newest report time of the partition: everything up to it has been turned into observations. */
  get newestEventTime(): number {
    return this.clock.newestEventTime;
  }

  get trackedCraft(): number {
    return this.stage.stats().trackedCraft;
  }

  ingest(message: KafkaMessage): void {
    const value = message.value;
    if (value === null) return;
    const topic = this.o.topic;
    if (value.length > this.o.maxMessageBytes) {
      const detail = `${value.length} bytes > kafka.maxMessageBytes ${this.o.maxMessageBytes}`;
      this.out.invalid(topic, failure('MESSAGE_TOO_LARGE', detail), value.subarray(0, 1024), this.where(message));
      return;
    }
    const text = value.toString('utf8');
    const outcome = decodeReportJson(text);
    if (!outcome.ok) {
      this.out.invalid(topic, outcome, text, this.where(message));
      return;
    }
    if (outcome.kind !== 'report') return;
    const report = outcome.report;
    if (report.src !== this.o.src) {
      const detail = `src ${report.src} on the ${this.o.src} report topic`;
      this.out.invalid(topic, failure('JSON_SHAPE', detail), text, this.where(message));
      return;
    }
    this.out.report(topic);
    this.clock.seen(report.t);
    const obs = this.stage.process(report);
    if (obs !== null) this.out.send(this.o.observationsTopic, this.poolKey(obs.cell), JSON.stringify(obs));
  }

  /** The observation's key, its cell's pool: h3-js costs 0.64 µs a call, so remembered per cell (bounded). */
  private poolKey(cell: string): string {
    let pool = this.pools.get(cell);
    if (pool === undefined) {
      if (this.pools.size >= MAX_POOL_KEYS) this.pools.clear();
      pool = poolOf(cell, this.o.poolResolution);
      this.pools.set(cell, pool);
    }
    return pool;
  }

  afterBatch(): void {}

  snapshot(): EntityTaskState {
    return { clock: this.clock.snapshot(), entity: this.stage.snapshot() };
  }

  restore(state: unknown): void {
    const s = state as EntityTaskState;
    this.clock.restore(s.clock);
    this.stage.restore(s.entity);
  }

  private readonly onTick = (boundary: number): void => {
    this.stage.expire(boundary);
  };

  private where(message: KafkaMessage): string {
    return `${this.source}@${message.offset}`;
  }
}

/** Expiry needs only the latest boundary: skip the ones in between. */
function always(): boolean {
  return true;
}
