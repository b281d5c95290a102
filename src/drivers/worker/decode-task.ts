import type { KafkaMessage } from 'kafkajs';
import { createStreamDecoder } from '../../decode/input.js';
import type { Outcome } from '../../decode/outcome.js';
import type { RawInput, StreamDecoder } from '../../decode/stream-decoder.js';
import { failure } from '../../errors.js';
import { InputStats } from '../input-stats.js';
import { OutcomeRouter } from '../read-files.js';
import type { FeedCounts, WorkerOutputs } from './outputs.js';
import type { StageTask } from './task.js';

/**
 * Before stage 1, for one partition of a raw topic (DESIGN.md: "topics that other tools fill with raw NMEA or readsb
 * lines, with no craft key, are decoded and re-keyed"). Each message goes through the stream decoder of its format
 * and the OutcomeRouter, as a live source of `jamwatch feed` does:
 *   readsb  one JSON document per message (an aircraft.json snapshot, a --net-json-port line, an API v2 response);
 *           event time from its `now`, else the message's Kafka timestamp
 *   NMEA    one or more whole lines per message (the last needs no newline); multi-part sentences are assembled
 *           across messages of the partition; event time from the tag block's c: (or $PGHP), else the Kafka timestamp
 * Reports (deduplicated) go to the report topic keyed by craft id, bad input to the dead-letter topic with its reason.
 * Nothing is produced but reports, so offsets are committed once those are acknowledged (stage-runner.ts).
 *
 * The decoders' state (readsb position-event times, AIS multi-part groups waiting for their next part, per-craft
 * integrity and static data, the dedup window) is not checkpointed: after a restart or a rebalance the task starts
 * empty at the committed offset. A multi-part message split across that offset is then lost (its later parts are
 * dead-lettered as AIS_MULTIPART), the first readsb snapshot reports each aircraft's current position again (a
 * repeat, as any at-least-once feed sends after a restart), and reports lack identity and static fields until the
 * craft sends them again.
 */
export type RawFormat = 'readsb' | 'nmea';

export interface DecodeTaskOptions {
  topic: string;
  partition: number;
  format: RawFormat;
  /** Where its reports go: reports.adsb for readsb, reports.ais for NMEA. */
  reportsTopic: string;
  maxMessageBytes: number;
  /** Counts of its raw topic since the last jamwatch_feed point, shared by the topic's tasks. */
  feed: FeedCounts;
}

interface DecodeTaskState {
  newest: number;
}

export class DecodeTask implements StageTask {
  private readonly decoder: StreamDecoder;
  private readonly stats = new InputStats();
  private readonly router: OutcomeRouter;
  private readonly source: string;
  /** `<topic>/<partition>@<offset>` of the message being decoded, for its dead letters. */
  private where = '';
  private newest = -1;
  // Bound once: the decoder calls it per outcome.
  private readonly emit = (outcome: Outcome, raw: RawInput): void => {
    const report = this.router.route(outcome, raw, this.where);
    if (report === undefined) return;
    this.out.send(this.o.reportsTopic, report.id, JSON.stringify(report));
    if (report.t > this.newest) this.newest = report.t;
  };

  constructor(
    readonly id: string,
    private readonly o: DecodeTaskOptions,
    private readonly out: WorkerOutputs,
  ) {
    this.decoder = createStreamDecoder(o.format, {
      // Live: an untimed line or document takes the receive time handed in with it, here the Kafka timestamp.
      live: true,
      documentPerChunk: o.format === 'readsb',
      wholeLinesPerChunk: true,
      startTime: 0,
      rate: 1,
      tzOffsetMinutes: undefined,
      receiver: undefined,
    });
    this.router = new OutcomeRouter(this.stats, {
      handle: (reason, raw, where) => out.invalid(o.topic, reason, raw, where),
    });
    this.source = `${o.topic}/${o.partition}`;
  }

  /** Newest report time decoded, −1 before any. */
  get streamTime(): number {
    return this.newest;
  }

  ingest(message: KafkaMessage): void {
    const value = message.value;
    if (value === null) return;
    this.where = `${this.source}@${message.offset}`;
    if (value.length > this.o.maxMessageBytes) {
      const detail = `${value.length} bytes > kafka.maxMessageBytes ${this.o.maxMessageBytes}`;
      this.router.route(failure('MESSAGE_TOO_LARGE', detail), value.subarray(0, 1024), this.where);
      return;
    }
    this.decoder.push(value, Number(message.timestamp), this.emit);
  }

  /** Moves the batch's counts to the metrics and the feed counts (one label lookup per batch, not per message). */
  afterBatch(): void {
    const { stats, o } = this;
    const metrics = this.out.metrics;
    if (stats.reports > 0) metrics.decoded.inc({ from: o.topic, topic: o.reportsTopic }, stats.reports);
    for (const [reason, n] of stats.ignored) metrics.decodeIgnored.inc({ topic: o.topic, reason }, n);
    o.feed.reports += stats.reports;
    o.feed.invalid += stats.invalidTotal;
    stats.reset();
  }

  snapshot(): DecodeTaskState {
    return { newest: this.newest };
  }

  restore(state: unknown): void {
    this.newest = (state as DecodeTaskState).newest;
  }
}
