import { describe, expect, it } from 'vitest';
import { crc24, hasValidSquitterParity, modesResidual } from '../../../../src/decode/modes/crc.js';
import { fromHex } from './build-frame.js';

/** Bit-by-bit long division by the generator 0x1FFF409: the definition that the table-driven code must match. */
function crcByDivision(bytes: Uint8Array, length: number): number {
  let register = 0;
  for (let i = 0; i < length * 8; i++) {
    const bit = (bytes[i >> 3]! >> (7 - (i & 7))) & 1;
    const top = (register >> 23) & 1;
    register = ((register << 1) | 0) & 0xffffff;
    if (top ^ bit) register ^= 0xfff409;
  }
  return register;
}

const VALID_SQUITTERS = [
  '8D4840D6202CC371C32CE0576098', // The 1090 MHz Riddle: identification KLM1023
  '8D40621D58C382D690C8AC2863A7', // Riddle: airborne position, even
  '8D40621D58C386435CC412692AD6', // Riddle: airborne position, odd
  '8D485020994409940838175B284F', // Riddle: airborne velocity, subtype 1
];

describe('crc24', () => {
  it('leaves a zero remainder on intact DF17 frames', () => {
    for (const hex of VALID_SQUITTERS) {
      expect(modesResidual(fromHex(hex))).toBe(0);
      expect(hasValidSquitterParity(fromHex(hex))).toBe(true);
    }
  });

  it('equals the parity field when computed over the data bits', () => {
    const frame = fromHex(VALID_SQUITTERS[0]!);
    expect(crc24(frame, 11)).toBe(0x576098);
  });

  it('detects every single-bit error', () => {
    const frame = fromHex(VALID_SQUITTERS[1]!);
    for (let bit = 0; bit < 112; bit++) {
      const corrupted = frame.slice();
      corrupted[bit >> 3]! ^= 0x80 >> (bit & 7);
      expect(hasValidSquitterParity(corrupted)).toBe(false);
    }
  });

  it('matches bit-by-bit polynomial division on arbitrary bytes', () => {
    let seed = 12345;
    for (let n = 0; n < 500; n++) {
      const bytes = new Uint8Array(14);
      for (let i = 0; i < bytes.length; i++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        bytes[i] = seed >>> 24;
      }
      expect(crc24(bytes, 11)).toBe(crcByDivision(bytes, 11));
      expect(crc24(bytes)).toBe(crcByDivision(bytes, 14));
    }
  });
});
