/**
 * Aircraft identification and category, type codes 1–4 (DO-260B; Riddle "Aircraft identification").
 * ```
 *  ME bit: 1-5   6-8       9-14 15-20 21-26 27-32 33-38 39-44 45-50 51-56
 *          TC    category  C1   C2    C3    C4    C5    C6    C7    C8      (six-bit characters)
 * ```
 * Character set: 1–26 → A–Z, 32 → space, 48–57 → 0–9; every other code is unassigned.
 * Emitter category sets: TC 4 = A (aircraft by weight), TC 3 = B (glider, balloon, UAV, space vehicle…),
 * TC 2 = C (C1 emergency vehicle, C2 service vehicle, C3–C7 obstacles and reserved), TC 1 = D (reserved).
 */
import { meBits } from './frame.js';

const CHARACTERS = '#ABCDEFGHIJKLMNOPQRSTUVWXYZ##### ###############0123456789######';
const UNASSIGNED = '#';
const CALLSIGN_LENGTH = 8;

export interface IdentificationMessage {
  readonly typeCode: number;
  /** Emitter category within the set of the type code (0 = no information). */
  readonly category: number;
  /** Callsign without trailing spaces; undefined when a character is unassigned (a corrupted or faulty frame). */
  readonly callsign: string | undefined;
}

export function isIdentificationType(tc: number): boolean {
  return tc >= 1 && tc <= 4;
}

export function decodeIdentification(frame: Uint8Array): IdentificationMessage {
  let callsign = '';
  let valid = true;
  for (let i = 0; i < CALLSIGN_LENGTH; i++) {
    const character = CHARACTERS[meBits(frame, 9 + 6 * i, 6)]!;
    if (character === UNASSIGNED) valid = false;
    callsign += character;
  }
  return {
    typeCode: meBits(frame, 1, 5),
    category: meBits(frame, 6, 3),
    callsign: valid ? callsign.trimEnd() : undefined,
  };
}

/** Set C with a category (TC 2, C1–C7): surface vehicles and fixed obstacles, never an aircraft. */
export function isSurfaceVehicleOrObstacle(message: IdentificationMessage): boolean {
  return message.typeCode === 2 && message.category !== 0;
}
