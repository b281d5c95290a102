import type { Admin, ITopicConfig } from 'kafkajs';
import { type Config, topicNames } from '../../config/schema.js';

/**
 * Creates the topics jamwatch uses when they are missing, with the configured partition counts: the report and
 * observation topics are the unit of scale-out; the raw topics keep one partition by default (their producers send no
 * key, and a multi-part NMEA message or a readsb snapshot series must stay in order on one partition); `cells` has one
 * partition (the event stage sees the whole world);
 * `state` is compacted (the latest checkpoint per key is all that matters). Existing topics are left as they are.
 */
export const STATE_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export function topicSpecs(config: Config): ITopicConfig[] {
  const names = topicNames(config.topics.prefix);
  // Checkpoints hold a partition's windows: larger than an ordinary message.
  const compacted = [
    { name: 'cleanup.policy', value: 'compact' },
    { name: 'max.message.bytes', value: String(STATE_MAX_MESSAGE_BYTES) },
  ];
  return [
    { topic: names.reportsAdsb, numPartitions: config.kafka.reportPartitions },
    { topic: names.reportsAis, numPartitions: config.kafka.reportPartitions },
    { topic: names.rawReadsb, numPartitions: config.kafka.rawPartitions },
    { topic: names.rawNmea, numPartitions: config.kafka.rawPartitions },
    { topic: names.observations, numPartitions: config.kafka.observationPartitions },
    { topic: names.cells, numPartitions: 1 },
    { topic: names.alerts, numPartitions: 1 },
    { topic: names.deadletter, numPartitions: 1 },
    { topic: names.state, numPartitions: 1, configEntries: compacted },
  ];
}

export async function ensureTopics(admin: Admin, specs: ITopicConfig[]): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !existing.has(spec.topic));
  if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: true });
  return missing.map((spec) => spec.topic);
}
