/**
 * Beast binary framing (Mode-S Beast, dump1090 and readsb port 30005) and the clock that turns its counter into
 * event time.
 * ```
 *  0x1a  type  counter (6 bytes, big-endian)  signal (1 byte)  frame
 *        '1' (0x31) Mode A/C     frame  2 bytes
 *        '2' (0x32) Mode S short frame  7 bytes
 *        '3' (0x33) Mode S long  frame 14 bytes
 * ```
 * Inside counter, signal and frame every 0x1a byte is sent twice (0x1a 0x1a), so a single 0x1a always starts a
 * frame. The counter ticks at 12 MHz on the receiver's own clock (not wall time, not necessarily GPS-disciplined).
 *
 * `BeastFramer` is pure and bounded: chunks of any size go in (a frame may be split anywhere, even inside an escape
 * pair), frames and framing failures come out through one callback, in stream order. Bytes that are not part of a
 * frame — garbage, an unknown frame type (e.g. Radarcape status '4'), a frame cut short by an unescaped 0x1a, a
 * partial frame at the end — are skipped up to the next frame start and reported as one `BEAST_FRAMING` failure per
 * run, with the first bytes of the run for the dead-letter topic and the count of bytes skipped.
 */
import type { DecodeFailure } from '../errors.js';

const ESCAPE = 0x1a;
const TYPE_MODE_AC = 0x31;
const TYPE_SHORT = 0x32;
const TYPE_LONG = 0x33;
const COUNTER_BYTES = 6;
/** Counter and signal level precede the frame bytes. */
const HEADER_BYTES = COUNTER_BYTES + 1;
const LONGEST_BODY = HEADER_BYTES + 14;

/** Bytes of a skipped run kept for the dead-letter record: enough to recognise what the stream carried. */
export const BEAST_FAILURE_RAW_BYTES = 64;
/** A skipped run is reported at least every this many bytes, so a stream in the wrong format shows up at once. */
export const BEAST_MAX_SKIPPED_RUN = 4096;

export interface BeastFrame {
  readonly ok: true;
  /** Frame type: 1 Mode A/C, 2 Mode S short, 3 Mode S long. */
  readonly type: 1 | 2 | 3;
  /** 48-bit 12 MHz receiver counter (0 when the receiver sends none). */
  readonly counter: number;
  /** Signal level byte as sent (0–255). */
  readonly signal: number;
  /** The frame bytes, unescaped: 2, 7 or 14 bytes. */
  readonly data: Uint8Array;
}

export interface BeastFailure extends DecodeFailure {
  /** First bytes of the skipped run (at most `BEAST_FAILURE_RAW_BYTES`), for the dead-letter record. */
  readonly raw: Uint8Array;
  /** Number of stream bytes skipped in this run. */
  readonly skipped: number;
}

export type BeastItem = BeastFrame | BeastFailure;

/** Framer states. */
const State = {
  /** Outside a frame, looking for 0x1a. */
  Seek: 0,
  /** After a 0x1a outside a frame: the next byte is the frame type. */
  Type: 1,
  Body: 2,
  /** Inside a frame after a 0x1a: the next byte must be a second 0x1a. */
  BodyEscape: 3,
} as const;

function bodyLength(type: number): number {
  if (type === TYPE_LONG) return HEADER_BYTES + 14;
  if (type === TYPE_SHORT) return HEADER_BYTES + 7;
  if (type === TYPE_MODE_AC) return HEADER_BYTES + 2;
  return 0;
}

export class BeastFramer {
  private state: number = State.Seek;
  private type = 0;
  private readonly body = new Uint8Array(LONGEST_BODY);
  private need = 0;
  private got = 0;
  private readonly skippedRaw = new Uint8Array(BEAST_FAILURE_RAW_BYTES);
  private skipped = 0;

  /** Frame one chunk; `emit` receives each frame and each failure in stream order. */
  push(chunk: Uint8Array, emit: (item: BeastItem) => void): void {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      switch (this.state) {
        case State.Seek:
          if (byte === ESCAPE) this.state = State.Type;
          else this.skip(byte, emit);
          break;
        case State.Type:
          this.startFrame(byte, emit);
          break;
        case State.Body:
          if (byte === ESCAPE) this.state = State.BodyEscape;
          else this.store(byte, emit);
          break;
        case State.BodyEscape:
          if (byte === ESCAPE) {
            this.state = State.Body;
            this.store(byte, emit);
          } else {
            // An unescaped 0x1a: the frame was cut short and a new one starts with this type byte.
            this.skipPartialFrame(emit);
            this.startFrame(byte, emit);
          }
          break;
      }
    }
  }

  /** End of stream: a partial frame or a pending skipped run becomes a failure. */
  end(emit: (item: BeastItem) => void): void {
    if (this.state === State.Type) this.skip(ESCAPE, emit);
    else if (this.state === State.Body || this.state === State.BodyEscape) this.skipPartialFrame(emit);
    this.state = State.Seek;
    this.flushSkipped(emit);
  }

  private startFrame(type: number, emit: (item: BeastItem) => void): void {
    const need = bodyLength(type);
    if (need === 0) {
      // 0x1a followed by another 0x1a is an escaped data byte of a frame we are not synchronised to.
      this.skip(ESCAPE, emit);
      this.skip(type, emit);
      this.state = State.Seek;
      return;
    }
    this.flushSkipped(emit);
    this.type = type;
    this.need = need;
    this.got = 0;
    this.state = State.Body;
  }

  private store(byte: number, emit: (item: BeastItem) => void): void {
    this.body[this.got++] = byte;
    if (this.got < this.need) return;
    this.state = State.Seek;
    const body = this.body;
    let counter = 0;
    for (let i = 0; i < COUNTER_BYTES; i++) counter = counter * 256 + body[i]!;
    emit({
      ok: true,
      type: (this.type - TYPE_MODE_AC + 1) as 1 | 2 | 3,
      counter,
      signal: body[COUNTER_BYTES]!,
      data: body.slice(HEADER_BYTES, this.need),
    });
  }

  private skipPartialFrame(emit: (item: BeastItem) => void): void {
    this.skip(ESCAPE, emit);
    this.skip(this.type, emit);
    for (let i = 0; i < this.got; i++) this.skip(this.body[i]!, emit);
    this.got = 0;
  }

  private skip(byte: number, emit: (item: BeastItem) => void): void {
    if (this.skipped < BEAST_FAILURE_RAW_BYTES) this.skippedRaw[this.skipped] = byte;
    this.skipped++;
    if (this.skipped >= BEAST_MAX_SKIPPED_RUN) this.flushSkipped(emit);
  }

  private flushSkipped(emit: (item: BeastItem) => void): void {
    const skipped = this.skipped;
    if (skipped === 0) return;
    this.skipped = 0;
    emit({
      ok: false,
      code: 'BEAST_FRAMING',
      detail: `skipped ${skipped} byte(s) outside a frame`,
      raw: this.skippedRaw.slice(0, Math.min(skipped, BEAST_FAILURE_RAW_BYTES)),
      skipped,
    });
  }
}

/** 12 MHz counter ticks per millisecond. */
export const BEAST_TICKS_PER_MS = 12_000;

/** readsb stamps frames it synthesises from MLAT results with this counter ("\xff\0MLAT"): not a receiver time. */
export const MLAT_COUNTER_MAGIC = 0xff004d4c4154;

/** A counter that runs backwards by more than this (1 s) means the receiver restarted: time continues from there. */
export const COUNTER_RESET_TICKS = 12_000_000;

/**
 * Event time for Beast (and AVR `@`) counters: time = startTime + (counter − firstCounter) / 12 MHz, where the first
 * frame with a non-zero counter is at `startTimeMs` (DESIGN.md `--start-time`). Frames without a counter (0 or the
 * MLAT mark) get the time of the frame before. A counter reset continues from the last time, so time never jumps back
 * by more than a second's jitter.
 */
export class BeastClock {
  private firstCounter = -1;
  private baseTime: number;
  private lastCounter = 0;
  private lastTime: number;

  constructor(readonly startTimeMs: number) {
    if (!Number.isFinite(startTimeMs)) throw new RangeError(`BeastClock start time must be finite, got ${startTimeMs}`);
    this.baseTime = startTimeMs;
    this.lastTime = startTimeMs;
  }

  /** Event time in ms since the epoch (fractional) for a frame's counter. */
  timeOf(counter: number): number {
    if (counter === 0 || counter === MLAT_COUNTER_MAGIC) return this.lastTime;
    if (this.firstCounter < 0) {
      this.firstCounter = counter;
    } else if (counter < this.lastCounter - COUNTER_RESET_TICKS) {
      this.baseTime = this.lastTime;
      this.firstCounter = counter;
    }
    this.lastCounter = counter;
    this.lastTime = this.baseTime + (counter - this.firstCounter) / BEAST_TICKS_PER_MS;
    return this.lastTime;
  }
}
