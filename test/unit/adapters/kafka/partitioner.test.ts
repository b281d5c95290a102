import { Partitioners } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { javaCompatiblePartitioner, murmur2, partitionOfKey } from '../../../../src/adapters/kafka/partitioner.js';
import { mulberry32 as random } from '../../../../src/core/event/prng.js';

const ALPHABET = 'abcdef0123456789:icaommsi_-. éü€😀\u0000\u007f';

function keys(count: number, rand: () => number): string[] {
  const out = ['', 'a', 'ab', 'abc', 'abcd', 'icao:4ca2b1', 'mmsi:244730610', '8a1f05a6b4dffff'];
  while (out.length < count) {
    const length = Math.floor(rand() * 40);
    let key = '';
    for (let i = 0; i < length; i++) key += ALPHABET[Math.floor(rand() * ALPHABET.length)];
    out.push(key);
  }
  return out;
}

function metadata(partitions: number, withoutLeader: number[] = []) {
  return Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: withoutLeader.includes(partitionId) ? -1 : 1,
    replicas: [1],
    isr: [1],
    partitionErrorCode: 0,
  }));
}

describe('javaCompatiblePartitioner', () => {
  it('puts every keyed message where kafkajs (and the Java producer) put it', () => {
    const rand = random(42);
    const ours = javaCompatiblePartitioner();
    const theirs = Partitioners.DefaultPartitioner();
    let compared = 0;
    for (const key of keys(3_000, rand)) {
      for (const partitions of [1, 2, 3, 6, 7, 12, 64]) {
        const args = { topic: 't', partitionMetadata: metadata(partitions), message: { key, value: 'v' } };
        expect(ours(args)).toBe(theirs(args));
        const bytes = { ...args, message: { key: Buffer.from(key), value: 'v' } };
        expect(ours(bytes)).toBe(theirs(bytes));
        compared += 2;
      }
    }
    expect(compared).toBe(3_000 * 7 * 2);
  });

  it('hashes as Kafka does: published murmur2 values of the Java client', () => {
    // Kafka's UtilsTest.testMurmur2: the 32-bit hash of these UTF-8 strings.
    expect(murmur2('21')).toBe(-973932308);
    expect(murmur2('foobar')).toBe(-790332482);
    expect(murmur2('a-little-bit-long-string')).toBe(-985981536);
    expect(murmur2('a-little-bit-longer-string')).toBe(-1486304829);
    expect(murmur2('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8')).toBe(-58897971);
    expect(murmur2('abc')).toBe(479470107);
    expect(partitionOfKey('foobar', 7)).toBe((-790332482 & 0x7fffffff) % 7);
  });

  it('keeps an explicit partition, and spreads unkeyed messages over the partitions with a leader', () => {
    const partitioner = javaCompatiblePartitioner();
    const partitionMetadata = metadata(6, [1, 4]);
    expect(partitioner({ topic: 't', partitionMetadata, message: { key: 'k', value: 'v', partition: 4 } })).toBe(4);
    const seen = new Set<number>();
    for (let i = 0; i < 40; i++) seen.add(partitioner({ topic: 't', partitionMetadata, message: { value: 'v' } }));
    expect(seen).toEqual(new Set([0, 2, 3, 5]));
  });
});
