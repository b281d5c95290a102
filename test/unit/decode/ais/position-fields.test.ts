import { describe, expect, it } from 'vitest';
import {
  courseFromTenths,
  headingDegrees,
  longRangeCourse,
  longRangeSpeed,
  positionVerdict,
  speedFromTenths,
  TEN_THOUSANDTH_MINUTES_PER_DEGREE as U,
} from '../../../../src/decode/ais/position-fields.js';

describe('AIS navigation field rules', () => {
  it('positionVerdict: sentinels, the edges of the globe, and beyond', () => {
    expect(positionVerdict(181 * U, 91 * U, U)).toBe('not-available');
    expect(positionVerdict(0, 91 * U, U)).toBe('not-available');
    expect(positionVerdict(181 * U, 0, U)).toBe('not-available');
    expect(positionVerdict(180 * U, -90 * U, U)).toBe('available');
    expect(positionVerdict(-180 * U - 1, 0, U)).toBe('out-of-range');
    expect(positionVerdict(0, 90 * U + 1, U)).toBe('out-of-range');
    expect(positionVerdict(0, -91 * U, U)).toBe('out-of-range');
  });

  it('speed, course and heading codes', () => {
    expect(speedFromTenths(0)).toBe(0);
    expect(speedFromTenths(1022)).toBe(102.2);
    expect(speedFromTenths(1023)).toBeUndefined();
    expect(courseFromTenths(3599)).toBe(359.9);
    expect(courseFromTenths(3600)).toBeUndefined();
    expect(courseFromTenths(4095)).toBeUndefined();
    expect(headingDegrees(359)).toBe(359);
    expect(headingDegrees(360)).toBeUndefined();
    expect(headingDegrees(511)).toBeUndefined();
    expect(longRangeSpeed(62)).toBe(62);
    expect(longRangeSpeed(63)).toBeUndefined();
    expect(longRangeCourse(359)).toBe(359);
    expect(longRangeCourse(511)).toBeUndefined();
  });
});
