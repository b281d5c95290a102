import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import { connectAdmin } from '../adapters/kafka/admin-check.js';
import { createKafka } from '../adapters/kafka/client.js';
import { type Config, topicNames } from '../config/schema.js';
import { runFeed } from '../drivers/feed.js';
import { isWatermarkKey, watermarkSource } from '../drivers/worker/watermark.js';
import type { Logger } from '../log.js';
import type { Scenario } from '../schema/scenario.js';
import { benchRunConfig, benchRunId, deleteRunTopics } from './bench-topics.js';
import { type FeedWindow, writeFeedWindow } from './feed-window.js';
import { type LatencyFigures, LatencyProbe } from './latency-probe.js';
import { WorkerProcess } from './worker-process.js';

/**
 * End-to-end latency, report to alert, at real time: a window of a simulated scenario (feed-window.ts: by default
 * 90 s before its first emitter switches on to 150 s after) is fed by `jamwatch feed`'s driver at speed 1 into fresh
 * topics, while a `jamwatch worker` in a process of its own runs on them, as deployed, and a consumer in the bench
 * reads the reports, the stages' watermarks and the alerts. latency-probe.ts turns their Kafka timestamps into the
 * figures. The run ends when the worker, idle after the feed, has drained and exited.
 */
export interface LatencyBenchOptions {
  scenario: Scenario;
  leadSeconds?: number;
  followSeconds?: number;
  configFile?: string;
}

export interface LatencyBenchResult extends LatencyFigures {
  window: FeedWindow;
  prefix: string;
}

/** Longer than the gap between the worker's readiness and the feed's first report, which would end the worker. */
const UNTIL_IDLE_S = 10;
const READY_TIMEOUT_MS = 60_000;
/** After the feed: the idle wait, then the drain (worker.maxDrainMs is 120 s by default), then some slack. */
const EXIT_TIMEOUT_MS = UNTIL_IDLE_S * 1000 + 180_000;
const CATCH_UP_TIMEOUT_MS = 30_000;
const POLL_MS = 200;

export async function benchLatency(
  config: Config,
  log: Logger,
  options: LatencyBenchOptions,
): Promise<LatencyBenchResult> {
  const cfg = benchRunConfig(config, benchRunId(), 'latency');
  const dir = mkdtempSync(join(tmpdir(), 'jamwatch-latency-'));
  try {
    const window = writeFeedWindow(dir, options.scenario, {
      leadMs: (options.leadSeconds ?? 90) * 1000,
      followMs: (options.followSeconds ?? 150) * 1000,
    });
    const kafka = createKafka(cfg.kafka, log);
    const admin = await connectAdmin(kafka, cfg);
    const probe = new LatencyProbe();
    try {
      const reader = await TopicReader.start(kafka, cfg, probe);
      try {
        await runPipeline(cfg, log, window, options.configFile);
        await reader.caughtUp(admin);
      } finally {
        await reader.stop();
      }
    } finally {
      await admin.disconnect();
      await deleteRunTopics(kafka, [cfg]);
    }
    const pipeline = cfg.detection.pipeline;
    return { ...probe.figures(pipeline.lateAllowanceMs, pipeline.region.tickMs), window, prefix: cfg.topics.prefix };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The worker, once every stage has joined, then the feed at real time; returns when the worker has exited. */
async function runPipeline(cfg: Config, log: Logger, window: FeedWindow, configFile: string | undefined) {
  const worker = await WorkerProcess.start({
    prefix: cfg.topics.prefix,
    group: cfg.kafka.group,
    untilIdleSeconds: UNTIL_IDLE_S,
    configFile,
  });
  try {
    await worker.waitReady(READY_TIMEOUT_MS);
    await runFeed(
      [window.files.adsb, window.files.ais],
      {
        input: { format: undefined, startTime: undefined, rate: 1, tzOffsetMinutes: undefined, receiver: undefined },
        speed: 1,
        pollIntervalMs: 1000,
        progress: false,
        signal: new AbortController().signal,
      },
      cfg,
      log,
    );
    // unref'd: the timer must not keep the bench alive once the worker has exited
    const code = await Promise.race([worker.exited, sleep(EXIT_TIMEOUT_MS, 'timeout' as const, { ref: false })]);
    if (code === 'timeout') log.warn('the worker did not finish its drain in time: stopping it');
    else if (code !== 0) throw new Error(`the worker exited with code ${code}`);
  } finally {
    worker.stop();
    await worker.exited;
  }
}

/** Reads the worker's topics from the start and hands the probe what it needs; knows how far it has read. */
class TopicReader {
  private readonly next = new Map<string, number>();

  private constructor(
    private readonly consumer: Consumer,
    private readonly topics: string[],
  ) {}

  static async start(kafka: Kafka, cfg: Config, probe: LatencyProbe): Promise<TopicReader> {
    const t = topicNames(cfg.topics.prefix);
    const topics = [t.reportsAdsb, t.reportsAis, t.observations, t.cells, t.alerts];
    const consumer = kafka.consumer({ groupId: `${cfg.kafka.group}.latency`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    const reader = new TopicReader(consumer, topics);
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const topic = batch.topic;
        for (const m of batch.messages) {
          const sent = Number(m.timestamp);
          if (m.value === null) continue;
          if (topic === t.alerts) {
            probe.alert(Date.parse((JSON.parse(m.value.toString()) as { updatedAt: string }).updatedAt), sent);
          } else if (topic === t.observations || topic === t.cells) {
            if (!isWatermarkKey(m.key)) continue;
            const at = Number(m.value.toString());
            if (topic === t.observations) probe.entityWatermark(watermarkSource(m.key), at, sent);
            else probe.regionWatermark(watermarkSource(m.key), at, sent);
          } else {
            probe.report((JSON.parse(m.value.toString()) as { t: number }).t, sent);
          }
        }
        reader.next.set(`${topic}:${batch.partition}`, Number(batch.lastOffset()) + 1);
      },
    });
    return reader;
  }

  /** Waits until every partition has been read to its end. */
  async caughtUp(admin: Admin): Promise<void> {
    const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (await this.readToEnd(admin)) return;
      await sleep(POLL_MS);
    }
    throw new Error('the bench did not read the alerts and watermarks to their end in time');
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }

  private async readToEnd(admin: Admin): Promise<boolean> {
    for (const topic of this.topics) {
      for (const end of await admin.fetchTopicOffsets(topic)) {
        const high = Number(end.high);
        if (high > Number(end.low) && (this.next.get(`${topic}:${end.partition}`) ?? 0) < high) return false;
      }
    }
    return true;
  }
}
