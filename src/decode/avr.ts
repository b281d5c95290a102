/**
 * AVR text lines (dump1090/readsb port 30002, files of raw frames):
 * ```
 *  *<hex>;                    frame without time       (':' is accepted in place of '*')
 *  @<12 hex counter><hex>;    frame with the receiver's 48-bit 12 MHz counter (as in Beast, see BeastClock)
 * ```
 * <hex> is 4 (Mode A/C), 14 (56-bit) or 28 (112-bit) hex digits, either case. Surrounding white space and a trailing
 * CR are tolerated. A line that breaks the grammar is an `AVR_SYNTAX` failure; well-formed hex of another length is
 * `MODES_LENGTH`. Drivers skip blank lines before calling.
 */
import { type DecodeFailure, failure } from '../errors.js';

export interface AvrFrame {
  readonly ok: true;
  /** The frame bytes: 2, 7 or 14. */
  readonly data: Uint8Array;
  /** 48-bit 12 MHz receiver counter of `@` lines; undefined for `*` and `:` lines. */
  readonly counter: number | undefined;
}

const STAR = 0x2a;
const COLON = 0x3a;
const AT = 0x40;
const SEMICOLON = 0x3b;
const SPACE = 0x20;
const COUNTER_DIGITS = 12;
/** Frame lengths in bytes that an AVR line may carry. */
const MODE_AC_BYTES = 2;
const SHORT_BYTES = 7;
const LONG_BYTES = 14;

const HEX_VALUE = buildHexTable();

function buildHexTable(): Int8Array {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < 10; i++) table[0x30 + i] = i;
  for (let i = 0; i < 6; i++) {
    table[0x41 + i] = 10 + i;
    table[0x61 + i] = 10 + i;
  }
  return table;
}

function hexDigit(line: string, index: number): number {
  const code = line.charCodeAt(index);
  return code < 128 ? HEX_VALUE[code]! : -1;
}

const BAD_PREFIX = Object.freeze(failure('AVR_SYNTAX', 'line does not start with *, : or @'));
const NO_TERMINATOR = Object.freeze(failure('AVR_SYNTAX', 'line does not end with ;'));
const BAD_COUNTER = Object.freeze(failure('AVR_SYNTAX', '@ line without 12 hex digits of counter'));
const BAD_HEX = Object.freeze(failure('AVR_SYNTAX', 'frame is not an even number of hex digits'));

export function parseAvrLine(line: string): AvrFrame | DecodeFailure {
  let start = 0;
  let end = line.length;
  while (start < end && line.charCodeAt(start) <= SPACE) start++;
  while (end > start && line.charCodeAt(end - 1) <= SPACE) end--;
  if (end - start < 2) return BAD_PREFIX;
  const prefix = line.charCodeAt(start);
  if (line.charCodeAt(end - 1) !== SEMICOLON) return NO_TERMINATOR;
  let at = start + 1;
  let counter: number | undefined;
  if (prefix === AT) {
    if (end - 1 - at < COUNTER_DIGITS) return BAD_COUNTER;
    counter = 0;
    for (let i = 0; i < COUNTER_DIGITS; i++) {
      const digit = hexDigit(line, at + i);
      if (digit < 0) return BAD_COUNTER;
      counter = counter * 16 + digit;
    }
    at += COUNTER_DIGITS;
  } else if (prefix !== STAR && prefix !== COLON) {
    return BAD_PREFIX;
  }
  const digits = end - 1 - at;
  if (digits === 0 || digits % 2 !== 0) return BAD_HEX;
  const length = digits / 2;
  const data = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const high = hexDigit(line, at + 2 * i);
    const low = hexDigit(line, at + 2 * i + 1);
    if (high < 0 || low < 0) return BAD_HEX;
    data[i] = (high << 4) | low;
  }
  if (length !== MODE_AC_BYTES && length !== SHORT_BYTES && length !== LONG_BYTES) {
    return failure('MODES_LENGTH', `AVR frame of ${length} bytes`);
  }
  return { ok: true, data, counter };
}
