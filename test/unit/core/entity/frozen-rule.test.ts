import { describe, expect, it } from 'vitest';
import {
  AIR_FROZEN_MIN_MS,
  AIR_FROZEN_MIN_SPEED_KT,
  isFrozen,
  PARKED_CONFIRM_REPEATS,
  parkedCandidate,
  SEA_FROZEN_MIN_MS,
  SEA_FROZEN_MIN_SPEED_KT,
} from '../../../../src/core/entity/frozen-rule.js';

const air = (repeats: number, seconds: number, gs: number | undefined) =>
  isFrozen(repeats, seconds * 1000, gs, AIR_FROZEN_MIN_MS, AIR_FROZEN_MIN_SPEED_KT);
const sea = (repeats: number, seconds: number, gs: number | undefined) =>
  isFrozen(repeats, seconds * 1000, gs, SEA_FROZEN_MIN_MS, SEA_FROZEN_MIN_SPEED_KT);

describe('isFrozen', () => {
  it('an aircraft repeating its position 88 s later at 481 kt is frozen (THY9BP)', () => {
    expect(air(1, 88, 481)).toBe(true);
  });

  it('needs a repeat, the time span and speed', () => {
    expect(air(0, 600, 481)).toBe(false);
    expect(air(5, 30, 481)).toBe(false); // duplicates of one message, or a short hold
    expect(air(5, 600, 40)).toBe(false); // slow: taxiing, hovering
    expect(air(5, 600, undefined)).toBe(false);
  });

  it('vessels: 5 min above 3 kt; an anchored ship repeating its position is not frozen', () => {
    expect(sea(30, 360, 12)).toBe(true);
    expect(sea(30, 240, 12)).toBe(false);
    expect(sea(30, 3600, 0.3)).toBe(false);
  });
});

describe('parkedCandidate', () => {
  const parked = (repeats: number, gs: number | undefined) => parkedCandidate(repeats, gs, AIR_FROZEN_MIN_SPEED_KT);

  it('a jump target reported twice more while the craft says it flies is parked', () => {
    expect(PARKED_CONFIRM_REPEATS).toBe(2);
    // rows: repeats 0, 1, 2, 5; columns: no speed, 20 kt, exactly the floor, 51 kt, 450 kt
    const speeds = [undefined, 20, AIR_FROZEN_MIN_SPEED_KT, 51, 450];
    expect([0, 1, 2, 5].map((repeats) => speeds.map((gs) => parked(repeats, gs)))).toEqual([
      [false, false, false, false, false],
      [false, false, false, false, false], // one repeat: the same message from a second receiver
      [false, false, false, true, true],
      [false, false, false, true, true],
    ]);
  });

  it('uses the floor it is given: a vessel above 3 kt', () => {
    expect(parkedCandidate(2, 4, SEA_FROZEN_MIN_SPEED_KT)).toBe(true);
    expect(parkedCandidate(2, 0.3, SEA_FROZEN_MIN_SPEED_KT)).toBe(false);
  });
});
