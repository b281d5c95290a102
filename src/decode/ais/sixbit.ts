/**
 * AIS six-bit armouring (ITU-R M.1371-5 Annex 8 §2.1 via IEC 61162-1 VDM, gpsd AIVDM "AIS Payload Armoring").
 *
 * Each payload character carries six bits, most significant first:
 *
 *   character  '0' … 'W'  (48 … 87)   →  value  0 … 39   (code − 48)
 *   character  '`' … 'w'  (96 … 119)  →  value 40 … 63   (code − 56)
 *
 * The payload's bit length is 6 × characters − fill bits (0–5, the sentence's last field). Fields are big-endian
 * bit strings at fixed offsets; signed fields are two's complement. Text fields use six-bit ASCII: value v is the
 * character v + 64 for v < 32 ('@', 'A'…'Z', '[', '\', ']', '^', '_') and v itself for v ≥ 32 (' ', '!'…'?');
 * '@' pads unused characters, so text ends at the first '@'.
 *
 * The reader reads with numbers, never BigInt: every field jamwatch reads is at most 30 bits wide, and the loop
 * below is exact up to 53 bits.
 */

/** Largest payload accepted: nine sentences of 82 characters hold far less than this. */
export const MAX_PAYLOAD_CHARS = 1024;

const SIXBIT_ASCII: string[] = [];
for (let v = 0; v < 64; v++) SIXBIT_ASCII.push(String.fromCharCode(v < 32 ? v + 64 : v));

/** Six-bit value of an armoured payload character, or -1 when the character is not in the armouring alphabet. */
export function armouredValue(code: number): number {
  if (code >= 48 && code <= 87) return code - 48;
  if (code >= 96 && code <= 119) return code - 56;
  return -1;
}

/**
 * A reusable bit reader over one de-armoured payload. `load` replaces the content, so one reader serves a whole
 * stream without allocating per message.
 */
export class SixBitReader {
  private values = new Uint8Array(128);
  /** Number of valid bits in the loaded payload. */
  bitLength = 0;

  /**
   * Load an armoured payload. Returns false (and loads nothing usable) when a character is outside the armouring
   * alphabet, the fill bits are not 0–5, or the payload is longer than MAX_PAYLOAD_CHARS.
   */
  load(payload: string, fillBits: number): boolean {
    const length = payload.length;
    this.bitLength = 0;
    if (length > MAX_PAYLOAD_CHARS || fillBits < 0 || fillBits > 5) return false;
    if (length > this.values.length) this.values = new Uint8Array(MAX_PAYLOAD_CHARS);
    const values = this.values;
    for (let i = 0; i < length; i++) {
      const value = armouredValue(payload.charCodeAt(i));
      if (value < 0) return false;
      values[i] = value;
    }
    this.bitLength = Math.max(0, length * 6 - fillBits);
    return true;
  }

  /** Unsigned big-endian field of `width` bits starting at bit `start`. The caller checks `bitLength` first. */
  uint(start: number, width: number): number {
    const values = this.values;
    const end = start + width;
    let value = 0;
    let bit = start;
    while (bit < end) {
      const index = (bit / 6) | 0;
      const offset = bit - index * 6;
      const available = 6 - offset;
      const remaining = end - bit;
      const take = Math.min(available, remaining);
      const chunk = (values[index]! >> (available - take)) & ((1 << take) - 1);
      value = value * (1 << take) + chunk;
      bit += take;
    }
    return value;
  }

  /** Signed (two's complement) big-endian field of `width` bits starting at bit `start`. */
  int(start: number, width: number): number {
    const value = this.uint(start, width);
    const half = 2 ** (width - 1);
    return value >= half ? value - 2 * half : value;
  }

  /** One bit as a boolean. */
  flag(start: number): boolean {
    return this.uint(start, 1) === 1;
  }

  /**
   * Six-bit ASCII text of up to `chars` characters starting at bit `start`, cut at the end of the payload, at the
   * first '@' (padding) and before trailing spaces.
   */
  text(start: number, chars: number): string {
    return trimSixBitText(this.rawText(start, chars));
  }

  /** Six-bit ASCII text as sent, padding included, cut at the end of the payload. */
  rawText(start: number, chars: number): string {
    const available = Math.floor((this.bitLength - start) / 6);
    const count = Math.min(chars, available);
    let text = '';
    for (let i = 0; i < count; i++) text += SIXBIT_ASCII[this.uint(start + i * 6, 6)]!;
    return text;
  }
}

/**
 * Six-bit text ends at its first '@' (the padding character, never part of a name) and loses trailing spaces, as
 * gpsd reads it: what follows an '@' is padding or junk.
 */
export function trimSixBitText(text: string): string {
  const at = text.indexOf('@');
  let end = at < 0 ? text.length : at;
  while (end > 0 && text.charCodeAt(end - 1) === 32 /* ' ' */) end--;
  return end === text.length ? text : text.slice(0, end);
}
