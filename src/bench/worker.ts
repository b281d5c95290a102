import { Kafka, logLevel } from 'kafkajs';
import { createKafka } from '../adapters/kafka/client.js';
import { type Config, topicNames } from '../config/schema.js';
import { decodeReportJson } from '../decode/report-json.js';
import { runWorker } from '../drivers/worker/worker.js';
import type { Logger } from '../log.js';
import { benchRunConfig, benchRunId, deleteRunTopics, produceReports } from './bench-topics.js';
import { entityReports } from './core-entity.js';

/**
 * The worker end to end against the real local broker and InfluxDB, beside bare kafkajs consumption of the same
 * topics in the same run, so that the ratio means something (STYLE.md). N generated reports (core-entity.ts's traffic:
 * 90 % aircraft at 1 report/s, 10 % vessels, some jammed and spoofed) are produced to fresh report topics first
 * (not timed). Then (a) a bare consumer reads them all, counting; (a′) the same consumer also decodes and checks
 * each report (`decodeReportJson`, what any worker of JSON reports must do first): the ceiling of a JSON worker on
 * kafkajs, so that the worker's ratio can be read against it; (b) the worker runs on them: entity stage,
 * the observations repartition, region stage with gnss_cell points to InfluxDB, cells, event stage. The worker's
 * time runs from its first batch to the region stage's last batch of observations. CPU is the process's user +
 * system time over each part; memory the peak resident set size from the worker's start (reports are generated as
 * they are produced, never all held).
 */
export interface WorkerBenchOptions {
  reports?: number;
  craft?: number;
}

export interface ThroughputFigure {
  seconds: number;
  perSecond: number;
  cpuSeconds: number;
}

export interface WorkerBenchResult {
  reports: number;
  bare: ThroughputFigure;
  /** Bare consumption plus JSON decoding and the report check of every message. */
  parsed: ThroughputFigure;
  worker: ThroughputFigure;
  /** Worker throughput / bare consumption throughput. */
  ratio: number;
  /** Decoded consumption / bare consumption: the most a kafkajs worker of JSON reports can reach. */
  parsedRatio: number;
  peakRssMb: number;
  prefix: string;
}

const SAMPLE_MS = 100;
const QUIET_MS = 1_000;

export async function benchWorker(
  config: Config,
  log: Logger,
  options: WorkerBenchOptions = {},
): Promise<WorkerBenchResult> {
  const total = options.reports ?? 1_000_000;
  const cfg = benchRunConfig(config, benchRunId(), 'worker');
  const prefix = cfg.topics.prefix;
  const topics = topicNames(prefix);
  const kafka = createKafka(cfg.kafka, log);
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, SAMPLE_MS);
  try {
    await produceReports(
      kafka,
      log,
      [cfg],
      entityReports(options.craft ?? Math.max(100, Math.floor(total / 100)), total),
    );
    const reportTopics = [topics.reportsAdsb, topics.reportsAis];
    const bare = await bareConsumption(cfg, reportTopics, total, 'bare', false);
    const parsed = await bareConsumption(cfg, reportTopics, total, 'parsed', true);
    peakRss = 0;
    const worker = await workerPipeline(cfg, log, total);
    return {
      reports: total,
      bare,
      parsed,
      worker,
      ratio: worker.perSecond / bare.perSecond,
      parsedRatio: parsed.perSecond / bare.perSecond,
      peakRssMb: Math.round(Math.max(peakRss, process.memoryUsage().rss) / 1e6),
      prefix,
    };
  } finally {
    clearInterval(sampler);
    await deleteRunTopics(kafka, [cfg]);
  }
}

/**
 * A kafkajs consumer that only counts the messages (the ceiling for any kafkajs-based worker), or that also decodes
 * and checks each report (`decode`; the invalid ones are counted too, there are none).
 */
async function bareConsumption(
  cfg: Config,
  topics: string[],
  total: number,
  group: string,
  decode: boolean,
): Promise<ThroughputFigure> {
  const kafka = new Kafka({ clientId: 'jamwatch-bench', brokers: cfg.kafka.brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `${cfg.kafka.group}.${group}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  let count = 0;
  let invalid = 0;
  let started = 0;
  let cpu = process.cpuUsage();
  const figure = await new Promise<ThroughputFigure>((done) => {
    void consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        if (started === 0) {
          started = performance.now();
          cpu = process.cpuUsage();
        }
        if (decode) {
          for (const message of batch.messages) {
            const outcome = message.value === null ? undefined : decodeReportJson(message.value.toString());
            if (outcome !== undefined && !(outcome.ok && outcome.kind === 'report')) invalid++;
          }
        }
        count += batch.messages.length;
        if (count >= total) done(figureOf(count, started, cpu));
      },
    });
  });
  await consumer.disconnect();
  if (invalid > 0) throw new Error(`${invalid} of the bench's own reports failed the report check`);
  return figure;
}

async function workerPipeline(cfg: Config, log: Logger, total: number): Promise<ThroughputFigure> {
  let started = 0;
  let cpu = process.cpuUsage();
  let figure: ThroughputFigure | undefined;
  await runWorker(
    cfg,
    {
      untilIdleMs: 2_000,
      onProgress: ({ reports, lastInput }) => {
        if (started === 0 && lastInput.entity > 0) {
          started = performance.now() - (Date.now() - lastInput.entity);
          cpu = process.cpuUsage();
        }
        if (figure === undefined && reports >= total && Date.now() - lastInput.region >= QUIET_MS) {
          const end = performance.now() - (Date.now() - lastInput.region);
          const used = process.cpuUsage(cpu);
          figure = {
            seconds: (end - started) / 1000,
            perSecond: total / ((end - started) / 1000),
            cpuSeconds: (used.user + used.system) / 1e6,
          };
        }
      },
    },
    log,
  );
  if (figure === undefined) throw new Error('the worker stopped before consuming every report');
  return figure;
}

function figureOf(count: number, started: number, cpu: NodeJS.CpuUsage): ThroughputFigure {
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { seconds, perSecond: count / seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}
