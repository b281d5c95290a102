import { describe, expect, it } from 'vitest';
import { EventTimeBuffer } from '../../../src/core/event-time-buffer.js';

describe('EventTimeBuffer', () => {
  it('releases what its watermark covers in time order, ties in arrival order, and keeps the rest', () => {
    const buffer = new EventTimeBuffer<{ t: number; id: string }>(10);
    for (const [t, id] of [
      [30, 'a'],
      [10, 'b'],
      [20, 'c'],
      [10, 'd'],
      [50, 'e'],
    ] as const)
      buffer.push({ t, id });
    expect(buffer.release(5)).toEqual([]);
    expect(buffer.release(20).map((r) => r.id)).toEqual(['b', 'd', 'c']);
    expect(buffer.size).toBe(2);
    expect(buffer.release(100).map((r) => r.id)).toEqual(['a', 'e']);
  });

  it('says how far to release to get back under its bound', () => {
    const buffer = new EventTimeBuffer<{ t: number }>(2);
    for (const t of [5, 1, 4, 2]) buffer.push({ t });
    expect(buffer.overfull).toBe(true);
    expect(buffer.forcedWatermark()).toBe(2);
    buffer.release(buffer.forcedWatermark());
    expect(buffer.overfull).toBe(false);
    expect(buffer.toJSON().map((r) => r.t)).toEqual([4, 5]);
  });
});
