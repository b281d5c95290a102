import { describe, expect, it } from 'vitest';
import {
  nextSeverity,
  type Published,
  shouldForget,
  shouldOpen,
  shouldResolve,
  updateDue,
} from '../../../../src/core/event/lifecycle.js';

const rule = { minUpdateIntervalMs: 60_000, updateCellFraction: 0.2, updateCountFraction: 0.25, updateCountMin: 3 };
const last: Published = { at: 0, severity: 2, cells: ['a', 'b', 'c', 'd', 'e'], affected: 20 };

describe('lifecycle rules', () => {
  it('opens after enough ticks, or at once at the open level', () => {
    expect(shouldOpen(1, 2, { openTicks: 2, openLevel: 3 })).toBe(false);
    expect(shouldOpen(2, 1, { openTicks: 2, openLevel: 3 })).toBe(true);
    expect(shouldOpen(1, 3, { openTicks: 2, openLevel: 3 })).toBe(true);
  });

  it('resolves after the quiet period and forgets after the reopen period', () => {
    expect(shouldResolve(599_999, 0, 600_000)).toBe(false);
    expect(shouldResolve(600_000, 0, 600_000)).toBe(true);
    expect(shouldForget(1_800_000, 0, 1_800_000)).toBe(false);
    expect(shouldForget(1_800_001, 0, 1_800_000)).toBe(true);
  });

  it('raises severity at once and lowers it only after the hold, to the highest level seen meanwhile', () => {
    let s = { severity: 1, lowerSince: -1, lowerMax: 0 };
    s = nextSeverity(s, 3, 0, 300_000);
    expect(s.severity).toBe(3);
    s = nextSeverity(s, 1, 15_000, 300_000);
    s = nextSeverity(s, 2, 100_000, 300_000);
    s = nextSeverity(s, 1, 200_000, 300_000);
    expect(s.severity).toBe(3);
    s = nextSeverity(s, 1, 315_000, 300_000);
    expect(s.severity).toBe(2);
    s = nextSeverity(s, 3, 330_000, 300_000);
    expect(s).toEqual({ severity: 3, lowerSince: -1, lowerMax: 0 });
  });

  it('updates on material change only, not faster than the interval unless severity rises', () => {
    expect(updateDue(last, { ...last, at: 120_000 }, rule)).toBe(false);
    expect(updateDue(last, { ...last, at: 120_000, cells: ['a', 'b', 'c', 'd', 'f'] }, rule)).toBe(true);
    expect(updateDue(last, { ...last, at: 30_000, cells: ['a', 'b', 'c', 'd', 'f'] }, rule)).toBe(false);
    expect(updateDue(last, { ...last, at: 120_000, affected: 22 }, rule)).toBe(false);
    expect(updateDue(last, { ...last, at: 120_000, affected: 25 }, rule)).toBe(true);
    expect(updateDue(last, { ...last, at: 1_000, severity: 3 }, rule)).toBe(true);
    expect(updateDue(last, { ...last, at: 1_000, severity: 1 }, rule)).toBe(false);
    expect(updateDue(last, { ...last, at: 120_000, severity: 1 }, rule)).toBe(true);
  });
});
