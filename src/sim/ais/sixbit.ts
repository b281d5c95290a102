/**
 * AIS payload bits and their NMEA armouring (ITU-R M.1371-5 §3.3.7, IEC 61162-1 AIVDM):
 * - fields are written most significant bit first; signed fields in two's complement;
 * - text is 6-bit ASCII: '@'..'_' are 0–31, ' '..'?' are 32–63, padded with '@';
 * - the bit string is cut into 6-bit groups, each armoured as ASCII 48–87 (values 0–39) or 96–119 (values 40–63);
 *   the last group is padded with zero "fill bits", whose count the sentence states.
 */
export class BitWriter {
  private readonly bits: Uint8Array;
  private length = 0;

  constructor(capacity: number) {
    this.bits = new Uint8Array(capacity);
  }

  get size(): number {
    return this.length;
  }

  /** An unsigned field of `width` bits (width ≤ 32). */
  uint(value: number, width: number): this {
    const v = Math.trunc(value);
    for (let i = width - 1; i >= 0; i--) this.bits[this.length++] = Math.floor(v / 2 ** i) % 2;
    return this;
  }

  /** A signed field of `width` bits in two's complement. */
  int(value: number, width: number): this {
    const v = Math.trunc(value);
    return this.uint(v < 0 ? 2 ** width + v : v, width);
  }

  /** Text of exactly `chars` six-bit characters (upper-cased, unknown characters as '?', padded with '@'). */
  text(value: string, chars: number): this {
    const s = value.toUpperCase();
    for (let i = 0; i < chars; i++) this.uint(i < s.length ? sixBitCode(s.charCodeAt(i)) : 0, 6);
    return this;
  }

  /** The armoured payload and the number of fill bits added to complete the last character. */
  armour(): { payload: string; fill: number } {
    const chars = Math.ceil(this.length / 6);
    const fill = chars * 6 - this.length;
    let payload = '';
    for (let c = 0; c < chars; c++) {
      let v = 0;
      for (let b = 0; b < 6; b++) {
        const i = c * 6 + b;
        v = (v << 1) | (i < this.length ? this.bits[i]! : 0);
      }
      payload += String.fromCharCode(v < 40 ? v + 48 : v + 56);
    }
    return { payload, fill };
  }
}

/** The 6-bit code of an ASCII character: '@'–'_' → 0–31, ' '–'?' → 32–63; anything else as '?'. */
export function sixBitCode(ascii: number): number {
  if (ascii >= 64 && ascii <= 95) return ascii - 64;
  if (ascii >= 32 && ascii <= 63) return ascii;
  return 63;
}
