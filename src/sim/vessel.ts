import { KM_PER_NM, offsetKm } from '../core/geodesy.js';
import type { AisFeed } from './ais/feed.js';
import {
  AIS_LAT_NA,
  AIS_LON_NA,
  AIS_SECOND_INOPERATIVE,
  positionReportA,
  positionReportB,
  staticB,
  staticVoyageA,
} from './ais/messages.js';
import { positionIntervalMs, STATIC_INTERVAL_MS } from './ais/reporting.js';
import type { Coverage } from './coverage.js';
import type { ActiveEmitter } from './emitters.js';
import { emitterInReach, type GnssState, hasNoFix, newGnssState, reportsFalsePosition, stepGnss } from './gnss.js';
import type { Prng } from './prng.js';
import { NAV_AT_ANCHOR, type Vessel, type VesselState, vesselStateAt } from './sea-traffic.js';
import type { Effect, TruthRecorder } from './truth-recorder.js';

/**
 * One simulated vessel's AIS transponder: position reports at the ITU interval for its class and speed, static data
 * every 6 minutes, and what interference does to them. A jammed ship reports lat 91 / lon 181, or freezes on its
 * last fix, or wanders off it; a spoofed ship appears at the target (point), circles it (circle) or is shifted
 * (offset).
 */

/** Speed of a wandering (jammed, drifting) fix, knots. */
const WANDER_KN = 3;
/** Spread of spoofed ships parked at one target point (receiver noise and ship size), km. */
const SPOOF_POINT_SPREAD_KM = 0.3;
/** Speed at which spoofed ships appear to sail their circle, knots. */
const SPOOF_CIRCLE_KN = 10;
/** Share of Class A vessels that send type 3 (assigned/ITDMA) rather than type 1 position reports. */
const TYPE3_EVERY = 10;
/** AIS slots per minute (ITU-R M.1371: 2250 slots per frame of 60 s). */
const SLOTS_PER_MINUTE = 2250;

type JamEffect = 'unavailable' | 'frozen' | 'wandering';

/** What every vessel needs on a tick; one object, built once, whose `emitters` the loop updates. */
export interface SeaContext {
  emitters: readonly ActiveEmitter[];
  readonly startMs: number;
  readonly antennaM: number;
  readonly coverage: Coverage;
  readonly feed: AisFeed;
  readonly truth: TruthRecorder;
  readonly rng: Prng;
  readonly state: VesselState;
  readonly out: string[];
}

export class SimVessel {
  readonly id: string;
  readonly gnss: GnssState;
  nextAt: number;
  private nextPosAt: number;
  private nextStaticAt: number;
  private goodLat = Number.NaN;
  private goodLon = 0;
  private goodSog = 0;
  private goodCog = 0;

  constructor(
    readonly vessel: Vessel,
    startMs: number,
    rng: Prng,
  ) {
    this.id = `mmsi:${String(vessel.mmsi).padStart(9, '0')}`;
    this.gnss = newGnssState(rng);
    this.nextPosAt = startMs + rng.int(0, 10_000);
    this.nextStaticAt = startMs + rng.int(0, STATIC_INTERVAL_MS);
    this.nextAt = Math.min(this.nextPosAt, this.nextStaticAt);
  }

  /** Sends what is due at time t (ms); lines go to `ctx.out` through the feed. */
  step(t: number, ctx: SeaContext): void {
    const v = this.vessel;
    const s = ctx.state;
    vesselStateAt(v, t - ctx.startMs, s);
    const heard = ctx.coverage.hear(s.lat, s.lon, ctx.antennaM, 0) > 0;
    if (t >= this.nextPosAt) {
      this.sendPosition(t, ctx, heard);
      this.nextPosAt =
        t +
        Math.round(positionIntervalMs(v.classB, s.navStatus === NAV_AT_ANCHOR, s.sog) * ctx.rng.uniform(0.97, 1.03));
    }
    if (t >= this.nextStaticAt) {
      const receivers = ctx.coverage.heard;
      if (v.classB) {
        ctx.feed.send(t, staticB('A', { mmsi: v.mmsi, name: v.name }), receivers, ctx.out);
        ctx.feed.send(t, staticB('B', v), receivers, ctx.out);
      } else {
        const eta = new Date(t + 86_400_000);
        const etaFields = { month: eta.getUTCMonth() + 1, day: eta.getUTCDate(), hour: eta.getUTCHours(), minute: 0 };
        ctx.feed.send(t, staticVoyageA({ ...v, epfd: 1, eta: etaFields }), receivers, ctx.out);
      }
      this.nextStaticAt = t + STATIC_INTERVAL_MS;
    }
    this.nextAt = Math.min(this.nextPosAt, this.nextStaticAt);
  }

  private sendPosition(t: number, ctx: SeaContext, heard: boolean): void {
    const v = this.vessel;
    const g = this.gnss;
    const s = ctx.state;
    const rng = ctx.rng;
    stepGnss(g, t, emitterInReach(ctx.emitters, s.lat, s.lon, ctx.antennaM, g.susceptibility), rng);
    let lat = s.lat;
    let lon = s.lon;
    let sog: number | undefined = s.sog;
    let cog: number | undefined = s.cog;
    let second = Math.floor(t / 1000) % 60;
    let accuracy = v.accuracy;
    let effect: Effect | 'ok' = 'ok';
    if (hasNoFix(g)) {
      effect = this.jamEffect();
      accuracy = false;
      if (effect === 'unavailable' || Number.isNaN(this.goodLat)) {
        effect = 'unavailable';
        lat = AIS_LAT_NA;
        lon = AIS_LON_NA;
        sog = undefined;
        cog = undefined;
        second = AIS_SECOND_INOPERATIVE;
      } else if (effect === 'frozen') {
        lat = this.goodLat;
        lon = this.goodLon;
        sog = this.goodSog;
        cog = this.goodCog;
      } else {
        const km = ((t - g.since) / 3_600_000) * WANDER_KN * KM_PER_NM;
        const angle = g.behaviour * 2 * Math.PI + (t - g.since) / 600_000;
        const p = offsetKm(this.goodLat, this.goodLon, km * Math.cos(angle), km * Math.sin(angle));
        lat = p.lat;
        lon = p.lon;
        sog = WANDER_KN * rng.uniform(0.5, 1.5);
        cog = (((90 - (angle * 180) / Math.PI) % 360) + 360) % 360;
      }
    } else if (reportsFalsePosition(g)) {
      effect = 'spoofed';
      const spoofer = g.cause!.emitter.spoofer!;
      if (spoofer.mode === 'offset') {
        const o = spoofer.offsetKm!;
        const p = offsetKm(lat, lon, o.east, o.north);
        lat = p.lat;
        lon = p.lon;
      } else if (spoofer.mode === 'point') {
        const target = spoofer.target!;
        const spread = g.susceptibility * SPOOF_POINT_SPREAD_KM;
        const angle = g.behaviour * 2 * Math.PI;
        const p = offsetKm(target.lat, target.lon, spread * Math.cos(angle), spread * Math.sin(angle));
        lat = p.lat;
        lon = p.lon;
        sog = rng.uniform(0, 0.3);
      } else {
        const target = spoofer.target!;
        const r = spoofer.circleRadiusKm;
        const omega = (SPOOF_CIRCLE_KN * KM_PER_NM) / 3_600_000 / r; // rad per ms
        const angle = g.behaviour * 2 * Math.PI + omega * (t - g.since);
        const p = offsetKm(target.lat, target.lon, r * Math.cos(angle), r * Math.sin(angle));
        lat = p.lat;
        lon = p.lon;
        sog = SPOOF_CIRCLE_KN;
        // Counter-clockwise motion: the course is the angle plus 90° in compass terms.
        cog = (((-(angle * 180) / Math.PI) % 360) + 360) % 360;
      }
    } else {
      this.goodLat = lat;
      this.goodLon = lon;
      this.goodSog = s.sog;
      this.goodCog = s.cog;
    }
    const bits = v.classB
      ? positionReportB({ mmsi: v.mmsi, sog, accuracy, lat, lon, cog, heading: undefined, second, raim: false })
      : positionReportA({
          type: v.index % TYPE3_EVERY === 0 ? 3 : 1,
          mmsi: v.mmsi,
          navStatus: s.navStatus,
          sog,
          accuracy,
          lat,
          lon,
          cog,
          heading: s.heading,
          second,
          raim: false,
          radio: Math.floor(((t % 60_000) / 60_000) * SLOTS_PER_MINUTE),
        });
    const sent = ctx.feed.send(t, bits, ctx.coverage.heard, ctx.out);
    if (g.mode !== 'ok' && g.cause && effect !== 'ok') {
      ctx.truth.mark(g.cause.event, this.id, 'sea', effect, t, sent && heard);
    }
  }

  /** How this ship's jammed receiver behaves, from the jammer's weights and the ship's fixed draw. */
  private jamEffect(): JamEffect {
    const w = this.gnss.cause?.emitter.jammer?.shipEffect ?? { unavailable: 1, frozen: 0, wandering: 0 };
    const total = w.unavailable + w.frozen + w.wandering || 1;
    const x = this.gnss.behaviour * total;
    if (x < w.unavailable) return 'unavailable';
    if (x < w.unavailable + w.frozen) return 'frozen';
    return 'wandering';
  }
}
