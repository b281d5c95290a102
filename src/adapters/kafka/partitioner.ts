import type { ICustomPartitioner, PartitionerArgs } from 'kafkajs';

/**
 * The partitioner of Kafka's Java producer (and of kafkajs's DefaultPartitioner), in 32-bit integer arithmetic: a
 * message with a partition goes there, a keyed message to murmur2(UTF-8 key) & 0x7fffffff modulo the partition count
 * (so a craft id lands where a Java producer puts it), an unkeyed one round-robin over the partitions with a leader.
 *
 * Why not kafkajs's own: it hashes with 64-bit `Long` objects (several allocations per 4 bytes of key) and filters
 * the partition list for every message, keyed or not: 1.8 µs and ~1 KB of garbage per message, more than encoding
 * the message. This one: no allocation for an ASCII key. test/unit/adapters/kafka/partitioner.test.ts checks that both
 * give the same partition.
 *
 * murmur2 (Austin Appleby's MurmurHash2, 32-bit, as in Kafka's `Utils.murmur2`): seed 0x9747b28c, m = 0x5bd1e995,
 * r = 24; h = seed ^ length; each 4-byte little-endian block k: k *= m, k ^= k >>> r, k *= m, h *= m, h ^= k; the 1-3
 * tail bytes xored into h (byte 2 << 16, byte 1 << 8, byte 0) then h *= m; finally h ^= h >>> 13, h *= m,
 * h ^= h >>> 15.
 */
const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const R = 24;

export function murmur2(key: string | Uint8Array): number {
  if (typeof key !== 'string') return murmur2Bytes(key);
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) > 0x7f) return murmur2Bytes(Buffer.from(key, 'utf8'));
  return murmur2Ascii(key);
}

/** An ASCII string is its own UTF-8: the char codes are the bytes, read without a copy. */
function murmur2Ascii(key: string): number {
  const length = key.length;
  let h = SEED ^ length;
  const blocks = length & ~3;
  for (let i = 0; i < blocks; i += 4) {
    const k =
      key.charCodeAt(i) | (key.charCodeAt(i + 1) << 8) | (key.charCodeAt(i + 2) << 16) | (key.charCodeAt(i + 3) << 24);
    h = mix(h, k);
  }
  const tail = length & 3;
  if (tail !== 0) {
    if (tail === 3) h ^= key.charCodeAt(blocks + 2) << 16;
    if (tail >= 2) h ^= key.charCodeAt(blocks + 1) << 8;
    h ^= key.charCodeAt(blocks);
    h = Math.imul(h, M);
  }
  return finish(h);
}

function murmur2Bytes(data: Uint8Array): number {
  const length = data.length;
  let h = SEED ^ length;
  const blocks = length & ~3;
  for (let i = 0; i < blocks; i += 4) {
    const k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    h = mix(h, k);
  }
  const tail = length & 3;
  if (tail !== 0) {
    if (tail === 3) h ^= data[blocks + 2]! << 16;
    if (tail >= 2) h ^= data[blocks + 1]! << 8;
    h ^= data[blocks]!;
    h = Math.imul(h, M);
  }
  return finish(h);
}

function mix(h: number, block: number): number {
  let k = Math.imul(block, M);
  k ^= k >>> R;
  k = Math.imul(k, M);
  return Math.imul(h, M) ^ k;
}

function finish(hash: number): number {
  let h = hash;
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** The partition of a key among `partitions`, as the Java producer computes it. */
export function partitionOfKey(key: string | Uint8Array, partitions: number): number {
  return (murmur2(key) & 0x7fffffff) % partitions;
}

export const javaCompatiblePartitioner: ICustomPartitioner = () => {
  const counters = new Map<string, number>();
  return ({ topic, partitionMetadata, message }: PartitionerArgs): number => {
    if (message.partition !== null && message.partition !== undefined) return message.partition;
    if (message.key !== null && message.key !== undefined) return partitionOfKey(message.key, partitionMetadata.length);
    // Unkeyed: round-robin from a random start, over the partitions that have a leader when there are any.
    const next = (counters.get(topic) ?? Math.floor(Math.random() * 0x7fffffff)) + 1;
    counters.set(topic, next);
    const available = partitionMetadata.filter((p) => p.leader >= 0);
    if (available.length > 0) return available[next % available.length]!.partitionId;
    return next % partitionMetadata.length;
  };
};
