import { describe, expect, it } from 'vitest';
import {
  AIR_JUMP_FLOOR_KM,
  AIR_MAX_SPEED_KT,
  AIR_OFF_TRACK_FLOOR_KM,
  impossibleJump,
  maxPlausibleKm,
  offTrack,
  SEA_JUMP_FLOOR_KM,
  SEA_MAX_SPEED_KT,
} from '../../../../src/core/entity/jump-rules.js';

const air = (km: number, seconds: number) => impossibleJump(km, seconds * 1000, AIR_MAX_SPEED_KT, AIR_JUMP_FLOOR_KM);
const sea = (km: number, seconds: number) => impossibleJump(km, seconds * 1000, SEA_MAX_SPEED_KT, SEA_JUMP_FLOOR_KM);

describe('jump rules', () => {
  it('aircraft: 1,000 kt plus a 5 km floor', () => {
    expect(maxPlausibleKm(3_600_000, 1000, 5)).toBeCloseTo(1857, 0);
    expect(air(260, 1)).toBe(true); // THY9BP, as its rows show it
    expect(air(563, 626)).toBe(true); // 1,750 kt
    expect(air(4, 0.5)).toBe(false); // inside the floor: noise
    expect(air(120, 600)).toBe(false); // 390 kt
    expect(air(260, 1086)).toBe(false); // 465 kt: a jet can, so the off-track rule must judge it
  });

  it('vessels: 60 kt plus a 1 km floor', () => {
    expect(sea(100, 10)).toBe(true);
    expect(sea(0.8, 10)).toBe(false);
    expect(sea(3, 60)).toBe(true); // 97 kt
    expect(sea(1.5, 60)).toBe(false); // 49 kt of which 1 km is floor
  });

  it('off track: beyond 20 km plus half the dead-reckoned distance', () => {
    expect(offTrack(236, 290, AIR_OFF_TRACK_FLOOR_KM)).toBe(true); // THY9BP after its 18-min freeze
    expect(offTrack(150, 790, AIR_OFF_TRACK_FLOOR_KM)).toBe(false); // THY9BP back on its real track after 53 min
    expect(offTrack(19, 0, AIR_OFF_TRACK_FLOOR_KM)).toBe(false);
  });
});
