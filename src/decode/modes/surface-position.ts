/**
 * Surface position, type codes 5–8 (DO-260B; Riddle "Surface position").
 * ```
 *  ME bit: 1-5  6-12          13  14-20       21  22  23-39        40-56
 *          TC   movement (7)  S   track (7)   T   F   LAT-CPR(17)  LON-CPR(17)
 * ```
 * Movement is a non-linear ground speed code; S = 1 when the ground track (360/128° steps) is valid. The CPR
 * fractions use the surface grid (90° spans): decoding needs a reference within 45 NM.
 */
import { meBits } from './frame.js';

export interface SurfacePositionMessage {
  readonly typeCode: number;
  /** Knots; undefined when the movement field says "no information" or is reserved. */
  readonly groundSpeed: number | undefined;
  /** Degrees true; undefined when the status bit says invalid. */
  readonly track: number | undefined;
  readonly odd: boolean;
  readonly cprLat: number;
  readonly cprLon: number;
}

/**
 * Movement code → knots (DO-260B movement table): 1 stopped; then bands of constant step, each given by its first
 * code, the speed at that code and the step: 2–8 from 0.125 kt by 0.125; 9–12 from 1 kt by 0.25; 13–38 from 2 kt
 * by 0.5; 39–93 from 15 kt by 1; 94–108 from 70 kt by 2; 109–123 from 100 kt by 5; 124 = 175 kt or more.
 * 0 = no information, 125–127 reserved.
 */
const MOVEMENT_BANDS: readonly (readonly [firstCode: number, knots: number, step: number])[] = [
  [109, 100, 5],
  [94, 70, 2],
  [39, 15, 1],
  [13, 2, 0.5],
  [9, 1, 0.25],
  [2, 0.125, 0.125],
];
const MOVEMENT_STOPPED = 1;
const MOVEMENT_FASTEST = 124;
const MOVEMENT_FASTEST_KNOTS = 175;

export function movementToKnots(movement: number): number | undefined {
  if (movement === MOVEMENT_STOPPED) return 0;
  if (movement === MOVEMENT_FASTEST) return MOVEMENT_FASTEST_KNOTS;
  if (movement === 0 || movement > MOVEMENT_FASTEST) return undefined;
  for (const [firstCode, knots, step] of MOVEMENT_BANDS) {
    if (movement >= firstCode) return knots + (movement - firstCode) * step;
  }
  return undefined;
}

const TRACK_STEP_DEG = 360 / 128;

export function isSurfacePositionType(tc: number): boolean {
  return tc >= 5 && tc <= 8;
}

export function decodeSurfacePosition(frame: Uint8Array): SurfacePositionMessage {
  return {
    typeCode: meBits(frame, 1, 5),
    groundSpeed: movementToKnots(meBits(frame, 6, 7)),
    track: meBits(frame, 13, 1) === 1 ? meBits(frame, 14, 7) * TRACK_STEP_DEG : undefined,
    odd: meBits(frame, 22, 1) === 1,
    cprLat: meBits(frame, 23, 17),
    cprLon: meBits(frame, 40, 17),
  };
}
