/**
 * readsb JSON, every shape people record or serve (readsb README-json.md):
 *   aircraft.json snapshot   { "now": <epoch s>, "messages": n, "aircraft": [ aircraft, … ] }   (also history_N.json,
 *                            one file, or one snapshot per line as recorders write them)
 *   API v2 response          { "ac": [ aircraft, … ] | null, "now": <epoch ms>, "msg", "total", "ctime", "ptime" }
 *                            (ADS-B Exchange, adsb.lol, airplanes.live, readsb --net-api-port with jv2)
 *   --net-json-port line     { "now": <epoch s>, "hex": …, …aircraft fields }   one aircraft per line, own `now`
 *   globe trace file         { "icao": …, "timestamp": <epoch s>, "trace": [ point, … ] }   (see readsb/trace.ts)
 * `now` in seconds or milliseconds is told apart by magnitude (readsb/epoch.ts); a document without `now` takes the
 * receive time. Each aircraft entry gives exactly one outcome (readsb/aircraft-entry.ts): a report for a new
 * position event, a state outcome otherwise, `ignored` for a non-ICAO (`~`) address, or a failure for a bad entry;
 * the entries around a bad one are still decoded. Unparsable text is JSON_SYNTAX, anything else JSON_SHAPE.
 *
 * Validation is by hand, not zod: a whole-planet aircraft.json has ~10,000 entries a second. Measured on a synthetic
 * 10,000-entry snapshot (6.5 MB, readsb's full field set, Node 20): JSON.parse 2.6 µs/entry, this decoder 0.9 µs/entry
 * on top (reports included), while a zod object schema of the same ~25 fields took 1.9 µs/entry to validate alone.
 */
import { failure } from '../errors.js';
import { isJsonObject } from './json-field.js';
import type { OutcomeSink } from './outcome.js';
import { decodeAircraftEntry } from './readsb/aircraft-entry.js';
import { epochMsOf } from './readsb/epoch.js';
import { PositionEvents, READSB_MAX_AIRCRAFT } from './readsb/position-events.js';
import { decodeTrace } from './readsb/trace.js';

/** JSON.parse messages can quote a whole line; failures keep the start, enough to find it. */
const MAX_DETAIL_LENGTH = 200;

export interface ReadsbDecoderOptions {
  /** Bound on per-aircraft state (default READSB_MAX_AIRCRAFT). */
  readonly maxAircraft?: number;
}

export class ReadsbDecoder {
  private readonly events: PositionEvents;

  constructor(options: ReadsbDecoderOptions = {}) {
    this.events = new PositionEvents(options.maxAircraft ?? READSB_MAX_AIRCRAFT);
  }

  get trackedAircraft(): number {
    return this.events.size;
  }

  /**
   * One JSON document: a whole file, an HTTP body or one line of a JSON-lines recording. `receiveTimeMs` stands in
   * for a missing `now`. Outcomes go to `emit`, one per aircraft entry or trace point (none for an empty list).
   */
  decodeDocument(text: string, receiveTimeMs: number, emit: OutcomeSink): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      emit(failure('JSON_SYNTAX', (error as Error).message.slice(0, MAX_DETAIL_LENGTH)));
      return;
    }
    this.decodeValue(value, receiveTimeMs, emit);
  }

  /**
   * A file's whole text, whether one document (possibly pretty-printed) or JSON lines: one document when it parses
   * as one; JSON lines when its first non-blank line parses on its own; otherwise a single JSON_SYNTAX failure.
   */
  decodeFile(text: string, receiveTimeMs: number, emit: OutcomeSink): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const lines = text.split('\n');
      if (!parsesAlone(lines.find((line) => line.trim() !== '') ?? '')) {
        emit(failure('JSON_SYNTAX', (error as Error).message.slice(0, MAX_DETAIL_LENGTH)));
        return;
      }
      for (const line of lines) if (line.trim() !== '') this.decodeDocument(line, receiveTimeMs, emit);
      return;
    }
    this.decodeValue(value, receiveTimeMs, emit);
  }

  /** An already parsed document (for example an HTTP client's JSON body). */
  decodeValue(value: unknown, receiveTimeMs: number, emit: OutcomeSink): void {
    if (!isJsonObject(value)) {
      emit(failure('JSON_SHAPE', 'document is not a JSON object'));
      return;
    }
    const now = value.now;
    if (now !== undefined && (typeof now !== 'number' || !(now >= 0))) {
      emit(failure('JSON_SHAPE', 'now is not a non-negative number'));
      return;
    }
    const nowMs = now === undefined ? receiveTimeMs : epochMsOf(now);
    const list = value.aircraft ?? value.ac;
    if (Array.isArray(list)) {
      this.decodeList(list, nowMs, emit);
    } else if ('ac' in value && list === null) {
      // API v2 answers an empty area with "ac": null.
    } else if (Array.isArray(value.trace)) {
      decodeTrace(value, this.events, emit);
    } else if (typeof value.hex === 'string') {
      emit(decodeAircraftEntry(value, nowMs, this.events));
      this.events.expire(nowMs);
    } else {
      emit(failure('JSON_SHAPE', 'not a readsb document: no aircraft, ac, trace or hex'));
    }
  }

  private decodeList(list: unknown[], nowMs: number, emit: OutcomeSink): void {
    const events = this.events;
    for (let i = 0; i < list.length; i++) emit(decodeAircraftEntry(list[i], nowMs, events));
    events.expire(nowMs);
  }
}

function parsesAlone(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}
