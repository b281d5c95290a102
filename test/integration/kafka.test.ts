import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { services, uniquePrefix } from './services.js';
import { readTopic } from './worker-topics.js';

describe('real Kafka broker', () => {
  const { brokers } = services();
  const kafka = new Kafka({ clientId: 'jamwatch-test', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const topic = `${uniquePrefix('kafka')}roundtrip`;

  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('produces and consumes keyed messages on a new topic', async () => {
    await admin.connect();
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true })).toBe(true);

    const producer = kafka.producer();
    await producer.connect();
    const sent = Array.from({ length: 30 }, (_, i) => ({
      key: `icao:${(0x4ca000 + (i % 5)).toString(16)}`,
      value: `m${i}`,
    }));
    await producer.send({ topic, messages: sent });
    await producer.disconnect();

    const received = await readTopic(brokers, topic);

    expect(received.map((m) => m.value).sort()).toEqual(sent.map((m) => m.value).sort());
    // One key always lands on one partition: the property the entity stage relies on.
    const partitionsByKey = new Map<string, Set<number>>();
    for (const m of received) partitionsByKey.set(m.key, (partitionsByKey.get(m.key) ?? new Set()).add(m.partition));
    for (const partitions of partitionsByKey.values()) expect(partitions.size).toBe(1);
  });
});
