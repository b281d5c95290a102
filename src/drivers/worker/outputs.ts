import type { InfluxSink } from '../../adapters/influx/sink.js';
import type { BatchProducer } from '../../adapters/kafka/batch-producer.js';
import type { RawInput } from '../../decode/stream-decoder.js';
import type { DecodeFailure } from '../../errors.js';
import type { BadInputHandler } from '../bad-input.js';
import type { WorkerMetrics } from './metrics.js';

/**
 * Everything the worker's stage tasks write: Kafka messages (one batching producer for all stages), InfluxDB points,
 * dead letters, and the counts behind the metrics and the jamwatch_feed points. `flush()` resolves once everything
 * handed in so far is acknowledged by Kafka and written to InfluxDB: offsets are committed only after it.
 */
export interface FeedCounts {
  reports: number;
  invalid: number;
}

export class WorkerOutputs {
  private pressure: Promise<void> | undefined;
  private points: string[] = [];
  private lastTopic = '';
  private unreported = 0;
  private oldestPoint = Number.POSITIVE_INFINITY;
  /** Reports and dead letters per input topic since the last jamwatch_feed point. */
  readonly feed = new Map<string, FeedCounts>();
  /** Reports and dead letters since the start. */
  readonly totals: FeedCounts = { reports: 0, invalid: 0 };

  constructor(
    private readonly producer: BatchProducer,
    private readonly influx: InfluxSink,
    private readonly bad: BadInputHandler,
    readonly metrics: WorkerMetrics,
    private readonly now: () => number = Date.now,
  ) {}

  send(topic: string, key: string, value: string, partition?: number): void {
    // After a failed produce nothing is sent until the worker has rewound to its checkpoints (worker.ts).
    if (this.producer.failed) return;
    const full = this.producer.send(topic, key, value, partition);
    if (full) this.pressure = full;
  }

  point(line: string, t: number): void {
    this.points.push(line);
    if (t < this.oldestPoint) this.oldestPoint = t;
  }

  /** Counted per message; the Prometheus counter (a label lookup per call) is moved once per batch. */
  report(topic: string): void {
    if (topic !== this.lastTopic) {
      this.flushReportCount();
      this.lastTopic = topic;
    }
    this.unreported++;
  }

  invalid(topic: string, failure: DecodeFailure, raw: RawInput, source: string): void {
    this.metrics.invalid.inc({ topic, reason: failure.code });
    this.feedCounts(topic).invalid++;
    this.totals.invalid++;
    this.bad.handle(failure, raw, source);
  }

  /** Hands the points of a batch to InfluxDB and waits while the producer's buffer is full (back-pressure). */
  async endBatch(): Promise<void> {
    this.flushReportCount();
    if (this.points.length > 0) {
      this.influx.write(this.points, this.oldestPoint, this.now());
      this.points = [];
      this.oldestPoint = Number.POSITIVE_INFINITY;
    }
    const pressure = this.pressure;
    this.pressure = undefined;
    if (pressure) await pressure;
  }

  /**
   * Everything written so far acknowledged: the Kafka messages, and with `points` the InfluxDB writes too (those
   * waiting for a retry included).
   */
  async flush(points = true): Promise<void> {
    await this.endBatch();
    await Promise.all([this.producer.flush(), points ? this.influx.flush(true) : undefined]);
  }

  private flushReportCount(): void {
    if (this.unreported === 0) return;
    this.metrics.reports.inc({ topic: this.lastTopic }, this.unreported);
    this.feedCounts(this.lastTopic).reports += this.unreported;
    this.totals.reports += this.unreported;
    this.unreported = 0;
  }

  private feedCounts(topic: string): FeedCounts {
    let counts = this.feed.get(topic);
    if (counts === undefined) {
      counts = { reports: 0, invalid: 0 };
      this.feed.set(topic, counts);
    }
    return counts;
  }
}
