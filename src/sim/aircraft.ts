import { distanceKm, KM_PER_NM, offsetKm } from '../core/geodesy.js';
import { FEET_TO_METRES } from '../core/radio-horizon.js';
import type { Scenario } from '../schema/scenario.js';
import type { Coverage } from './coverage.js';
import type { ActiveEmitter } from './emitters.js';
import { type AircraftState, type Flight, flightStateAt } from './flights.js';
import {
  emitterInReach,
  type GnssState,
  hasNoFix,
  newGnssState,
  reportsFalsePosition,
  spoofStillConfident,
  stepGnss,
} from './gnss.js';
import type { Prng } from './prng.js';
import { formatEntry, READSB_POSITION_VALID_S, type ReadsbEntry } from './readsb-json.js';
import type { TruthRecorder } from './truth-recorder.js';

/**
 * One simulated aircraft: what its transponder sends (true, degraded, missing or spoofed positions with their
 * integrity values) and what readsb makes of it (speed check, stale positions, the "lost GNSS" fields), second by
 * second.
 */

/** Containment radius (m) for each airborne NIC value (DO-260B Table 2-14, without supplement bits). */
const RC_FOR_NIC = [0, 37_040, 14_816, 7408, 3704, 1852, 1111, 370, 186, 75, 25, 8] as const;

/** readsb flags lost GNSS at 17 of 20 bad messages; at ~2 position messages per second that is about 9 s. */
export const READSB_LOST_GNSS_DELAY_S = 9;
/** readsb shows gpsOkBefore for up to 15 minutes after the loss (README-json.md). */
export const READSB_GPS_OK_MAX_AGE_S = 15 * 60;
/** readsb's lost-GNSS counter runs only for airborne aircraft faster than 50 kt. */
export const READSB_LOST_GNSS_MIN_GS_KT = 50;
/** NACp at or below this counts as bad in readsb's lost-GNSS counter; at or above GOOD it refreshes gpsOk. */
export const READSB_BAD_NACP = 2;
export const READSB_GOOD_NACP = 4;
/** readsb lists an aircraft while any message is younger than 30 s (README-json.md). */
export const READSB_LIST_HEARD_S = 30;
/**
 * readsb's speed check rejects a position that the aircraft could not have reached; after a jump it keeps rejecting
 * until the new track has been consistent for a while. Modelled as a rejection of 5–30 s.
 */
export const READSB_REJECT_S: readonly [number, number] = [5, 30];
/** Jump allowance of the speed check: reported speed plus this margin, knots, plus a fixed 1 km. */
const SPEED_CHECK_MARGIN_KT = 200;
/** Inertial drift of a jammed aircraft that keeps sending positions: about 2 NM per hour. */
const INS_DRIFT_KM_PER_MIN = 0.06;
/** MLAT positions: one every 1–4 s, scattered by about 150 m. */
const MLAT_INTERVAL_MS: readonly [number, number] = [1000, 4000];
const MLAT_NOISE_KM = 0.15;
/** Spoofed aircraft at a point spread by at most this much (receiver noise), km. */
const SPOOF_POINT_SPREAD_KM = 0.1;
/** Mode S messages a receiver decodes from one aircraft per second (positions, velocity, status, replies). */
const MESSAGES_PER_S: readonly [number, number] = [3, 8];
/** GNSS antenna height above the ground or the altitude, metres. */
const ANTENNA_M = 3;

export interface AircraftTraits {
  readonly mlat: boolean;
  readonly version: 0 | 2;
  readonly chronicBad: boolean;
  readonly groundNacp0: boolean;
  /** Enters already degraded (GNSS lost far away) until this time, epoch ms; −∞ when not. */
  readonly degradedUntil: number;
  readonly nic: number;
  readonly nacp: number;
  readonly nacv: number;
  readonly category: string;
  readonly squawk: string;
  readonly rssi: number;
}

export function drawTraits(
  flight: Flight,
  nuisances: Scenario['nuisances'],
  area: Scenario['area'],
  rng: Prng,
): AircraftTraits {
  const mlat = rng.chance(nuisances.mlatFraction);
  const version = !mlat && rng.chance(nuisances.version0Fraction) ? 0 : 2;
  const chronicBad = !mlat && rng.chance(nuisances.chronicBadFraction);
  const groundNacp0 = rng.chance(nuisances.groundNacp0Fraction);
  const fromOutside =
    flight.from.lat < area.south ||
    flight.from.lat > area.north ||
    flight.from.lon < area.west ||
    flight.from.lon > area.east;
  const degraded = !mlat && fromOutside && rng.chance(nuisances.degradedOnEntryFraction);
  const airborneMs = flight.tLanding - flight.tTakeoff;
  return {
    mlat,
    version,
    chronicBad,
    groundNacp0,
    degradedUntil: degraded ? flight.tTakeoff + airborneMs * rng.uniform(0.5, 0.9) : Number.NEGATIVE_INFINITY,
    nic: chronicBad ? rng.int(0, 5) : version === 0 ? 7 : rng.chance(0.85) ? 8 : 7,
    nacp: chronicBad ? rng.int(0, 2) : rng.chance(0.7) ? 9 : 10,
    nacv: rng.int(1, 2),
    category: rng.chance(0.8) ? 'A3' : rng.pick(['A1', 'A2', 'A5']),
    squawk: [0, 0, 0, 0].map(() => rng.int(0, 7)).join(''),
    rssi: rng.uniform(-28, -8),
  };
}

/** What every aircraft needs on a tick; one object, built once, whose `emitters` the loop updates. */
export interface AirContext {
  emitters: readonly ActiveEmitter[];
  readonly coverage: Coverage;
  readonly truth: TruthRecorder;
  readonly rng: Prng;
  readonly state: AircraftState;
}

export class SimAircraft {
  readonly id: string;
  readonly gnss: GnssState;
  /** readsb's view of the aircraft. */
  private heardAt = Number.NEGATIVE_INFINITY;
  private hasPos = false;
  private posAt = 0;
  private posLat = 0;
  private posLon = 0;
  private posNic: number | undefined = undefined;
  private posRc: number | undefined = undefined;
  private rejectSince = Number.NaN;
  private rejectForMs = 0;
  private badSince = Number.NaN;
  private lastGoodAt = Number.NaN;
  private lastGoodLat = 0;
  private lastGoodLon = 0;
  private nextMlatAt = 0;
  private messages = 0;
  /** Latest transmitted state for the snapshot. */
  private altGeom: number | undefined = undefined;
  private gs = 0;
  private track = 0;
  private nacp: number | undefined = undefined;
  private onGround = true;
  private altBaro = 0;
  private baroRate = 0;

  constructor(
    readonly flight: Flight,
    readonly traits: AircraftTraits,
    rng: Prng,
  ) {
    this.id = `icao:${flight.hex}`;
    this.gnss = newGnssState(rng);
  }

  /**
   * Advances to time t (ms): moves, applies interference, lets readsb hear it. Returns how many messages readsb
   * received this second (0 when out of coverage).
   */
  step(t: number, ctx: AirContext): number {
    const s = ctx.state;
    const rng = ctx.rng;
    const f = this.flight;
    const tr = this.traits;
    const posT = t - rng.int(0, 5) * 100;
    flightStateAt(f, posT, s);
    const heightM = s.altFt * FEET_TO_METRES + ANTENNA_M;
    const hit = tr.mlat ? undefined : emitterInReach(ctx.emitters, s.lat, s.lon, heightM, this.gnss.susceptibility);
    stepGnss(this.gnss, t, hit, rng);

    // What the transponder sends.
    const g = this.gnss;
    const noFix = hasNoFix(g);
    const falsePos = reportsFalsePosition(g);
    let lat = s.lat;
    let lon = s.lon;
    let posSent = true;
    let nic = tr.nic;
    let nacp: number | undefined = tr.nacp;
    // readsb has no geometric altitude on the ground (surface position messages carry none).
    this.altGeom = s.onGround ? undefined : s.altFt + f.geomDeltaFt * Math.min(1, s.altFt / Math.max(1, f.cruiseFt));
    this.gs = s.gsKt;
    this.track = s.track;
    const jammer = g.cause?.emitter.jammer;
    if (tr.mlat) {
      posSent = t >= this.nextMlatAt;
      if (posSent) {
        this.nextMlatAt = t + rng.int(MLAT_INTERVAL_MS[0], MLAT_INTERVAL_MS[1]);
        const p = offsetKm(lat, lon, rng.normal() * MLAT_NOISE_KM, rng.normal() * MLAT_NOISE_KM);
        lat = p.lat;
        lon = p.lon;
      }
      this.altGeom = undefined;
    } else if (noFix) {
      nic = 0;
      nacp = 0;
      if (jammer && g.behaviour < jammer.lostPositionFraction) {
        posSent = false;
      } else {
        const driftKm = ((t - g.since) / 60_000) * INS_DRIFT_KM_PER_MIN;
        const angle = g.behaviour * 2 * Math.PI;
        const p = offsetKm(lat, lon, driftKm * Math.cos(angle), driftKm * Math.sin(angle));
        lat = p.lat;
        lon = p.lon;
      }
    } else if (falsePos) {
      const spoofer = g.cause!.emitter.spoofer!;
      if (!spoofStillConfident(g, t)) {
        nic = 0;
        nacp = 0;
      }
      if (spoofer.mode === 'offset') {
        const o = spoofer.offsetKm!;
        const p = offsetKm(lat, lon, o.east, o.north);
        lat = p.lat;
        lon = p.lon;
      } else {
        const target = spoofer.target!;
        const angle = g.behaviour * 2 * Math.PI;
        const spread = g.susceptibility * SPOOF_POINT_SPREAD_KM;
        const p = offsetKm(target.lat, target.lon, spread * Math.cos(angle), spread * Math.sin(angle));
        lat = p.lat;
        lon = p.lon;
        // The false solution puts the antenna at the target's height; ground speed and track still come from the
        // inertial reference, so the craft "flies" at speed while its position stands still.
        this.altGeom = target.altFt;
      }
    } else if (t < tr.degradedUntil || (tr.groundNacp0 && s.onGround)) {
      nic = 0;
      nacp = 0;
    }
    if (tr.version === 0) nacp = undefined;
    this.nacp = tr.mlat ? undefined : nacp;
    this.onGround = s.onGround;
    this.altBaro = s.altFt;
    this.baroRate = s.vrateFpm;

    // What readsb hears.
    const heard = ctx.coverage.hear(s.lat, s.lon, heightM, s.altFt) > 0;
    const received = heard ? rng.int(MESSAGES_PER_S[0], MESSAGES_PER_S[1]) : 0;
    if (heard) {
      this.heardAt = posT;
      this.messages += received;
      if (posSent && this.acceptPosition(posT, lat, lon, rng)) {
        this.hasPos = true;
        this.posAt = posT;
        this.posLat = lat;
        this.posLon = lon;
        this.posNic = tr.mlat ? undefined : nic;
        this.posRc = tr.mlat ? undefined : RC_FOR_NIC[nic];
      }
      if (!tr.mlat) this.countLostGnss(posT, posSent, lat, lon, s);
    }
    if (g.mode !== 'ok' && g.cause) {
      const effect = falsePos ? 'spoofed' : posSent ? 'degraded' : 'no-position';
      ctx.truth.mark(g.cause.event, this.id, 'air', effect, t, heard);
    }
    return received;
  }

  /** readsb's speed check: a position the aircraft could not have reached is rejected for a while. */
  private acceptPosition(posT: number, lat: number, lon: number, rng: Prng): boolean {
    if (!this.hasPos) return true;
    const dtH = Math.max(0.1, (posT - this.posAt) / 1000) / 3600;
    const allowedKm = (this.gs + SPEED_CHECK_MARGIN_KT) * KM_PER_NM * dtH + 1;
    if (distanceKm(this.posLat, this.posLon, lat, lon) <= allowedKm) {
      this.rejectSince = Number.NaN;
      return true;
    }
    if (Number.isNaN(this.rejectSince)) {
      this.rejectSince = posT;
      this.rejectForMs = rng.inRange(READSB_REJECT_S) * 1000;
    }
    if (posT - this.rejectSince < this.rejectForMs) return false;
    this.rejectSince = Number.NaN;
    return true;
  }

  /** readsb's lost-GNSS bookkeeping: a bad streak since `badSince`, the last good position before it. */
  private countLostGnss(posT: number, posSent: boolean, lat: number, lon: number, s: AircraftState): void {
    const counting = s.airborne && this.gs > READSB_LOST_GNSS_MIN_GS_KT;
    const nacp = this.nacp ?? 0;
    if (this.traits.version === 0) return;
    if (posSent && nacp >= READSB_GOOD_NACP) {
      this.badSince = Number.NaN;
      this.lastGoodAt = posT;
      this.lastGoodLat = lat;
      this.lastGoodLon = lon;
    } else if (counting && (!posSent || nacp <= READSB_BAD_NACP) && Number.isNaN(this.badSince)) {
      this.badSince = posT;
    }
  }

  /** readsb still lists the aircraft at time t. */
  listed(t: number): boolean {
    return (
      t - this.heardAt <= READSB_LIST_HEARD_S * 1000 ||
      (this.hasPos && t - this.posAt <= READSB_POSITION_VALID_S * 1000)
    );
  }

  /** The aircraft.json entry at time t. */
  entry(t: number, e: ReadsbEntry): string {
    const f = this.flight;
    const tr = this.traits;
    e.hex = f.hex;
    e.type = tr.mlat ? 'mlat' : 'adsb_icao';
    e.flight = f.callsign;
    e.onGround = this.onGround;
    e.altBaro = this.altBaro;
    e.altGeom = this.altGeom;
    e.gs = this.gs;
    e.track = this.track;
    e.baroRate = this.baroRate;
    e.squawk = tr.squawk;
    e.category = tr.category;
    e.hasPosition = this.hasPos;
    e.lat = this.posLat;
    e.lon = this.posLon;
    e.seenPos = (t - this.posAt) / 1000;
    e.nic = this.posNic;
    e.rc = this.posRc;
    const adsb = !tr.mlat;
    const v2 = adsb && tr.version === 2;
    e.version = adsb ? tr.version : undefined;
    e.nicBaro = v2 ? 1 : undefined;
    e.nacp = this.nacp;
    e.nacv = v2 ? tr.nacv : undefined;
    e.sil = v2 ? 3 : undefined;
    e.silType = v2 ? 'perhour' : undefined;
    e.gva = v2 ? 2 : undefined;
    e.sda = v2 ? 2 : undefined;
    e.messages = this.messages;
    e.seen = Math.max(0, (t - this.heardAt) / 1000);
    e.rssi = tr.rssi;
    const lostFor = t - this.badSince;
    const flagged =
      !Number.isNaN(this.badSince) &&
      !Number.isNaN(this.lastGoodAt) &&
      lostFor >= READSB_LOST_GNSS_DELAY_S * 1000 &&
      t - this.lastGoodAt <= READSB_GPS_OK_MAX_AGE_S * 1000;
    e.gpsOkBefore = flagged ? this.lastGoodAt / 1000 : undefined;
    e.gpsOkLat = this.lastGoodLat;
    e.gpsOkLon = this.lastGoodLon;
    return formatEntry(e);
  }
}
