import { describe, expect, it } from 'vitest';
import {
  ALT_MISMATCH_FLOOR_FT,
  ALT_MISMATCH_FRACTION,
  altitudeMismatch,
} from '../../../../src/core/entity/altitude-rule.js';

const mismatch = (baro: number, geom: number) =>
  altitudeMismatch(baro, geom, ALT_MISMATCH_FLOOR_FT, ALT_MISMATCH_FRACTION);

describe('altitudeMismatch', () => {
  it('accepts the differences that weather makes', () => {
    expect(mismatch(38_000, 39_500)).toBe(false); // warm air at cruise
    expect(mismatch(38_000, 36_800)).toBe(false); // cold air
    expect(mismatch(3_000, 3_900)).toBe(false); // low pressure near the ground
  });

  it('flags a GNSS altitude far from the barometric one (a spoofed fix on the ground)', () => {
    expect(mismatch(38_000, 200)).toBe(true);
    expect(mismatch(10_000, 12_000)).toBe(true);
    expect(mismatch(38_000, 42_000)).toBe(true);
  });
});
