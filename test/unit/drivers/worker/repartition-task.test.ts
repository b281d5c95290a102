import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { InfluxSink } from '../../../../src/adapters/influx/sink.js';
import type { BatchProducer } from '../../../../src/adapters/kafka/batch-producer.js';
import { BadInputHandler } from '../../../../src/drivers/bad-input.js';
import { EventTask } from '../../../../src/drivers/worker/event-task.js';
import { WorkerMetrics } from '../../../../src/drivers/worker/metrics.js';
import { WorkerOutputs } from '../../../../src/drivers/worker/outputs.js';
import { RegionTask } from '../../../../src/drivers/worker/region-task.js';
import type { RepartitionTaskOptions } from '../../../../src/drivers/worker/repartition-task.js';
import { createLogger } from '../../../../src/log.js';
import type { DeadLetter } from '../../../../src/schema/deadletter.js';
import { obs, T0 } from '../../core/region/observations.js';

/**
 * The boundary of the tasks that read a repartition topic: region tasks check observations by hand
 * (observation-check.ts), the event task checks cells with zod; both dead-letter a bad record as JSON_SHAPE (a value
 * out of bounds too), JSON that does not parse as JSON_SYNTAX and an oversized message as MESSAGE_TOO_LARGE, and hold
 * the good ones for their watermark.
 */

const INPUT: RepartitionTaskOptions = {
  topic: 't.in',
  partition: 0,
  sources: ['a'],
  maxMessageBytes: 600,
  maxHeld: 1000,
};

function harness() {
  const letters: DeadLetter[] = [];
  const producer = { failed: false, send: () => undefined } as unknown as BatchProducer;
  const bad = new BadInputHandler(createLogger('silent'), (letter) => letters.push(letter));
  const out = new WorkerOutputs(producer, {} as InfluxSink, bad, new WorkerMetrics());
  const region = new RegionTask('region:0', { ...INPUT, cellsTopic: 't.cells', lateAllowanceMs: 0, region: {} }, out);
  const event = new EventTask('event:0', { ...INPUT, alertsTopic: 't.alerts', event: { tickMs: 15_000 } }, out);
  let offset = 0;
  const message = (value: string) =>
    ({ key: Buffer.from('k'), value: Buffer.from(value), offset: String(offset++) }) as unknown as KafkaMessage;
  return { region, event, message, letters };
}

const GOOD = obs({ t: T0, id: 'icao:4ca2b1', status: 'degraded' });
const BAD: [string, string, string][] = [
  ['{"schema": not json', 'JSON_SYNTAX', 'not JSON: '],
  ['A'.repeat(700), 'MESSAGE_TOO_LARGE', '700 bytes > kafka.maxMessageBytes 600'],
  [JSON.stringify({ ...GOOD, t: 'noon' }), 'JSON_SHAPE', 't: expected a finite number, got "noon"'],
  [JSON.stringify({ ...GOOD, lat: 123 }), 'JSON_SHAPE', 'lat: 123 is above the maximum 90'],
  [JSON.stringify({ ...GOOD, cell: '' }), 'JSON_SHAPE', 'cell: 0 characters, fewer than the minimum 1'],
  ['[]', 'JSON_SHAPE', '(observation): expected a JSON object, got an array'],
];

describe('RepartitionTask boundary', () => {
  it('holds a good observation, checked by hand, with the schema keys only', () => {
    const h = harness();
    h.region.ingest(h.message(JSON.stringify({ ...GOOD, extra: 1 })));
    expect(h.region.held).toBe(1);
    expect(h.region.snapshot().held).toStrictEqual([GOOD]);
    expect(h.letters).toEqual([]);
  });

  it('dead-letters bad observations with the codes zod gave them, the bad field in the detail', () => {
    const h = harness();
    for (const [value] of BAD) h.region.ingest(h.message(value));
    expect(h.region.held).toBe(0);
    expect(h.letters.map((l) => l.code)).toEqual(BAD.map(([, code]) => code));
    for (const [i, [, , detail]] of BAD.entries()) expect(h.letters[i]!.detail.startsWith(detail)).toBe(true);
    expect(h.letters.map((l) => l.source)).toEqual(BAD.map((_, i) => `t.in/0@${i}`));
  });

  it('dead-letters a bad cell with zod’s message, as before', () => {
    const h = harness();
    h.event.ingest(h.message(JSON.stringify(GOOD)));
    h.event.ingest(h.message('{"schema": not json'));
    expect(h.event.held).toBe(0);
    expect(h.letters.map((l) => l.code)).toEqual(['JSON_SHAPE', 'JSON_SYNTAX']);
    expect(h.letters[0]!.detail).toBe('schema: Invalid input: expected "jamwatch.cell/1"');
  });
});
