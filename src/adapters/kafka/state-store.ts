import type { Admin, Consumer, Kafka } from 'kafkajs';
import type { Logger } from '../../log.js';
import { STATE_MAX_MESSAGE_BYTES } from './topics.js';

/**
 * The latest value of every key of the compacted state topic, kept in memory by a consumer that tails the topic from
 * its beginning (its own throwaway group, no commits: it always reads everything). `catchUp()` resolves once every
 * checkpoint written before the call has been read, so that a task restored after a rebalance sees the checkpoint its
 * previous owner wrote just before giving it up.
 */
const CATCH_UP_POLL_MS = 20;
const CATCH_UP_TIMEOUT_MS = 60_000;
const RESTART_DELAY_MS = 2_000;

export class StateStore {
  private readonly consumer: Consumer;
  private readonly latest = new Map<string, Buffer>();
  /** Next offset to read, per partition of the state topic. */
  private readonly read = new Map<number, number>();
  private stopped = false;

  constructor(
    kafka: Kafka,
    private readonly admin: Admin,
    readonly topic: string,
    groupId: string,
    private readonly log: Logger,
  ) {
    this.consumer = kafka.consumer({ groupId, maxBytesPerPartition: STATE_MAX_MESSAGE_BYTES, maxWaitTimeInMs: 100 });
  }

  async start(): Promise<void> {
    this.consumer.on(this.consumer.events.CRASH, (event) => {
      if (event.payload.restart || this.stopped) return;
      // Not given up on: read again from the start (the map is rebuilt) once the broker is back.
      this.log.warn({ err: event.payload.error.message }, 'state topic reader crashed; restarting');
      void this.restart();
    });
    await this.run();
  }

  private async restart(): Promise<void> {
    while (!this.stopped) {
      await new Promise((done) => setTimeout(done, RESTART_DELAY_MS));
      try {
        await this.run();
        return;
      } catch {
        await this.consumer.disconnect().catch(() => undefined);
      }
    }
  }

  private async run(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const key = message.key?.toString();
        if (key !== undefined) {
          if (message.value === null) this.latest.delete(key);
          else this.latest.set(key, message.value);
        }
        this.read.set(partition, Number(message.offset) + 1);
      },
    });
  }

  get(key: string): Buffer | undefined {
    return this.latest.get(key);
  }

  /** Waits until every message written to the state topic so far has been read. */
  async catchUp(): Promise<void> {
    const ends = await this.admin.fetchTopicOffsets(this.topic);
    const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
    for (;;) {
      const behind = ends.some((end) => (this.read.get(end.partition) ?? Number(end.low)) < Number(end.high));
      if (!behind) return;
      if (Date.now() > deadline) {
        this.log.warn({ topic: this.topic }, 'state topic not read to its end in time: restoring from what was read');
        return;
      }
      await new Promise((done) => setTimeout(done, CATCH_UP_POLL_MS));
    }
  }

  stop(): Promise<void> {
    this.stopped = true;
    return this.consumer.disconnect();
  }
}
