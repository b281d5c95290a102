import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { TestProject } from 'vitest/node';

/**
 * Starts (or reuses) the real Kafka and InfluxDB through the project's own script before any integration test, and
 * hands their addresses to the tests. A cold machine builds InfluxDB here, which takes minutes; the services stay
 * up afterwards (stop them with `npm run services:down`); the topics the tests made (`test.` prefix) are deleted at
 * the end, so that a broker left running does not grow by thousands of partitions a run.
 */
export default function setup(project: TestProject): () => Promise<void> {
  const script = resolve(import.meta.dirname, '../../scripts/services.sh');
  const out = execFileSync('bash', [script, 'up'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const env: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const match = /^(JAMWATCH_[A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) env[match[1]!] = match[2]!;
  }
  for (const key of ['JAMWATCH_KAFKA_BROKERS', 'JAMWATCH_INFLUX_URL', 'JAMWATCH_INFLUX_TOKEN']) {
    if (!env[key]) throw new Error(`scripts/services.sh up printed no ${key}; output was:\n${out}`);
  }
  project.provide('services', env);
  return () => deleteTestTopics(env.JAMWATCH_KAFKA_BROKERS!.split(','));
}

async function deleteTestTopics(brokers: string[]): Promise<void> {
  const admin = new Kafka({ clientId: 'test-teardown', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith('test.'));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 60_000 });
  } finally {
    await admin.disconnect();
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    services: Record<string, string>;
  }
}
