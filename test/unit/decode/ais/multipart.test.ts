import { describe, expect, it } from 'vitest';
import { FRAGMENT_TIMEOUT_MS, MultipartAssembler } from '../../../../src/decode/ais/multipart.js';
import type { DecodeFailure } from '../../../../src/errors.js';

const T0 = Date.UTC(2024, 0, 1);

function assembler(options: { maxPending?: number; timeoutMs?: number } = {}) {
  const incomplete: DecodeFailure[] = [];
  return { parts: new MultipartAssembler({ ...options, onIncomplete: (f) => incomplete.push(f) }), incomplete };
}

describe('MultipartAssembler', () => {
  it('joins the parts in order and gives the first part time and receiver', () => {
    const { parts, incomplete } = assembler();
    expect(parts.add('k', 3, 1, 'AAA', 0, T0, 'rx1')).toBeUndefined();
    expect(parts.add('k', 3, 2, 'BBB', 0, undefined, undefined)).toBeUndefined();
    expect(parts.size).toBe(1);
    expect(parts.add('k', 3, 3, 'CC', 2, T0 + 500, undefined)).toEqual({
      payload: 'AAABBBCC',
      fillBits: 2,
      timeMs: T0,
      receiver: 'rx1',
    });
    expect(parts.size).toBe(0);
    expect(incomplete).toEqual([]);
  });

  it('keeps interleaved groups of different keys apart', () => {
    const { parts, incomplete } = assembler();
    parts.add('rx1|A|1', 2, 1, 'a1', 0, T0, 'rx1');
    parts.add('rx2|A|1', 2, 1, 'b1', 0, T0, 'rx2');
    parts.add('rx1|B|1', 2, 1, 'c1', 0, T0, 'rx1');
    expect(parts.add('rx2|A|1', 2, 2, 'b2', 0, T0, undefined)).toMatchObject({ payload: 'b1b2', receiver: 'rx2' });
    expect(parts.add('rx1|B|1', 2, 2, 'c2', 0, T0, undefined)).toMatchObject({ payload: 'c1c2' });
    expect(parts.add('rx1|A|1', 2, 2, 'a2', 0, T0, undefined)).toMatchObject({ payload: 'a1a2', receiver: 'rx1' });
    expect(incomplete).toEqual([]);
  });

  it('answers a later part without its part 1 with AIS_MULTIPART', () => {
    const { parts } = assembler();
    expect(parts.add('k', 2, 2, 'xx', 0, T0, undefined)).toMatchObject({ ok: false, code: 'AIS_MULTIPART' });
  });

  it('drops a group whose parts come out of order: the group and the stray part are both counted', () => {
    const { parts, incomplete } = assembler();
    parts.add('k', 3, 1, 'a', 0, T0, undefined);
    expect(parts.add('k', 3, 3, 'c', 0, T0, undefined)).toMatchObject({ code: 'AIS_MULTIPART' });
    expect(incomplete).toHaveLength(1);
    expect(incomplete[0]).toMatchObject({ code: 'AIS_MULTIPART' });
    expect(parts.add('k', 3, 2, 'b', 0, T0, undefined)).toMatchObject({ code: 'AIS_MULTIPART' });
  });

  it('supersedes an unfinished group when a new part 1 comes for its key', () => {
    const { parts, incomplete } = assembler();
    parts.add('k', 2, 1, 'old', 0, T0, undefined);
    parts.add('k', 2, 1, 'new', 0, T0 + 100, undefined);
    expect(incomplete).toHaveLength(1);
    expect(parts.add('k', 2, 2, '2', 0, undefined, undefined)).toMatchObject({ payload: 'new2', timeMs: T0 + 100 });
  });

  it('refuses a part whose own time is further than the timeout from part 1', () => {
    const { parts, incomplete } = assembler();
    parts.add('k', 2, 1, 'a', 0, T0, undefined);
    expect(parts.add('k', 2, 2, 'b', 0, T0 + FRAGMENT_TIMEOUT_MS + 1, undefined)).toMatchObject({
      code: 'AIS_MULTIPART',
    });
    expect(incomplete).toHaveLength(1);
    parts.add('k', 2, 1, 'a', 0, T0, undefined);
    expect(parts.add('k', 2, 2, 'b', 0, T0 + FRAGMENT_TIMEOUT_MS, undefined)).toMatchObject({ payload: 'ab' });
  });

  it('expires groups when a newer group starts more than the timeout later', () => {
    const { parts, incomplete } = assembler({ timeoutMs: 1000 });
    parts.add('a', 2, 1, 'a', 0, T0, undefined);
    parts.add('b', 2, 1, 'b', 0, T0 + 900, undefined);
    expect(incomplete).toHaveLength(0);
    parts.add('c', 2, 1, 'c', 0, T0 + 1500, undefined);
    expect(incomplete).toHaveLength(1);
    expect(incomplete[0]!.detail).toContain('group a');
    expect(parts.size).toBe(2);
  });

  it('does not expire groups when time goes backwards (satellite feeds store and forward)', () => {
    const { parts, incomplete } = assembler({ timeoutMs: 1000 });
    parts.add('a', 2, 1, 'a', 0, T0, undefined);
    parts.add('b', 2, 1, 'b', 0, T0 - 3_600_000, undefined);
    expect(incomplete).toHaveLength(0);
    expect(parts.add('a', 2, 2, '2', 0, undefined, undefined)).toMatchObject({ payload: 'a2' });
  });

  it('keeps at most maxPending groups, counting the stalest it drops', () => {
    const { parts, incomplete } = assembler({ maxPending: 3 });
    for (let i = 0; i < 5; i++) parts.add(`k${i}`, 2, 1, 'x', 0, T0, undefined);
    expect(parts.size).toBe(3);
    expect(incomplete.map((f) => f.detail.match(/group (k\d)/)?.[1])).toEqual(['k0', 'k1']);
  });

  it('counts every waiting group at flush', () => {
    const { parts, incomplete } = assembler();
    parts.add('a', 2, 1, 'a', 0, T0, undefined);
    parts.add('b', 3, 1, 'b', 0, T0, undefined);
    parts.add('b', 3, 2, 'b', 0, T0, undefined);
    parts.flush();
    expect(parts.size).toBe(0);
    expect(incomplete.map((f) => f.detail)).toEqual([
      '1 of 2 parts of group a: input ended',
      '2 of 3 parts of group b: input ended',
    ]);
  });
});
