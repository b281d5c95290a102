/**
 * Mode S parity: CRC-24 with generator polynomial 0x1FFF409 (ICAO Annex 10 Vol IV; "The 1090 MHz
 * Riddle", error control). The last 24 bits of every frame are parity: for DF17/DF18 they are the plain CRC of the
 * preceding bits, so the remainder of the whole frame is zero; for the other formats the remainder is overlaid with
 * the address or the interrogator id, which jamwatch does not need.
 *
 * Table-driven, one byte per step: the remainder register is 24 bits, the table maps the top byte of the register
 * XOR the next input byte to the register update. Plain numbers and Uint8Array, no BigInt (STYLE hot-path habits).
 */

/** The generator polynomial without its implicit x^24 term. */
export const MODES_CRC_POLYNOMIAL = 0xfff409;

const CRC_TABLE = buildTable();

function buildTable(): Int32Array {
  const table = new Int32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let register = byte << 16;
    for (let bit = 0; bit < 8; bit++) {
      register = register & 0x800000 ? (register << 1) ^ MODES_CRC_POLYNOMIAL : register << 1;
    }
    table[byte] = register & 0xffffff;
  }
  return table;
}

/** CRC-24 remainder of the first `length` bytes (a 24-bit number). */
export function crc24(bytes: Uint8Array, length: number = bytes.length): number {
  let register = 0;
  for (let i = 0; i < length; i++) {
    register = ((register << 8) & 0xffffff) ^ CRC_TABLE[((register >>> 16) ^ bytes[i]!) & 0xff]!;
  }
  return register;
}

/**
 * Remainder of a whole frame, parity included: 0 when a DF17/DF18 frame is intact. (Other formats overlay their
 * parity with the address or interrogator id, so their remainder is not zero; jamwatch does not check them.)
 */
export function modesResidual(frame: Uint8Array): number {
  return crc24(frame, frame.length);
}

/** DF17/DF18 rule: the parity must leave a zero remainder (no error correction is attempted). */
export function hasValidSquitterParity(frame: Uint8Array): boolean {
  return modesResidual(frame) === 0;
}
