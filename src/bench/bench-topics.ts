import type { Kafka } from 'kafkajs';
import { connectAdmin } from '../adapters/kafka/admin-check.js';
import { BatchProducer } from '../adapters/kafka/batch-producer.js';
import { type Config, topicNames } from '../config/schema.js';
import type { Logger } from '../log.js';
import type { Report } from '../schema/report.js';

/**
 * Fresh topics for one bench run beside whatever else uses the broker: a topic prefix and consumer group of its own
 * (`<prefix>bench.<run>.<label>.`), no health server, no retention warnings for the generated times, log level warn.
 */
export function benchRunConfig(config: Config, run: string, label: string): Config {
  const prefix = `${config.topics.prefix}bench.${run}.${label}.`;
  return {
    ...config,
    topics: { prefix },
    kafka: { ...config.kafka, group: `${prefix}group` },
    http: { ...config.http, port: 0 },
    influx: { ...config.influx, retentionDays: 0 },
    log: { level: 'warn' },
  };
}

/** A name for one run of the bench, distinct from earlier runs. */
export function benchRunId(): string {
  return Date.now().toString(36);
}

/** Creates the topics of each configuration (as the worker would) and produces the reports to each one's report topics. */
export async function produceReports(
  kafka: Kafka,
  log: Logger,
  configs: Config[],
  reports: Iterable<Report>,
): Promise<void> {
  for (const cfg of configs) await (await connectAdmin(kafka, cfg)).disconnect();
  const targets = configs.map((cfg) => topicNames(cfg.topics.prefix));
  const producer = new BatchProducer(kafka, log, { batchSize: 5_000, maxBuffered: 50_000 });
  await producer.connect();
  try {
    for (const r of reports) {
      const value = JSON.stringify(r);
      for (const topics of targets) {
        const full = producer.send(r.src === 'adsb' ? topics.reportsAdsb : topics.reportsAis, r.id, value);
        if (full) await full;
      }
    }
  } finally {
    await producer.disconnect();
  }
}

/** Deletes every topic of the runs' prefixes (state and changelog topics included), so benches do not pile up. */
export async function deleteRunTopics(kafka: Kafka, configs: Config[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const prefixes = configs.map((cfg) => cfg.topics.prefix);
    const topics = (await admin.listTopics()).filter((t) => prefixes.some((p) => t.startsWith(p)));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 60_000 });
  } finally {
    await admin.disconnect();
  }
}
