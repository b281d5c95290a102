/**
 * NMEA 0183 lines as AIS feeds carry them (IEC 61162-1, NMEA 4.x tag blocks; gpsd's AIVDM documentation):
 *
 *   [\<tag block>*hh\]<sentence>*hh[<trailer>]
 *
 * Encapsulation sentence, any two-letter talker (AI, AB, BS, SA, …; '--' too), VDM = heard, VDO = own ship:
 *
 *   !AIVDM,<count>,<number>,<sequential id>,<channel>,<payload>,<fill bits>*hh
 *   [0]    [1]     [2]      [3]             [4]       [5]       [6]
 *   count 1–9, number 1–count, sequential id empty or 0–9 (ties the parts of one multi-part message), channel A/B
 *   (also 1/2 or empty), payload six-bit armoured, fill bits 0–5 (empty read as 0).
 *
 * Checksum: XOR of every character between the leading '!' or '$' and '*', as two hex digits; the same over the
 * characters between '\' and '*' for the tag block.
 *
 * Tag block (NMEA 4.x / IEC 61162-1 §8.3): comma-separated `key:value` parameters, among them
 *   c:<Unix time>          receive time, in seconds (10 digits) or milliseconds (13 digits)
 *   s:<source>             the receiver or station that heard the sentence
 *   g:<n>-<total>-<id>     sentence grouping: part n of a group of `total` lines with id `id` (often only the
 *                          first line of a group carries s: and c:)
 * Other parameters (d:, n:, r:, t:, and non-standard ones such as T: and q:) are accepted and skipped.
 *
 * Gatehouse timestamp line (Danish Maritime Authority network, read by DMA AisLib; layout worked out from the DMA
 * corpus, where every first sentence of a message is preceded by one):
 *
 *   $PGHP,1,<yyyy>,<mm>,<dd>,<hh>,<mi>,<ss>,<ms>,<country MID>,<region>,<base station>,1,<xx>*hh
 *   [0]   [1] [2]  [3]  [4]  [5]  [6]  [7]  [8]  [9]           [10]     [11]           [12] [13]
 *   UTC date and time of reception of the sentence(s) that follow; [13] is the XOR of their checksums (00 before
 *   own-ship VDO sentences). Only message type 1 carries a time.
 *
 * Trailer: some receivers append fields after the checksum, e.g. libais/USCG `,d-109,S2105,…,r003669946,1325394060`
 * or gpsd's `,s36310,d-081,T59.01777335`. They are tolerated; when the last field is a plausible Unix time in
 * seconds it is the receive time.
 */
import { type DecodeFailure, failure } from '../errors.js';

/**
 * Earliest plausible receive time: 1990-01-01. AIS did not exist before ITU-R M.1371 (1998); an earlier value in a
 * time field is a corrupted or non-time number.
 */
export const EARLIEST_RECEIVE_TIME_MS = Date.UTC(1990, 0, 1);
/** Latest plausible receive time: 2100-01-01. A later value is a corrupted field, not a real clock. */
export const LATEST_RECEIVE_TIME_MS = Date.UTC(2100, 0, 1);
/** c: values from this size up are milliseconds (10-digit seconds last until the year 2286). */
const MILLISECOND_TIMESTAMP_FROM = 1e11;
/** An NMEA sentence is at most 82 characters; tag blocks and trailers add some. Longer lines are not NMEA. */
export const MAX_NMEA_LINE_LENGTH = 1024;
/** Sentences per multi-part message: the count field is a single digit (IEC 61162-1 VDM). */
export const MAX_FRAGMENTS = 9;

export interface TagBlock {
  /** c: receive time, ms since the epoch. */
  readonly timeMs: number | undefined;
  /** s: source (receiver or station). */
  readonly source: string | undefined;
  /** g: group id, with this line's number and the group size; undefined without g:. */
  readonly groupId: string | undefined;
  readonly groupNumber: number;
  readonly groupSize: number;
}

export interface VdmSentence {
  readonly kind: 'vdm';
  /** Two-letter talker: AI, AB, BS, … */
  readonly talker: string;
  /** VDO: the receiver's own ship, not a message heard from another station. */
  readonly ownShip: boolean;
  readonly fragmentCount: number;
  readonly fragmentNumber: number;
  readonly sequenceId: string;
  readonly channel: string;
  readonly payload: string;
  readonly fillBits: number;
  readonly tag: TagBlock | undefined;
  /** Receive time from a trailer after the checksum, ms; undefined when there is none. */
  readonly trailerTimeMs: number | undefined;
}

export interface PghpLine {
  readonly kind: 'pghp';
  /** Receive time of the following sentence(s), ms since the epoch. */
  readonly timeMs: number;
  /** The base station that heard them, as written in the line (empty field → undefined). */
  readonly baseStation: string | undefined;
}

/** A well-formed sentence that is neither VDM/VDO nor a Gatehouse timestamp ($GPGGA, $PGHP type 2, …). */
export interface OtherSentence {
  readonly kind: 'other';
}

export type NmeaLine = VdmSentence | PghpLine | OtherSentence;

const OTHER: OtherSentence = Object.freeze({ kind: 'other' });

/** A time in ms is plausible as a receive time: between 1990 and 2100. */
export function isPlausibleReceiveTime(ms: number): boolean {
  return ms >= EARLIEST_RECEIVE_TIME_MS && ms < LATEST_RECEIVE_TIME_MS;
}

/** Value of one hex digit, or -1. */
function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** Two hex digits at `at`, or -1. */
function hexByte(text: string, at: number): number {
  const high = hexDigit(text.charCodeAt(at));
  const low = hexDigit(text.charCodeAt(at + 1));
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

/** XOR of the character codes in [start, end). */
function xorChecksum(text: string, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum ^= text.charCodeAt(i);
  return sum;
}

/** Non-negative decimal integer in [start, end), or -1 when empty, too long or not all digits. */
function decimal(text: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Strip surrounding whitespace (CR, LF, spaces) only when there is some: most lines have none. */
function trimmed(line: string): string {
  const length = line.length;
  if (length === 0) return line;
  return line.charCodeAt(0) <= 32 || line.charCodeAt(length - 1) <= 32 ? line.trim() : line;
}

/** Parse one line: tag block, sentence and trailer. Bad input is a value, never a throw. */
export function parseNmeaLine(raw: string): NmeaLine | DecodeFailure {
  const line = trimmed(raw);
  if (line.length === 0) return failure('NMEA_SYNTAX', 'empty line');
  if (line.length > MAX_NMEA_LINE_LENGTH) return failure('NMEA_SYNTAX', `line of ${line.length} characters`);

  let tag: TagBlock | undefined;
  let start = 0;
  if (line.charCodeAt(0) === 92 /* '\' */) {
    const close = line.indexOf('\\', 1);
    if (close < 0) return failure('NMEA_SYNTAX', 'tag block is not closed by \\');
    const parsed = parseTagBlock(line, 1, close);
    if ('ok' in parsed) return parsed;
    tag = parsed;
    start = close + 1;
  }

  const lead = line.charCodeAt(start);
  if (lead !== 33 /* '!' */ && lead !== 36 /* '$' */) {
    return failure('NMEA_SYNTAX', 'sentence does not start with ! or $');
  }
  const star = line.indexOf('*', start);
  if (star < 0 || star + 3 > line.length) return failure('NMEA_SYNTAX', 'sentence has no *hh checksum');
  const expected = hexByte(line, star + 1);
  if (expected < 0) return failure('NMEA_SYNTAX', 'checksum is not two hex digits');
  if (xorChecksum(line, start + 1, star) !== expected) return failure('NMEA_CHECKSUM', 'sentence checksum mismatch');

  const addressEnd = line.indexOf(',', start);
  if (addressEnd < 0 || addressEnd > star) return OTHER; // a sentence without fields, e.g. a query
  const addressLength = addressEnd - start - 1;
  if (addressLength === 5 && line.startsWith('VD', start + 3)) {
    const kind = line.charCodeAt(start + 5);
    if (kind === 77 /* 'M' */ || kind === 79 /* 'O' */) {
      return parseVdm(line, start, addressEnd, star, kind === 79, tag);
    }
  }
  if (addressLength === 4 && line.startsWith('PGHP', start + 1)) return parsePghp(line, addressEnd, star);
  return OTHER;
}

function parseTagBlock(line: string, start: number, end: number): TagBlock | DecodeFailure {
  const star = line.lastIndexOf('*', end);
  if (star < start || star + 3 !== end) return failure('NMEA_SYNTAX', 'tag block has no *hh checksum');
  const expected = hexByte(line, star + 1);
  if (expected < 0) return failure('NMEA_SYNTAX', 'tag block checksum is not two hex digits');
  if (xorChecksum(line, start, star) !== expected) return failure('NMEA_CHECKSUM', 'tag block checksum mismatch');

  let timeMs: number | undefined;
  let source: string | undefined;
  let groupId: string | undefined;
  let groupNumber = 0;
  let groupSize = 0;
  let at = start;
  while (at < star) {
    let next = line.indexOf(',', at);
    if (next < 0 || next > star) next = star;
    if (next - at < 2 || line.charCodeAt(at + 1) !== 58 /* ':' */) {
      return failure('NMEA_SYNTAX', 'tag block parameter is not key:value');
    }
    const key = line.charCodeAt(at);
    if (key === 99 /* c */) {
      const value = decimal(line, at + 2, next);
      if (value < 0) return failure('NMEA_SYNTAX', 'tag block c: is not a number');
      timeMs = value >= MILLISECOND_TIMESTAMP_FROM ? value : value * 1000;
      if (!isPlausibleReceiveTime(timeMs)) {
        return failure('VALUE_RANGE', `tag block c:${value} is not a plausible time`);
      }
    } else if (key === 115 /* s */) {
      source = line.slice(at + 2, next);
    } else if (key === 103 /* g */) {
      const dash1 = line.indexOf('-', at + 2);
      const dash2 = dash1 < 0 ? -1 : line.indexOf('-', dash1 + 1);
      if (dash2 < 0 || dash2 >= next) return failure('NMEA_SYNTAX', 'tag block g: is not n-total-id');
      groupNumber = decimal(line, at + 2, dash1);
      groupSize = decimal(line, dash1 + 1, dash2);
      groupId = line.slice(dash2 + 1, next);
      if (groupNumber < 1 || groupSize < groupNumber || groupId === '') {
        return failure('NMEA_SYNTAX', 'tag block g: is not n-total-id');
      }
    }
    at = next + 1;
  }
  return { timeMs, source, groupId, groupNumber, groupSize };
}

function parseVdm(
  line: string,
  start: number,
  addressEnd: number,
  star: number,
  ownShip: boolean,
  tag: TagBlock | undefined,
): VdmSentence | DecodeFailure {
  const c1 = addressEnd;
  const c2 = line.indexOf(',', c1 + 1);
  const c3 = c2 < 0 ? -1 : line.indexOf(',', c2 + 1);
  const c4 = c3 < 0 ? -1 : line.indexOf(',', c3 + 1);
  const c5 = c4 < 0 ? -1 : line.indexOf(',', c4 + 1);
  const c6 = c5 < 0 ? -1 : line.indexOf(',', c5 + 1);
  const c7 = c6 < 0 ? -1 : line.indexOf(',', c6 + 1);
  if (c6 < 0 || c6 > star || (c7 >= 0 && c7 < star)) {
    return failure('NMEA_SYNTAX', 'VDM sentence does not have 7 fields');
  }
  const fragmentCount = decimal(line, c1 + 1, c2);
  const fragmentNumber = decimal(line, c2 + 1, c3);
  if (fragmentCount < 1 || fragmentCount > MAX_FRAGMENTS || fragmentNumber < 1 || fragmentNumber > fragmentCount) {
    return failure('NMEA_SYNTAX', 'VDM fragment count or number is not 1–9');
  }
  const sequenceId = line.slice(c3 + 1, c4);
  if (sequenceId !== '' && decimal(line, c3 + 1, c4) < 0) return failure('NMEA_SYNTAX', 'VDM sequential id');
  const fillBits = c6 + 1 === star ? 0 : decimal(line, c6 + 1, star);
  if (fillBits < 0 || fillBits > 5) return failure('NMEA_SYNTAX', 'VDM fill bits are not 0–5');
  return {
    kind: 'vdm',
    talker: line.slice(start + 1, start + 3),
    ownShip,
    fragmentCount,
    fragmentNumber,
    sequenceId,
    channel: line.slice(c4 + 1, c5),
    payload: line.slice(c5 + 1, c6),
    fillBits,
    tag,
    trailerTimeMs: trailerTime(line, star + 3),
  };
}

/** The receive time in a trailer's last comma-separated field, when it is a plausible Unix time in seconds. */
function trailerTime(line: string, start: number): number | undefined {
  if (start >= line.length || line.charCodeAt(start) !== 44 /* ',' */) return undefined;
  const lastComma = line.lastIndexOf(',');
  const seconds = decimal(line, lastComma + 1, line.length);
  if (seconds < 0) return undefined;
  const ms = seconds * 1000;
  return isPlausibleReceiveTime(ms) ? ms : undefined;
}

const PGHP_FIELDS = 14;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/**
 * Start of each $PGHP field after the address, and one past the last (the '*'): a scratch buffer reused by every call
 * (parsing is synchronous), so a $PGHP line allocates no array.
 */
const pghpStarts = new Int32Array(PGHP_FIELDS + 1);

function pghpNumber(line: string, i: number): number {
  return decimal(line, pghpStarts[i - 1]!, pghpStarts[i]! - 1);
}

function parsePghp(line: string, addressEnd: number, star: number): PghpLine | OtherSentence | DecodeFailure {
  // pghpStarts[i - 1] is where field i (1-based) starts; the entry after the last field is star + 1.
  let fields = 1;
  pghpStarts[0] = addressEnd + 1;
  for (let at = line.indexOf(',', addressEnd + 1); at >= 0 && at < star; at = line.indexOf(',', at + 1)) {
    if (fields === PGHP_FIELDS - 1) return failure('NMEA_SYNTAX', '$PGHP has more than 14 fields');
    pghpStarts[fields++] = at + 1;
  }
  if (fields !== PGHP_FIELDS - 1) return failure('NMEA_SYNTAX', `$PGHP has ${fields + 1} fields, not 14`);
  pghpStarts[fields] = star + 1;
  if (pghpNumber(line, 1) !== 1) return OTHER; // only message type 1 carries a time
  const year = pghpNumber(line, 2);
  const month = pghpNumber(line, 3);
  const day = pghpNumber(line, 4);
  const hour = pghpNumber(line, 5);
  const minute = pghpNumber(line, 6);
  const second = pghpNumber(line, 7);
  const ms = pghpNumber(line, 8);
  if ((year | month | day | hour | minute | second | ms) < 0) {
    return failure('NMEA_SYNTAX', '$PGHP date or time field is not a number');
  }
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    ms > 999
  ) {
    return failure('VALUE_RANGE', `$PGHP date ${year}-${month}-${day} ${hour}:${minute}:${second}.${ms} is not a time`);
  }
  const timeMs = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (!isPlausibleReceiveTime(timeMs)) return failure('VALUE_RANGE', `$PGHP year ${year} is not a plausible time`);
  const baseStart = pghpStarts[10]!;
  const baseEnd = pghpStarts[11]! - 1;
  return { kind: 'pghp', timeMs, baseStation: baseEnd > baseStart ? line.slice(baseStart, baseEnd) : undefined };
}
