import { Kafka, logLevel } from 'kafkajs';

export interface ConsumedMessage {
  key: string;
  value: string;
  partition: number;
  offset: bigint;
}

/** Reads a topic from the beginning until `expected` distinct messages have arrived (60 s at most). */
export async function consumeAll(brokers: string[], topic: string, expected: number): Promise<ConsumedMessage[]> {
  const kafka = new Kafka({ clientId: 'feed-test', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `${topic}.check` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  // Keyed by partition and offset: a rebalance while the group forms can deliver a message twice.
  const seen = new Map<string, ConsumedMessage>();
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`${seen.size} of ${expected} messages on ${topic}`)), 60_000);
    void consumer.run({
      eachMessage: async ({ message, partition }) => {
        const offset = BigInt(message.offset);
        seen.set(`${partition}:${offset}`, {
          key: message.key!.toString(),
          value: message.value!.toString(),
          partition,
          offset,
        });
        if (seen.size >= expected) {
          clearTimeout(timer);
          done();
        }
      },
    });
  });
  await consumer.disconnect();
  // In produce order per partition (offset order), partitions one after another.
  return [...seen.values()].sort((a, b) => a.partition - b.partition || (a.offset < b.offset ? -1 : 1));
}
