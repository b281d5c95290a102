import type { KafkaMessage } from 'kafkajs';

/**
 * A stage task: the state of one stage for one input partition (Kafka Streams' unit of work). Each task holds its
 * own stage instance, so what it decides depends only on its partition's input: N workers that split the partitions
 * among them decide as one worker does. A task is checkpointed whole (with the offset to resume from) and restored
 * when its partition is assigned, on start and after a rebalance.
 */
export interface StageTask {
  /** Key of its checkpoint on the state topic: `<stage>:<topic>:<partition>`. */
  readonly id: string;
  /** Stream time (ms), −1 before any input. */
  readonly streamTime: number;
  ingest(message: KafkaMessage): void;
  /** After each batch: release what is complete, run ticks, write watermarks. */
  afterBatch(): void;
  snapshot(): unknown;
  restore(state: unknown): void;
}

export const CHECKPOINT_SCHEMA_ID = 'jamwatch.checkpoint/1';

export interface Checkpoint {
  schema: typeof CHECKPOINT_SCHEMA_ID;
  task: string;
  /** Next offset to read: the checkpoint is the state after every message before it. */
  offset: number;
  /** Wall time the checkpoint was taken (ms). */
  at: number;
  state: unknown;
}

export function taskId(stage: string, topic: string, partition: number): string {
  return `${stage}:${topic}:${partition}`;
}
