import { describe, expect, it } from 'vitest';
import {
  DEGRADED_AT,
  degradedAfter,
  HYSTERESIS_MAX,
  RECOVERED_AT,
  stepCounter,
} from '../../../../src/core/entity/hysteresis.js';

function run(steps: number[]): boolean[] {
  let count = 0;
  let degraded = false;
  return steps.map((step) => {
    count = stepCounter(count, step, HYSTERESIS_MAX);
    degraded = degradedAfter(degraded, count, DEGRADED_AT, RECOVERED_AT);
    return degraded;
  });
}

describe('lost-GNSS hysteresis', () => {
  it('clamps the counter to [0, max]', () => {
    expect(stepCounter(0, -1, 10)).toBe(0);
    expect(stepCounter(10, 1, 10)).toBe(10);
    expect(stepCounter(4, 1, 10)).toBe(5);
  });

  it('one bad report does not flip a craft; a run does', () => {
    expect(run([1, -1, 1, -1, 1]).some(Boolean)).toBe(false);
    const flags = run([1, 1, 1, 1, 1, 1]);
    expect(flags.indexOf(true)).toBe(DEGRADED_AT - 1);
  });

  it('stays degraded until the counter falls to the recovery level', () => {
    const flags = run([...Array(HYSTERESIS_MAX).fill(1), ...Array(HYSTERESIS_MAX).fill(-1)]);
    const recoveredAfter = flags.lastIndexOf(true) - HYSTERESIS_MAX + 1;
    expect(recoveredAfter).toBe(HYSTERESIS_MAX - RECOVERED_AT - 1);
  });

  it('a good report in between only delays the flag', () => {
    expect(run([1, 1, 1, -1, 1, 1, 1, 1]).at(-1)).toBe(true);
  });
});
