import type { Batch, Consumer, Kafka } from 'kafkajs';
import type { StateStore } from '../../adapters/kafka/state-store.js';
import type { Logger } from '../../log.js';
import type { WorkerOutputs } from './outputs.js';
import { CHECKPOINT_SCHEMA_ID, type Checkpoint, type StageTask } from './task.js';
import { sourceId } from './watermark.js';

/**
 * One stage of the worker: a kafkajs consumer in the stage's own group, one task per assigned partition.
 *
 * Batches (eachBatch, one at a time) go to their partition's task. Every `checkpointIntervalMs`, and on stop, the
 * runner waits until everything the tasks wrote is acknowledged (producer flushed, InfluxDB written), writes each
 * changed task's checkpoint (state + the offset to resume from) to the state topic, waits for that too, and only
 * then commits the offsets: at-least-once end to end, with state and offsets that agree.
 *
 * On every (re)join kafkajs resumes each assigned partition from its committed offset, so the runner drops all its
 * tasks and reopens each from its checkpoint on the partition's first batch. A checkpoint ahead of the committed
 * offset (a crash between the two) skips what it already holds; one behind (it cannot be, but) is sought back to.
 */
export type StageName = 'decode' | 'entity' | 'region' | 'event';

/**
 * The stages whose checkpoints must wait for InfluxDB: the others write only Kafka messages, and waiting for a slow
 * InfluxDB stalled their checkpoints (9.5 s measured for the entity stage while InfluxDB timed out).
 */
const WRITES_POINTS: Readonly<Record<StageName, boolean>> = { decode: false, entity: false, region: true, event: true };

export interface RunnerSpec<T extends StageTask> {
  stage: StageName;
  groupId: string;
  topics: string[];
  createTask(topic: string, partition: number): T;
  /** Runner-level work after each batch and on each timer tick (the entity stage's watermarks). */
  afterBatch?(now: number, timer: boolean): void;
  /** After a rebalance, before the first batch. */
  onRebalance?(): void;
  /** Whether the outputs' servers answer again, asked while consumption is paused. */
  outputsHealthy(): Promise<boolean>;
}

export interface RunnerOptions {
  checkpointIntervalMs: number;
  timerMs: number;
  /** Longest wait for a fetch with nothing to return: bounds how late watermarks travel between stages. */
  maxWaitTimeInMs: number;
}

const RESTART_MIN_MS = 1_000;
const RESTART_MAX_MS = 30_000;
/** While outputs fail, a checkpoint (which waits for every pending write) is tried every 2 s. */
const PAUSED_RETRY_MS = 2_000;

export interface Assigned {
  topic: string;
  partition: number;
  assignedAt: number;
}

interface Position {
  /** Next offset to read, −1 when not known (no checkpoint: the group's position). */
  next: number;
  /** Offset of the last checkpoint written, −1 when none. */
  checkpointed: number;
  lag: number;
  lastInputWall: number;
  /** The partition was sought back to the checkpoint once. */
  sought: boolean;
}

export class StageRunner<T extends StageTask> {
  readonly tasks = new Map<string, T>();
  readonly positions = new Map<string, Position>();
  readonly assigned = new Map<string, Assigned>();
  private readonly consumer: Consumer;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private lastCheckpoint = Date.now();
  private stopping = false;
  /** Consumption paused while outputs cannot be written. */
  paused = false;
  /** Tasks were dropped outside a rebalance: partitions without a checkpoint go back to their start. */
  private rewinding = false;
  /** Wall time of the last message consumed. */
  lastInputWall = 0;
  joined = false;

  constructor(
    kafka: Kafka,
    readonly spec: RunnerSpec<T>,
    private readonly out: WorkerOutputs,
    private readonly store: StateStore,
    private readonly options: RunnerOptions,
    private readonly log: Logger,
  ) {
    this.consumer = kafka.consumer({
      groupId: spec.groupId,
      maxWaitTimeInMs: options.maxWaitTimeInMs,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
    });
  }

  async start(): Promise<void> {
    const { consumer } = this;
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      const assignment = event.payload.memberAssignment as Record<string, number[]>;
      void this.serial(() => this.rebalanced(assignment));
    });
    consumer.on(consumer.events.CRASH, (event) => {
      this.joined = false;
      this.log.warn({ err: event.payload.error.message, restart: event.payload.restart }, 'consumer crashed');
      // kafkajs gives up on errors it does not deem retriable (a broker refusing connections after its retries):
      // the worker does not, it starts the consumer again with backoff until the broker is back.
      if (!event.payload.restart && !this.stopping) void this.restart();
    });
    await this.run();
    this.timer = setInterval(() => void this.serial(() => this.onTimer()), this.options.timerMs);
  }

  private async restart(): Promise<void> {
    for (let delay = RESTART_MIN_MS; !this.stopping; delay = Math.min(delay * 2, RESTART_MAX_MS)) {
      await new Promise((done) => setTimeout(done, delay));
      try {
        await this.run();
        this.log.info({ stage: this.spec.stage }, 'consumer restarted');
        return;
      } catch (error) {
        this.log.warn({ err: (error as Error).message, retryInMs: delay }, 'consumer restart failed');
        await this.consumer.disconnect().catch(() => undefined);
      }
    }
  }

  /**
   * Goes back to the checkpoints: every task is dropped and reopened from its checkpoint on its next batch, the
   * partition sought back to the checkpoint's offset (or to its start when it has none). For when outputs since the
   * last checkpoint may have been lost (the producer failed).
   */
  rewind(): Promise<void> {
    return this.serial(() => {
      this.tasks.clear();
      this.positions.clear();
      this.rewinding = true;
    });
  }

  private async run(): Promise<void> {
    const { consumer } = this;
    await consumer.connect();
    await consumer.subscribe({ topics: this.spec.topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        if (this.stopping || !isRunning() || isStale()) return;
        await this.serial(async () => {
          if (await this.process(batch)) resolveOffset(batch.lastOffset());
        });
        await heartbeat();
      },
    });
  }

  /** Drains: no more batches, a last checkpoint and commit, then leaves the group. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    clearInterval(this.timer);
    await this.serial(() => this.checkpoint());
    await this.consumer.disconnect();
  }

  /** Checkpoint now (the worker's --until-idle exit and tests). */
  checkpointNow(): Promise<void> {
    return this.serial(() => this.checkpoint());
  }

  /** Smallest stream time of the tasks, −1 before any. */
  get streamTime(): number {
    let min = Number.POSITIVE_INFINITY;
    for (const task of this.tasks.values()) if (task.streamTime >= 0) min = Math.min(min, task.streamTime);
    return Number.isFinite(min) ? min : -1;
  }

  /** Runs one step at a time: batches, timer ticks, checkpoints and rebalances never interleave. */
  private serial<R>(step: () => Promise<R> | R): Promise<R> {
    const next = this.queue.then(step);
    this.queue = next.catch((error: unknown) => {
      this.log.error({ err: error, stage: this.spec.stage }, 'stage step failed');
    });
    return next;
  }

  private rebalanced(assignment: Record<string, number[]>): void {
    const now = Date.now();
    this.tasks.clear();
    this.positions.clear();
    this.assigned.clear();
    // kafkajs resumes from the committed offsets, which are the checkpoints' offsets.
    this.rewinding = false;
    for (const [topic, partitions] of Object.entries(assignment)) {
      for (const partition of partitions)
        this.assigned.set(sourceId(topic, partition), { topic, partition, assignedAt: now });
    }
    this.joined = true;
    this.spec.onRebalance?.();
    this.log.info({ stage: this.spec.stage, assigned: [...this.assigned.keys()] }, 'partitions assigned');
  }

  /** Returns false when the batch was not processed (the partition was sought back to its checkpoint). */
  private async process(batch: Batch): Promise<boolean> {
    const started = performance.now();
    const key = sourceId(batch.topic, batch.partition);
    let task = this.tasks.get(key);
    let position = this.positions.get(key);
    if (task === undefined || position === undefined) {
      [task, position] = await this.open(batch.topic, batch.partition);
    }
    const first = Number(batch.firstOffset());
    const behind = (position.next >= 0 && first > position.next) || (position.next < 0 && this.rewinding && first > 0);
    // Once only: an offset no longer in the log (retention) brings the earliest one, which is then taken.
    if (behind && !position.sought) {
      position.sought = true;
      const offset = Math.max(0, position.next);
      this.log.warn({ stage: this.spec.stage, partition: key, offset }, 'seeking back to the checkpoint');
      this.consumer.seek({ topic: batch.topic, partition: batch.partition, offset: String(offset) });
      position.next = offset;
      return false;
    }
    const from = position.next;
    // Offsets (strings) are parsed per message only in a batch that starts before the position (a checkpoint ahead).
    const skips = first < from;
    for (const message of batch.messages) if (!skips || Number(message.offset) >= from) task.ingest(message);
    const last = Number(batch.lastOffset());
    const now = Date.now();
    position.next = last + 1;
    position.lag = Math.max(0, Number(batch.highWatermark) - 1 - last);
    position.lastInputWall = now;
    this.lastInputWall = now;
    task.afterBatch();
    this.spec.afterBatch?.(now, false);
    await this.out.endBatch();
    const metrics = this.out.metrics;
    metrics.lag.set({ stage: this.spec.stage, topic: batch.topic, partition: String(batch.partition) }, position.lag);
    metrics.batchSeconds.observe({ stage: this.spec.stage }, (performance.now() - started) / 1000);
    if (now - this.lastCheckpoint >= this.options.checkpointIntervalMs) await this.checkpoint();
    return true;
  }

  private async open(topic: string, partition: number): Promise<[T, Position]> {
    await this.store.catchUp();
    const task = this.spec.createTask(topic, partition);
    const position: Position = { next: -1, checkpointed: -1, lag: 0, lastInputWall: 0, sought: false };
    const saved = this.store.get(task.id);
    if (saved !== undefined) {
      const checkpoint = JSON.parse(saved.toString('utf8')) as Checkpoint;
      task.restore(checkpoint.state);
      position.next = checkpoint.offset;
      position.checkpointed = checkpoint.offset;
      this.log.info({ task: task.id, offset: checkpoint.offset }, 'task restored from its checkpoint');
    }
    const key = sourceId(topic, partition);
    this.tasks.set(key, task);
    this.positions.set(key, position);
    return [task, position];
  }

  private async onTimer(): Promise<void> {
    if (this.stopping) return;
    const now = Date.now();
    this.spec.afterBatch?.(now, true);
    await this.out.endBatch();
    if (this.out.metrics)
      this.out.metrics.streamTime.set({ stage: this.spec.stage }, Math.max(0, this.streamTime) / 1000);
    const every = this.paused ? PAUSED_RETRY_MS : this.options.checkpointIntervalMs;
    if (now - this.lastCheckpoint < every) return;
    // A flush while the server is still down would spend the client's retries of the pending writes.
    if (this.paused && !(await this.spec.outputsHealthy())) {
      this.lastCheckpoint = now;
      return;
    }
    await this.checkpoint();
  }

  /**
   * An output cannot be written (InfluxDB down): stop consuming, so that memory stays bounded and nothing is
   * committed, and try again on the timer until it can.
   */
  private hold(error: Error): void {
    if (!this.paused) {
      this.log.warn({ err: error.message, stage: this.spec.stage }, 'outputs cannot be written: consumption paused');
      this.consumer.pause(topicsOf(this.spec.topics));
    }
    this.paused = true;
  }

  private release(): void {
    if (!this.paused) return;
    this.paused = false;
    this.consumer.resume(topicsOf(this.spec.topics));
    this.log.info({ stage: this.spec.stage }, 'outputs written again: consumption resumed');
  }

  private async checkpoint(): Promise<void> {
    this.lastCheckpoint = Date.now();
    const due: [string, T, Position][] = [];
    for (const [key, task] of this.tasks) {
      const position = this.positions.get(key)!;
      if (position.next >= 0 && position.next !== position.checkpointed) due.push([key, task, position]);
    }
    // Everything the tasks wrote so far, acknowledged, before the state that follows from it.
    const points = WRITES_POINTS[this.spec.stage];
    try {
      await this.out.flush(points);
    } catch (error) {
      this.hold(error as Error);
      return;
    }
    this.release();
    if (due.length === 0) return;
    for (const [, task, position] of due) {
      const checkpoint: Checkpoint = {
        schema: CHECKPOINT_SCHEMA_ID,
        task: task.id,
        offset: position.next,
        at: this.lastCheckpoint,
        state: task.snapshot(),
      };
      this.out.send(this.store.topic, task.id, JSON.stringify(checkpoint));
    }
    await this.out.flush(points);
    const offsets = due.map(([key, , position]) => {
      const { topic, partition } = this.assigned.get(key) ?? parseSource(key);
      return { topic, partition, offset: String(position.next) };
    });
    try {
      await this.consumer.commitOffsets(offsets);
      for (const [, , position] of due) position.checkpointed = position.next;
      this.out.metrics.checkpoints.inc({ stage: this.spec.stage });
    } catch (error) {
      // A rebalance under way: the checkpoints stand, the next owner resumes from them.
      this.log.warn({ err: (error as Error).message, stage: this.spec.stage }, 'offset commit failed');
    }
  }
}

function topicsOf(topics: string[]): { topic: string }[] {
  return topics.map((topic) => ({ topic }));
}

function parseSource(key: string): { topic: string; partition: number } {
  const at = key.lastIndexOf(':');
  return { topic: key.slice(0, at), partition: Number(key.slice(at + 1)) };
}
