import type { Admin, Kafka } from 'kafkajs';
import type { Config } from '../../config/schema.js';
import { JamwatchError } from '../../errors.js';
import { ensureTopics, topicSpecs } from './topics.js';

/**
 * Fail fast at start: an admin connection within a bounded time (kafkajs alone retries for minutes), authentication
 * included, then the topics created if missing. Returns the connected admin, or throws KAFKA_UNREACHABLE with what
 * to check.
 */
export async function connectAdmin(kafka: Kafka, config: Config): Promise<Admin> {
  const admin = kafka.admin();
  const timeoutMs = 3 * config.kafka.connectionTimeoutMs;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      (async () => {
        await admin.connect();
        await ensureTopics(admin, topicSpecs(config));
      })(),
      new Promise<never>((_, fail) => {
        timer = setTimeout(() => fail(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return admin;
  } catch (cause) {
    await admin.disconnect().catch(() => undefined);
    throw new JamwatchError(
      'KAFKA_UNREACHABLE',
      `cannot reach Kafka at ${config.kafka.brokers.join(',')}: ${(cause as Error).message} (check JAMWATCH_KAFKA_BROKERS and the TLS/SASL settings, or start the local broker with npm run services:up)`,
      { cause, retriable: true },
    );
  } finally {
    clearTimeout(timer);
  }
}

/** Partition count of each topic, from the broker's metadata. */
export async function partitionCounts(admin: Admin, topics: string[]): Promise<Map<string, number>> {
  const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
  return new Map(metadata.map((t) => [t.name, t.partitions.length]));
}
