import { FLAG_UNKNOWN } from './ais-rules.js';
import type { CirclingState } from './circling.js';
import { MODE, type Mode, TRIGGER, type Trigger } from './track-mode.js';

/**
 * Everything the entity stage keeps about one craft: numbers and booleans in one class of fixed shape (no history
 * arrays), about 650 bytes of heap with the V8 of Node 20. Unknown numbers are NaN; fields that hold times and
 * coordinates start as NaN (a double) so that V8 never has to change their representation, which would deoptimise the
 * stage's hot functions.
 * The circling accumulator exists only for vessels that move.
 */
export class CraftState {
  /** Last report time (ms), for the bounded map's expiry. */
  lastSeen = Number.NaN;

  // The kinematic reference: the last distinct position of the current position source.
  src = -1;
  refLat = Number.NaN;
  refLon = Number.NaN;
  /** First and latest report of the reference position (they differ when it repeats). */
  refT = Number.NaN;
  refLastT = Number.NaN;
  repeats = 0;
  frozen = false;

  // The last good position: trustworthy (not spoofed, not frozen), with the velocity reported there.
  goodLat = Number.NaN;
  goodLon = Number.NaN;
  goodT = Number.NaN;
  goodGs = Number.NaN;
  goodTrack = Number.NaN;
  /** Last known altitude, ft (barometric when known). */
  alt = 0;

  // Integrity (ADS-B NIC/NACp, AIS fix flags).
  counter = 0;
  degraded = false;
  /** EVIDENCE bits of the bad reports behind the current degradation. */
  integrityEvidence = 0;
  /** The craft has been healthy at least once since it appeared: a later loss happened here. */
  everGood = false;
  /** The craft sends NIC/NACp at all (or readsb judged it); without, only its track can be judged. */
  hasIntegrity = false;
  /** Last healthy report (ms), and where it was (NaN when it had no position): the edge of an emitter's reach. */
  lastHealthyT = Number.NaN;
  healthyLat = Number.NaN;
  healthyLon = Number.NaN;
  healthyAlt = 0;
  accuracy = FLAG_UNKNOWN;
  raim = FLAG_UNKNOWN;

  // Spoofing.
  mode: Mode = MODE.NORMAL;
  trigger: Trigger = TRIGGER.NONE;
  modeSince = Number.NaN;
  /** EVIDENCE bits of standing anomalies: ALT_MISMATCH, CIRCLING, CONVERGING. */
  anomalies = 0;
  altStreak = 0;
  circling: CirclingState | null = null;

  // Emission.
  bucket = -1;
  /** Worst status rank sent in the current bucket (−1: none yet). */
  emittedRank = -1;
  chronic = false;
  /** Cell cache (see cell-locator.ts): the last cell, its centre and a radius inside which a position stays in it. */
  cell = '';
  cellLat = Number.NaN;
  cellLon = Number.NaN;
  cellSafeKm = Number.NaN;

  constructor(
    readonly sea: boolean,
    readonly ignored: boolean,
  ) {}

  setRef(lat: number, lon: number, t: number): void {
    this.refLat = lat;
    this.refLon = lon;
    this.refT = t;
    this.refLastT = t;
    this.repeats = 0;
  }

  setGood(lat: number, lon: number, t: number, gs: number | undefined, track: number | undefined): void {
    this.goodLat = lat;
    this.goodLon = lon;
    this.goodT = t;
    this.goodGs = gs ?? Number.NaN;
    this.goodTrack = track ?? Number.NaN;
  }

  markHealthy(t: number, lat: number, lon: number, alt: number): void {
    this.everGood = true;
    this.lastHealthyT = t;
    this.healthyLat = lat;
    this.healthyLon = lon;
    this.healthyAlt = alt;
  }

  /** Forget the track and any episode (a landing: the next flight starts afresh). */
  resetTrack(): void {
    this.src = -1;
    this.refLat = Number.NaN;
    this.refLon = Number.NaN;
    this.repeats = 0;
    this.frozen = false;
    this.counter = 0;
    this.degraded = false;
    this.integrityEvidence = 0;
    this.mode = MODE.NORMAL;
    this.trigger = TRIGGER.NONE;
    this.anomalies = 0;
    this.altStreak = 0;
    this.circling = null;
  }
}
