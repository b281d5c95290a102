import { randomUUID } from 'node:crypto';
import { InfluxDB } from '@influxdata/influxdb-client';
import { Kafka, logLevel } from 'kafkajs';
import type { Alert } from '../../src/schema/alert.js';
import type { CellRow } from '../../src/schema/cell.js';

/** Helpers of the integration tests: a topic read to its end, alerts folded per id, rows from InfluxDB. */
export interface TopicMessage {
  key: string;
  value: string;
  partition: number;
  offset: number;
}

/** Every message on a topic up to its end at the time of the call, per partition in offset order. */
export async function readTopic(brokers: string[], topic: string): Promise<TopicMessage[]> {
  const kafka = new Kafka({ clientId: 'worker-test', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const remaining = new Map(ends.filter((e) => Number(e.high) > 0).map((e) => [e.partition, Number(e.high)]));
  const seen = new Map<string, TopicMessage>();
  if (remaining.size > 0) {
    const consumer = kafka.consumer({ groupId: `${topic}.read.${randomUUID()}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`${topic} not read to its end in 60 s`)), 60_000);
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          const offset = Number(message.offset);
          seen.set(`${partition}:${offset}`, {
            key: message.key?.toString() ?? '',
            value: message.value?.toString() ?? '',
            partition,
            offset,
          });
          if (offset + 1 >= (remaining.get(partition) ?? 0)) remaining.delete(partition);
          if (remaining.size === 0) {
            clearTimeout(timer);
            done();
          }
        },
      });
    });
    await consumer.disconnect();
  }
  return [...seen.values()].sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

/**
 * The first of each set of identical messages (same key and value), in order: a produce retried after a timeout can
 * append a batch twice (at least once), and a test of what was produced counts each message once.
 */
export function distinctMessages(messages: readonly TopicMessage[]): TopicMessage[] {
  const seen = new Set<string>();
  return messages.filter((m) => {
    const id = `${m.key}\u0000${m.value}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** The latest message per alert id (what a consumer that keeps the latest per key sees), as id → kind/status. */
export function finalAlerts(alerts: Alert[]): Map<string, { kind: string; status: string; startedAt: string }> {
  const out = new Map<string, { kind: string; status: string; startedAt: string }>();
  for (const a of alerts) out.set(a.id, { kind: a.kind, status: a.status, startedAt: a.startedAt });
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** gnss_cell rows of some cells back from InfluxDB, as the fields the worker wrote. */
export async function queryCellRows(
  influx: { url: string; token: string; org: string; bucket: string },
  cells: string[],
  fromMs: number,
  toMs: number,
): Promise<Partial<CellRow>[]> {
  const api = new InfluxDB({ url: influx.url, token: influx.token }).getQueryApi(influx.org);
  const set = cells.map((c) => `r.cell == "${c}"`).join(' or ');
  const flux = `from(bucket: "${influx.bucket}")
  |> range(start: ${new Date(fromMs).toISOString()}, stop: ${new Date(toMs).toISOString()})
  |> filter(fn: (r) => r._measurement == "gnss_cell" and r.src == "all" and (${set}))
  |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value")`;
  const rows = await api.collectRows<Record<string, unknown>>(flux);
  return rows.map((r) => ({
    t: Date.parse(String(r._time)),
    cell: String(r.cell),
    src: 'all',
    craft: Number(r.craft),
    degraded: Number(r.degraded),
    level: Number(r.level),
    score: Number(r.score),
  }));
}

/** Resolves once `topic` (a worker's state topic) holds a message: the worker has written a checkpoint. */
export async function untilCheckpointed(brokers: string[], topic: string, timeoutMs: number): Promise<void> {
  const admin = new Kafka({ clientId: 'worker-test', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // a topic the worker has just created may have no leader yet: the offsets are asked again next time
      const ends = await admin.fetchTopicOffsets(topic).catch(() => []);
      if (ends.some((e) => Number(e.high) > 0)) return;
      if (Date.now() > deadline) throw new Error(`no checkpoint on ${topic} within ${timeoutMs} ms`);
      await new Promise((done) => setTimeout(done, 250));
    }
  } finally {
    await admin.disconnect();
  }
}
