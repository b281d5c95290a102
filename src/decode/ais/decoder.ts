/**
 * The stateful AIS decoder: NMEA lines in, one `Outcome` per line out.
 *
 *   line ──parseNmeaLine──▶ VDM/VDO sentence ──(multi-part?) MultipartAssembler──▶ payload
 *        ──SixBitReader──▶ message type ──one decoder per family──▶ AisPosition | AisStatic
 *        ──merge with per-vessel static data──▶ report | state
 *
 *   message types     outcome
 *   1, 2, 3           report, aisClass 'A'
 *   18, 19            report, aisClass 'B' (19 also carries name and EPFD)
 *   21                report, aisClass 'AtoN' (a buoy's or beacon's position, with name and EPFD)
 *   27                report, aisClass 'LR', with gnssStatus
 *   5, 24             state: name, call sign, EPFD kept per vessel and carried by its later reports
 *   other 1–27        ignored('ais-no-craft-position') (base stations, binary, safety, channel management, SAR …)
 *   VDO               ignored('own-ship'); other NMEA sentences ($GPGGA, …) too
 *   $PGHP             state: the time of the next sentence
 *   a part of a multi-part message that is not the last: state (held by the assembler)
 *
 * Event time of a sentence, first that applies: tag block c:, the $PGHP line just before it, a Unix time trailing the
 * checksum, `fallbackTimeMs` (the caller's receive time, or --start-time plus line position for files). $PGHP comes
 * before the trailer because it is the clock of the whole stream: in the DMA corpus two relayed sentences carry both,
 * their trailer 15 s before the Gatehouse time, and the stream stays on one clock only with the latter. A
 * multi-part message takes the time and receiver of its first part. Reports carry `t` = that time, `receiver` = the
 * tag block's s: or the $PGHP base station. The decoder has no clock: time only comes in with the lines.
 */
import { BoundedMap } from '../../collections/bounded-map.js';
import { type DecodeFailure, failure } from '../../errors.js';
import { mmsiId, REPORT_SCHEMA_ID, type Report } from '../../schema/report.js';
import { type PghpLine, parseNmeaLine, type VdmSentence } from '../nmea.js';
import { ignored, type Outcome, reported, STATE } from '../outcome.js';
import { decodeAidToNavigation } from './aid-to-navigation.js';
import { decodeExtendedClassB } from './extended-class-b.js';
import { decodeLongRange } from './long-range.js';
import { type AisMessage, type AisPosition, HEADER_BITS, isValidMmsi, messageType, sourceMmsi } from './message.js';
import { MultipartAssembler } from './multipart.js';
import { decodeClassAPosition } from './position-class-a.js';
import { decodeClassBPosition } from './position-class-b.js';
import { SixBitReader } from './sixbit.js';
import { decodeStaticClassB } from './static-class-b.js';
import { decodeStaticVoyage } from './static-voyage.js';

/**
 * Static data is kept while a vessel is heard. Class A sends message 5 and Class B message 24 every 6 minutes
 * (ITU-R M.1371-5 reporting intervals of static information); a vessel silent for an hour has missed ten of them and
 * has left range, or its data may have changed.
 */
export const AIS_VESSEL_IDLE_MS = 60 * 60_000;

/** Worldwide about 180,000 vessels transmit AIS in a day (DOMAIN.md, MarineTraffic): room for all of them. */
export const AIS_MAX_VESSELS = 200_000;

/** Expiry of idle vessels runs at most once per minute of event time: it need not be exact, only bounded. */
const VESSEL_EXPIRY_INTERVAL_MS = 60_000;

/** The report schema's limit on `receiver`. */
const MAX_RECEIVER_LENGTH = 64;

export interface AisDecoderOptions {
  /** Bound on vessels with static data (default AIS_MAX_VESSELS). */
  readonly maxVessels?: number;
  /** Static data of a vessel not heard for this long is dropped (default AIS_VESSEL_IDLE_MS). */
  readonly vesselIdleMs?: number;
  /** Bound on multi-part groups waiting for parts (default MAX_PENDING_GROUPS). */
  readonly maxPendingGroups?: number;
  /** Parts of one message further apart than this in event time do not join (default FRAGMENT_TIMEOUT_MS). */
  readonly fragmentTimeoutMs?: number;
  /**
   * Called once for each multi-part message that will never complete (AIS_MULTIPART): its parts were each answered
   * with `state` when they arrived, so this is where the loss is counted.
   */
  readonly onIncomplete?: (failure: DecodeFailure) => void;
}

/** What the decoder knows about a vessel from static data (messages 5, 24, and the names and EPFD in 19 and 21). */
export interface VesselStatic {
  readonly name: string | undefined;
  readonly callsign: string | undefined;
  readonly epfd: number | undefined;
}

interface VesselState {
  lastSeen: number;
  name: string | undefined;
  callsign: string | undefined;
  epfd: number | undefined;
}

/** Key of a multi-part group: the g: group when the tag block has one, else (source or talker, channel, id, count). */
export function multipartKey(sentence: VdmSentence): string {
  const tag = sentence.tag;
  const parts = `${sentence.talker}|${sentence.channel}|${sentence.sequenceId}|${sentence.fragmentCount}`;
  // Grouped lines often name their source only on the first line, so the g: id stands in for it.
  if (tag?.groupId !== undefined) return `g:${tag.groupId}|${parts}`;
  return `s:${tag?.source ?? ''}|${parts}`;
}

export class AisDecoder {
  private readonly reader = new SixBitReader();
  private readonly assembler: MultipartAssembler;
  private readonly vessels: BoundedMap<number, VesselState>;
  private readonly vesselIdleMs: number;
  private lastExpiryAt = Number.NEGATIVE_INFINITY;
  /** The $PGHP line waiting for the sentence it stamps. */
  private stamp: PghpLine | undefined;

  constructor(options: AisDecoderOptions = {}) {
    this.vessels = new BoundedMap(options.maxVessels ?? AIS_MAX_VESSELS);
    this.vesselIdleMs = options.vesselIdleMs ?? AIS_VESSEL_IDLE_MS;
    this.assembler = new MultipartAssembler({
      maxPending: options.maxPendingGroups,
      timeoutMs: options.fragmentTimeoutMs,
      onIncomplete: options.onIncomplete,
    });
  }

  /** Vessels with static data held. */
  get trackedVessels(): number {
    return this.vessels.size;
  }

  /** Multi-part messages waiting for more parts. */
  get pendingGroups(): number {
    return this.assembler.size;
  }

  /** The static data held for a vessel, if any. */
  vessel(mmsi: number): VesselStatic | undefined {
    const state = this.vessels.get(mmsi);
    return state === undefined ? undefined : { name: state.name, callsign: state.callsign, epfd: state.epfd };
  }

  /**
   * Decode one line (a trailing CR/LF is allowed). `fallbackTimeMs` is the event time to use when the line has no
   * time of its own (see the header). Every line gives exactly one outcome; bad input is a value, never a throw.
   */
  decodeLine(line: string, fallbackTimeMs: number): Outcome {
    const parsed = parseNmeaLine(line);
    if (!('kind' in parsed)) {
      this.stamp = undefined; // the line a $PGHP stamped is most likely this broken one
      return parsed;
    }
    if (parsed.kind === 'pghp') {
      this.stamp = parsed;
      return STATE;
    }
    if (parsed.kind === 'other') return ignored('own-ship');

    const stamp = this.stamp;
    this.stamp = undefined;
    if (parsed.ownShip) return ignored('own-ship');
    const tag = parsed.tag;
    const dataTimeMs = tag?.timeMs ?? stamp?.timeMs ?? parsed.trailerTimeMs;
    const receiver = tag?.source ?? stamp?.baseStation;

    if (parsed.fragmentCount === 1) {
      const t = eventTime(dataTimeMs, fallbackTimeMs);
      if (typeof t !== 'number') return t;
      return this.decodePayload(parsed.payload, parsed.fillBits, t, receiver);
    }
    let partTimeMs = dataTimeMs;
    if (parsed.fragmentNumber === 1) {
      const t = eventTime(dataTimeMs, fallbackTimeMs);
      if (typeof t !== 'number') return t;
      partTimeMs = t;
    }
    const assembled = this.assembler.add(
      multipartKey(parsed),
      parsed.fragmentCount,
      parsed.fragmentNumber,
      parsed.payload,
      parsed.fillBits,
      partTimeMs,
      receiver,
    );
    if (assembled === undefined) return STATE;
    if ('ok' in assembled) return assembled;
    return this.decodePayload(assembled.payload, assembled.fillBits, assembled.timeMs, assembled.receiver);
  }

  /** End of input: multi-part messages still waiting are reported through `onIncomplete`. */
  flush(): void {
    this.assembler.flush();
    this.stamp = undefined;
  }

  private decodePayload(payload: string, fillBits: number, t: number, receiver: string | undefined): Outcome {
    const reader = this.reader;
    if (!reader.load(payload, fillBits)) {
      return failure('AIS_PAYLOAD', 'payload has a character outside six-bit armouring');
    }
    if (reader.bitLength < HEADER_BITS) {
      return failure('AIS_PAYLOAD', `payload has ${reader.bitLength} bits, less than the ${HEADER_BITS}-bit header`);
    }
    const aisType = messageType(reader);
    const mmsi = sourceMmsi(reader);
    let message: AisMessage | DecodeFailure;
    switch (aisType) {
      case 1:
      case 2:
      case 3:
        message = decodeClassAPosition(reader, aisType, mmsi);
        break;
      case 5:
        message = decodeStaticVoyage(reader, mmsi);
        break;
      case 18:
        message = decodeClassBPosition(reader, mmsi);
        break;
      case 19:
        message = decodeExtendedClassB(reader, mmsi);
        break;
      case 21:
        message = decodeAidToNavigation(reader, mmsi);
        break;
      case 24:
        message = decodeStaticClassB(reader, mmsi);
        break;
      case 27:
        message = decodeLongRange(reader, mmsi);
        break;
      default:
        if (aisType >= 1 && aisType <= 27) return ignored('ais-no-craft-position');
        return failure('AIS_PAYLOAD', `message type ${aisType} does not exist`);
    }
    if ('ok' in message) return message;
    if (!isValidMmsi(mmsi)) return failure('VALUE_RANGE', `message ${aisType} MMSI ${mmsi} is not a nine-digit MMSI`);
    const vessel = this.updateVessel(message, t);
    if (message.kind === 'static') return STATE;
    return reported(positionReport(message, vessel, t, receiver));
  }

  /** Keep static data from the message, and keep a known vessel alive. */
  private updateVessel(message: AisMessage, t: number): VesselState | undefined {
    if (t >= this.lastExpiryAt + VESSEL_EXPIRY_INTERVAL_MS || t < this.lastExpiryAt) {
      this.vessels.expireBefore(t - this.vesselIdleMs);
      this.lastExpiryAt = t;
    }
    const callsign = message.kind === 'static' ? message.callsign : undefined;
    let state = this.vessels.get(message.mmsi);
    if (state === undefined) {
      if (message.name === undefined && message.epfd === undefined && callsign === undefined) return undefined;
      state = { lastSeen: t, name: undefined, callsign: undefined, epfd: undefined };
      this.vessels.set(message.mmsi, state);
    } else {
      this.vessels.touch(message.mmsi, state, Math.max(t, state.lastSeen));
    }
    if (message.name !== undefined) state.name = message.name;
    if (callsign !== undefined) state.callsign = callsign;
    if (message.epfd !== undefined) state.epfd = message.epfd;
    return state;
  }
}

/** The sentence's own time, else the caller's; a fallback that is not a time since 1970 is refused. */
function eventTime(dataTimeMs: number | undefined, fallbackTimeMs: number): number | DecodeFailure {
  if (dataTimeMs !== undefined) return dataTimeMs;
  const t = Math.round(fallbackTimeMs);
  return t >= 0 ? t : failure('VALUE_RANGE', `fallback time ${fallbackTimeMs} is not a time since 1970`);
}

/** The normalised report for one position message, with the vessel's latest static data. */
function positionReport(
  message: AisPosition,
  vessel: VesselStatic | undefined,
  t: number,
  receiver: string | undefined,
): Report {
  const report: Report = { schema: REPORT_SCHEMA_ID, src: 'ais', id: mmsiId(message.mmsi), t };
  if (message.lat !== undefined && message.lon !== undefined) {
    report.lat = message.lat;
    report.lon = message.lon;
  } else {
    report.posAvailable = false;
  }
  if (message.gs !== undefined) report.gs = message.gs;
  if (message.track !== undefined) report.track = message.track;
  if (message.heading !== undefined) report.heading = message.heading;
  report.aisAccuracy = message.accuracy;
  report.raim = message.raim;
  report.aisClass = message.aisClass;
  report.aisType = message.aisType;
  const epfd = message.epfd ?? vessel?.epfd;
  if (epfd !== undefined) report.epfd = epfd;
  if (message.gnssStatus !== undefined) report.gnssStatus = message.gnssStatus;
  const name = message.name ?? vessel?.name;
  if (name !== undefined) report.name = name;
  const callsign = vessel?.callsign;
  if (callsign !== undefined) report.callsign = callsign;
  if (receiver !== undefined) report.receiver = receiver.slice(0, MAX_RECEIVER_LENGTH);
  return report;
}
