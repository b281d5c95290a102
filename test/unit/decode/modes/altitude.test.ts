import { describe, expect, it } from 'vitest';
import { decodeAc12, decodeGillham } from '../../../../src/decode/modes/altitude.js';
import { ac12 } from './build-frame.js';

/** Gillham encoding from its definition: 500 ft Gray code in D2 D4 A1 A2 A4 B1 B2 B4, 100 ft cycle in C1 C2 C4. */
function gillham(feet: number): number {
  const steps = (feet + 1300) / 100;
  const fiveHundreds = Math.floor((steps - 1) / 5);
  let hundreds = steps - 5 * fiveHundreds; // 1..5
  if (fiveHundreds % 2 === 1) hundreds = 6 - hundreds;
  const cPattern = [0, 0b001, 0b011, 0b010, 0b110, 0b100][hundreds]!;
  const gray = fiveHundreds ^ (fiveHundreds >> 1);
  const bit = (value: number, index: number, width: number) => (value >> (width - 1 - index)) & 1;
  // AC12 order: C1 A1 C2 A2 C4 A4 B1 Q B2 D2 B4 D4 ; gray bits: D2 D4 A1 A2 A4 B1 B2 B4
  const bits = [
    bit(cPattern, 0, 3),
    bit(gray, 2, 8),
    bit(cPattern, 1, 3),
    bit(gray, 3, 8),
    bit(cPattern, 2, 3),
    bit(gray, 4, 8),
    bit(gray, 5, 8),
    0,
    bit(gray, 6, 8),
    bit(gray, 0, 8),
    bit(gray, 7, 8),
    bit(gray, 1, 8),
  ];
  return bits.reduce((value, b) => (value << 1) | b, 0);
}

describe('AC12 altitude', () => {
  it('decodes 25 ft steps (Riddle example 38,000 ft)', () => {
    expect(decodeAc12(0b110000111000)).toBe(38_000);
    expect(decodeAc12(ac12(-1000))).toBe(-1000);
    expect(decodeAc12(ac12(425))).toBe(425);
    expect(decodeAc12(ac12(50_175))).toBe(50_175);
  });

  it('says "not available" for an all-zero field', () => {
    expect(decodeAc12(0)).toBeUndefined();
  });

  it('decodes every Gillham altitude from −1,200 to 126,700 ft', () => {
    for (let feet = -1200; feet <= 126_700; feet += 100) {
      expect(decodeAc12(gillham(feet))).toBe(feet);
    }
  });

  it('rejects Gillham codes that no altitude produces', () => {
    // No C pulse at all, and the C patterns 101 and 111.
    expect(decodeGillham(0b000001000001)).toBeUndefined();
    expect(decodeGillham(0b101010000000)).toBeUndefined();
    expect(decodeGillham(0b100010000000)).toBeUndefined();
  });
});
