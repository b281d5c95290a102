import { describe, expect, it } from 'vitest';
import { TickClock } from '../../../src/core/tick-clock.js';

describe('TickClock', () => {
  it('ticks each boundary once, in order, from the first boundary after stream time starts', () => {
    const ticks: number[] = [];
    const clock = new TickClock(
      10,
      5,
      (b) => ticks.push(b),
      () => false,
    );
    clock.seen(23); // stream time 18: starts, first boundary will be 20
    clock.seen(26); // 21
    clock.seen(24); // older: nothing
    clock.advance(45);
    expect(ticks).toEqual([20, 30, 40]);
    expect(clock.streamTime).toBe(45);
    expect(clock.newestEventTime).toBe(26);
  });

  it('skips the boundaries in between while idle, and restores where it was', () => {
    const ticks: number[] = [];
    const clock = new TickClock(
      10,
      0,
      (b) => ticks.push(b),
      () => true,
    );
    clock.advance(5);
    clock.advance(95);
    expect(ticks).toEqual([10, 90]);
    const copy = new TickClock(
      10,
      0,
      (b) => ticks.push(b),
      () => false,
    );
    copy.restore(clock.snapshot());
    copy.advance(110);
    expect(ticks).toEqual([10, 90, 100, 110]);
  });
});
