import { describe, expect, it } from 'vitest';
import { backfillDays } from '../../../src/drivers/aggregates.js';

const at = (iso: string) => Date.parse(iso);

describe('backfillDays', () => {
  it('cuts a range into UTC days, the first and last clipped to the range', () => {
    expect(backfillDays({ start: at('2024-03-01T06:30:00Z'), stop: at('2024-03-03T02:00:00Z') })).toEqual([
      { start: at('2024-03-01T06:30:00Z'), stop: at('2024-03-02T00:00:00Z') },
      { start: at('2024-03-02T00:00:00Z'), stop: at('2024-03-03T00:00:00Z') },
      { start: at('2024-03-03T00:00:00Z'), stop: at('2024-03-03T02:00:00Z') },
    ]);
  });

  it('gives one day for a range inside a day or exactly one day, none for an empty range', () => {
    expect(backfillDays({ start: at('2024-02-29T10:00:00Z'), stop: at('2024-02-29T11:00:00Z') })).toEqual([
      { start: at('2024-02-29T10:00:00Z'), stop: at('2024-02-29T11:00:00Z') },
    ]);
    expect(backfillDays({ start: at('2024-02-29'), stop: at('2024-03-01') })).toEqual([
      { start: at('2024-02-29'), stop: at('2024-03-01') },
    ]);
    expect(backfillDays({ start: at('2024-02-29'), stop: at('2024-02-29') })).toEqual([]);
  });

  it('covers the range exactly, without gaps or overlaps, over a year', () => {
    const range = { start: at('2023-06-15T13:14:15Z'), stop: at('2024-06-15T01:02:03Z') };
    const days = backfillDays(range);
    expect(days).toHaveLength(367);
    expect(days[0]!.start).toBe(range.start);
    expect(days.at(-1)!.stop).toBe(range.stop);
    for (let i = 1; i < days.length; i++) {
      expect(days[i]!.start).toBe(days[i - 1]!.stop);
      expect(days[i]!.start % 86_400_000).toBe(0);
    }
  });
});
