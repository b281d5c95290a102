import { NO_ROW, Slab } from '../../collections/slab.js';
import { SlabMap } from '../../collections/slab-map.js';
import { type CraftStatus, EVIDENCE, OBSERVATION_SCHEMA_ID, type Observation } from '../../schema/observation.js';
import type { Report } from '../../schema/report.js';
import { destination, distanceKm, kmAtSpeed, type LatLon, nearDistanceKm } from '../geodesy.js';
import type { LandMask } from '../land/land-mask.js';
import { aisFixVerdict, flagOf } from './ais-rules.js';
import { altitudeMismatch } from './altitude-rule.js';
import { CellContext } from './cell-context.js';
import { locateCell } from './cell-locator.js';
import { ChronicStore } from './chronic.js';
import { CIRCLING_LAYOUT, CirclingState, isCircling } from './circling.js';
import { ConvergenceStore } from './convergence.js';
import { CRAFT_LAYOUT, CraftState } from './craft-state.js';
import { EXCLUSION, exclusionOf, sourceCode, type TestRange, testRangeAt } from './exclusion-rules.js';
import { isFrozen, parkedCandidate } from './frozen-rule.js';
import { degradedAfter, stepCounter } from './hysteresis.js';
import { INTEGRITY_UNKNOWN, integrityVerdict, noPositionWhileAirborne, readsbLostGnss } from './integrity-rules.js';
import { impossibleJump, offTrack } from './jump-rules.js';
import { wentAshore } from './on-land-rule.js';
import { type EntityOptions, type EntityOptionsInput, entityOptionsSchema } from './options.js';
import {
  ENTITY_SNAPSHOT_SCHEMA_ID,
  type EntitySnapshot,
  entitySnapshotSchema,
  type LastGoodSnapshot,
} from './snapshot.js';
import { type EntityStats, EPISODE, EPISODES, namedCounts, VERDICT, VERDICTS } from './stats.js';
import type { TrackEvent, TrackEventListener } from './track-event.js';
import {
  decideMove,
  MODE,
  MOVE,
  type Move,
  type MoveFacts,
  modeIsSpoofed,
  repeatConfirms,
  TRACK,
  TRIGGER,
  type TrackVerdict,
} from './track-mode.js';

/**
 * Stage 1 of the detection core (DESIGN.md): per-craft state over the craft's reports, in roughly event-time order.
 * Each report is first excluded or not (ground, MLAT/TIS-B, version 0, ignored, test range), then its position runs
 * through the track rules (jump, off track, frozen, ashore, altitude, circling) and its integrity through the
 * hysteresis counter. The craft's status is the worst that stands: spoofed, degraded, good. One observation goes out
 * per craft per time bucket, and again within the bucket when the status gets worse; its cell is the place where the
 * craft counts: the reported position when trustworthy, else the last good one carried forward (`estimated`).
 *
 * Pure: time comes from the reports, `expire` takes stream time. No closures or spreads per report; the H3 cell is
 * computed only when an observation is about to go out (and cached per craft). Per-craft state lives in rows of typed
 * arrays (craft-state.ts), read through one view moved from craft to craft: no object and no boxed number per craft.
 */
export interface EntityStageDeps {
  /** Land mask for "vessel went ashore" (a driver builds it from Natural Earth data); the rule is off without it. */
  readonly landMask?: LandMask;
  /** Called on each craft-level event (frozen, jump, spoofed, recovered, …): rare, for evidence, logs and tests. */
  readonly onTrackEvent?: TrackEventListener;
}

type Kinematics = EntityOptions['air'];

const RANK_STATUS: readonly CraftStatus[] = ['good', 'degraded', 'spoofed'];

/**
 * A craft's place in the idle-expiry order is refreshed at most once a minute: moving an entry in a Map costs a delete
 * and an insert (measured at ~10 % of the stage's time when done once per 10-s bucket), and a minute of slack on a
 * 30-min idle timeout changes nothing.
 */
const TOUCH_INTERVAL_MS = 60_000;
const RANK_GOOD = 0;
const RANK_DEGRADED = 1;
const RANK_SPOOFED = 2;

/** Standing anomalies that make a craft spoofed on their own. */
const SPOOF_ANOMALIES = EVIDENCE.ALT_MISMATCH | EVIDENCE.CIRCLING | EVIDENCE.CONVERGING;

export class EntityStage {
  readonly options: EntityOptions;
  private readonly crafts: SlabMap<string>;
  /** The view on the craft at hand (see craft-state.ts), and one on a craft being evicted. */
  private readonly craft = new CraftState();
  private readonly leaving = new CraftState();
  /** Moving vessels' accumulated turns, and a view on one. */
  private readonly circlings = new Slab(CIRCLING_LAYOUT);
  private readonly turn = new CirclingState();
  private readonly chronic: ChronicStore;
  private readonly cellContext: CellContext;
  private readonly convergence: ConvergenceStore;
  private readonly ignored: ReadonlySet<string>;
  private readonly testRanges: readonly TestRange[];
  private readonly landMask: LandMask | undefined;
  private readonly onTrackEvent: TrackEventListener | undefined;
  private readonly verdicts = new Float64Array(VERDICTS.length);
  private readonly episodes = new Float64Array(EPISODES.length);
  private reports = 0;
  private observations = 0;

  // Scratch, reused per report so that the hot path allocates nothing.
  private readonly facts: MoveFacts = {
    mode: MODE.NORMAL,
    trigger: TRIGGER.NONE,
    jumped: false,
    wasFrozen: false,
    track: TRACK.NOT_NEEDED,
    ashore: false,
    inland: false,
    onLand: false,
  };
  private readonly place: LatLon = { lat: 0, lon: 0 };
  private placeEstimated = false;
  private placeOk = false;
  private placeReport: Report | null = null;
  private placeCell = '';
  private placeCellReport: Report | null = null;
  private readonly reckoned: LatLon = { lat: 0, lon: 0 };

  constructor(options: EntityOptionsInput = {}, deps: EntityStageDeps = {}) {
    this.options = entityOptionsSchema.parse(options);
    const o = this.options;
    if (o.degradedAt > o.hysteresisMax || o.recoveredAt >= o.degradedAt) {
      throw new RangeError('entity options: need recoveredAt < degradedAt ≤ hysteresisMax');
    }
    this.crafts = new SlabMap(o.maxCraft, CRAFT_LAYOUT, (row) => this.dropCircling(this.leaving.at(this.crafts, row)));
    this.chronic = new ChronicStore(o.chronic.maxAirframes, o.chronic);
    this.cellContext = new CellContext(o.chronic.maxCells, o.chronic.neighbourWindowMs);
    this.convergence = new ConvergenceStore(o.convergence.maxPoints, o.convergence.gridDeg, o.convergence.windowMs);
    this.ignored = new Set(o.ignoredAirframes);
    this.testRanges = o.testRanges.map((r) => ({
      name: r.name,
      lat: r.lat,
      lon: r.lon,
      radiusKm: r.radiusKm,
      fromMs: r.from === undefined ? Number.NEGATIVE_INFINITY : Date.parse(r.from),
      toMs: r.to === undefined ? Number.POSITIVE_INFINITY : Date.parse(r.to),
    }));
    this.landMask = deps.landMask;
    this.onTrackEvent = deps.onTrackEvent;
  }

  /** Take one report; returns the observation it causes, if any (at most one per report). */
  process(r: Report): Observation | null {
    this.reports++;
    this.placeReport = null; // a caller may hand the same (mutated) object again
    this.placeCellReport = null;
    const t = r.t;
    const s = this.craftOf(r);
    if (s.ignored) return this.drop(VERDICT.IGNORED);
    const exclusion = exclusionOf(r);
    if (exclusion !== EXCLUSION.NONE) {
      if (exclusion === EXCLUSION.GROUND) this.onGround(s, r);
      return this.drop(
        exclusion === EXCLUSION.GROUND
          ? VERDICT.GROUND
          : exclusion === EXCLUSION.NON_GNSS_SOURCE
            ? VERDICT.NON_GNSS_SOURCE
            : VERDICT.VERSION_0,
      );
    }
    const hasPos = r.posAvailable !== false && r.lat !== undefined && r.lon !== undefined;
    if (this.testRanges.length > 0 && this.inTestRange(s, r, hasPos)) return this.drop(VERDICT.TEST_RANGE);

    if (hasPos) this.track(r.id, s, r);
    else this.seedLastGood(s, r);
    this.integrity(s, r, hasPos);

    const bucket = Math.floor(t / this.options.bucketMs);
    const newBucket = bucket > s.bucket;
    if (newBucket) {
      s.bucket = bucket;
      s.emittedRank = -1;
      this.learn(r.id, s, r, hasPos);
    }
    const rank = statusRank(s);
    const verdict = this.judge(s, t, rank, hasPos);
    this.verdicts[verdict]!++;
    if (verdict > VERDICT.SPOOFED) return null;
    if (newBucket && (s.sea || s.hasIntegrity) && this.placeFor(s, r, hasPos)) {
      this.cellContext.add(this.cellOfPlace(s, r), t, rank > 0);
    }
    if (rank <= s.emittedRank) return null;
    return this.emit(r, s, rank, hasPos);
  }

  /** The view on the report's craft, touched at most once per TOUCH_INTERVAL_MS. */
  private craftOf(r: Report): CraftState {
    const row = this.crafts.get(r.id);
    if (row === NO_ROW) return this.newCraft(r);
    if (r.t - this.crafts.lastSeen(row) >= TOUCH_INTERVAL_MS) this.crafts.touch(row, r.t);
    return this.craft.at(this.crafts, row);
  }

  private newCraft(r: Report): CraftState {
    const s = this.craft.at(this.crafts, this.crafts.add(r.id, r.t));
    s.init(r.src === 'ais', this.ignored.has(r.id));
    return s;
  }

  /** Forget craft idle since before `streamTimeMs − craftIdleMs`, and old learning and neighbour data. */
  expire(streamTimeMs: number): number {
    const o = this.options;
    const dropped = this.crafts.expireBefore(streamTimeMs - o.craftIdleMs);
    this.episodes[EPISODE.EXPIRED]! += dropped;
    this.chronic.expireBefore(streamTimeMs - o.chronic.retentionMs);
    this.cellContext.expireBefore(streamTimeMs - 2 * o.chronic.neighbourWindowMs);
    this.convergence.expireBefore(streamTimeMs - o.convergence.windowMs);
    return dropped;
  }

  /** The long-learned state, as plain JSON-able data: chronic-airframe records and last good positions. */
  snapshot(): EntitySnapshot {
    const lastGood: LastGoodSnapshot[] = [];
    const s = this.craft;
    for (let row = this.crafts.first(); row !== NO_ROW; row = this.crafts.after(row)) {
      s.at(this.crafts, row);
      if (Number.isNaN(s.goodLat)) continue;
      const entry: LastGoodSnapshot = {
        id: this.crafts.keyOf(row),
        t: s.goodT,
        lat: s.goodLat,
        lon: s.goodLon,
        alt: s.alt,
        everGood: s.everGood,
        hasIntegrity: s.hasIntegrity,
        lastSeen: this.crafts.lastSeen(row),
      };
      if (!Number.isNaN(s.goodGs)) entry.gs = s.goodGs;
      if (!Number.isNaN(s.goodTrack)) entry.track = s.goodTrack;
      if (!Number.isNaN(s.lastHealthyT)) entry.lastGoodIntegrityT = s.lastHealthyT;
      lastGood.push(entry);
    }
    return { schema: ENTITY_SNAPSHOT_SCHEMA_ID, chronic: this.chronic.snapshot(), lastGood };
  }

  /** Put back a snapshot (validated here: it comes from outside). Craft already tracked keep their live state. */
  restore(snapshot: unknown): void {
    const parsed = entitySnapshotSchema.parse(snapshot);
    this.chronic.restore(parsed.chronic);
    const sorted = [...parsed.lastGood].sort((a, b) => a.lastSeen - b.lastSeen);
    for (const g of sorted) {
      if (this.crafts.has(g.id)) continue;
      const s = this.craft.at(this.crafts, this.crafts.add(g.id, g.lastSeen));
      s.init(g.id.startsWith('mmsi:'), this.ignored.has(g.id));
      s.setGood(g.lat, g.lon, g.t, g.gs, g.track);
      s.alt = g.alt;
      s.everGood = g.everGood;
      s.hasIntegrity = g.hasIntegrity;
      s.lastHealthyT = g.lastGoodIntegrityT ?? Number.NaN;
    }
  }

  stats(): EntityStats {
    return {
      trackedCraft: this.crafts.size,
      chronicRecords: this.chronic.size,
      chronicAirframes: this.chronic.countChronic(),
      reports: this.reports,
      observations: this.observations,
      verdicts: namedCounts(VERDICTS, this.verdicts),
      episodes: namedCounts(EPISODES, this.episodes),
    };
  }

  private drop(verdict: number): null {
    this.verdicts[verdict]!++;
    return null;
  }

  /** On the ground: not judged; the next flight starts a fresh track, and a good fix here counts as good once. */
  private onGround(s: CraftState, r: Report): void {
    s.resetTrack();
    this.dropCircling(s);
    if (r.lat !== undefined && r.lon !== undefined && r.posAvailable !== false) {
      s.setGood(r.lat, r.lon, r.t, r.gs, r.track);
    }
    const o = this.options;
    if (integrityVerdict(r, o.nacpMin, o.nicMin, o.integrityMaxAgeS) === 0) {
      s.hasIntegrity = true;
      s.markHealthy(r.t, r.lat ?? Number.NaN, r.lon ?? Number.NaN, 0);
    }
  }

  private inTestRange(s: CraftState, r: Report, hasPos: boolean): boolean {
    const lat = hasPos ? r.lat! : s.goodLat;
    const lon = hasPos ? r.lon! : s.goodLon;
    return !Number.isNaN(lat) && testRangeAt(this.testRanges, lat, lon, r.t) !== undefined;
  }

  /** readsb's last good position (gpsOk / lastPosition) seeds a craft that has none of its own. */
  private seedLastGood(s: CraftState, r: Report): void {
    if (!Number.isNaN(s.goodLat) || r.lastGoodLat === undefined || r.lastGoodLon === undefined) return;
    if (r.lastGoodAt === undefined || r.lastGoodAt > r.t) return;
    s.setGood(r.lastGoodLat, r.lastGoodLon, r.lastGoodAt, undefined, undefined);
  }

  /** The track rules on one position report. */
  private track(id: string, s: CraftState, r: Report): void {
    const lat = r.lat!;
    const lon = r.lon!;
    const t = r.t;
    const k = s.sea ? this.options.sea : this.options.air;
    if (r.altBaro !== undefined) s.alt = r.altBaro;
    else if (r.altGeom !== undefined) s.alt = r.altGeom;
    const src = sourceCode(r.posSource);
    if (src !== s.src || Number.isNaN(s.refLat)) {
      // first position of this source: nothing to compare with yet
      s.src = src;
      s.setRef(lat, lon, t);
      if (s.mode === MODE.NORMAL) s.setGood(lat, lon, t, r.gs, r.track);
      return;
    }
    if (t < s.refLastT) {
      this.episodes[EPISODE.OUT_OF_ORDER]!++;
      return;
    }
    if (lat === s.refLat && lon === s.refLon) {
      s.repeats++;
      s.refLastT = t;
      if (!s.sea) this.checkAltitude(id, s, r);
      if (repeatConfirms(s.mode, s.trigger, parkedCandidate(s.repeats, r.gs, k.frozenMinSpeedKt))) {
        this.apply(MOVE.CONFIRM, id, s, r);
      }
      if (!s.frozen && isFrozen(s.repeats, t - s.refT, r.gs, k.frozenMinMs, k.frozenMinSpeedKt)) {
        s.frozen = true;
        this.episodes[EPISODE.FROZEN]!++;
        this.emitEvent({ kind: 'frozen', id, t, lat, lon, fromT: s.refT });
      }
      return;
    }

    const km = nearDistanceKm(s.refLat, s.refLon, lat, lon);
    const f = this.facts;
    f.mode = s.mode;
    f.trigger = s.trigger;
    f.jumped = impossibleJump(km, t - s.refLastT, k.maxSpeedKt, k.jumpFloorKm);
    f.wasFrozen = s.frozen;
    f.track = s.mode !== MODE.NORMAL || s.frozen ? this.trackVerdict(s, lat, lon, t, k) : TRACK.NOT_NEEDED;
    f.ashore = false;
    f.inland = false;
    f.onLand = false;
    const mask = this.landMask;
    if (s.sea && mask !== undefined) {
      f.inland = mask.isInland(lat, lon);
      f.onLand = f.inland || mask.isLand(lat, lon);
      f.ashore = f.inland && wentAshore(mask, s.refLat, s.refLon, lat, lon);
    }
    if (s.frozen) {
      s.frozen = false;
      this.emitEvent({ kind: 'thawed', id, t, lat, lon, fromT: s.refT, durationMs: t - s.refT });
    }
    this.apply(decideMove(f), id, s, r);
    s.setRef(lat, lon, t);
    if (s.sea) this.checkCircling(id, s, r);
    else this.checkAltitude(id, s, r);
  }

  /** The new position against the last good track carried forward by its ground speed and track. */
  private trackVerdict(s: CraftState, lat: number, lon: number, t: number, k: Kinematics): TrackVerdict {
    const age = t - s.goodT;
    if (!(age >= 0 && age <= this.options.trackCheckMaxMs)) return TRACK.UNKNOWN;
    const direct = distanceKm(s.goodLat, s.goodLon, lat, lon);
    if (impossibleJump(direct, age, k.maxSpeedKt, k.jumpFloorKm)) return TRACK.INCONSISTENT;
    const drKm = Number.isNaN(s.goodGs) ? 0 : kmAtSpeed(s.goodGs, age);
    let deviation: number;
    if (drKm > 0 && !Number.isNaN(s.goodTrack)) {
      destination(s.goodLat, s.goodLon, s.goodTrack, drKm, this.reckoned);
      deviation = distanceKm(this.reckoned.lat, this.reckoned.lon, lat, lon);
    } else {
      // heading unknown: the craft is somewhere on a circle of radius drKm round its last good position
      deviation = Math.abs(direct - drKm);
    }
    return offTrack(deviation, drKm, k.offTrackFloorKm) ? TRACK.INCONSISTENT : TRACK.CONSISTENT;
  }

  private apply(move: Move, id: string, s: CraftState, r: Report): void {
    const lat = r.lat!;
    const lon = r.lon!;
    const t = r.t;
    switch (move) {
      case MOVE.ACCEPT:
        s.setGood(lat, lon, t, r.gs, r.track);
        return;
      case MOVE.PENDING_JUMP:
        this.jumpEvent(id, s, r);
        s.mode = MODE.PENDING;
        s.trigger = TRIGGER.JUMP;
        s.modeSince = t;
        return;
      case MOVE.PENDING_ASHORE:
        this.episodes[EPISODE.ASHORE]!++;
        this.emitEvent({ kind: 'ashore', id, t, lat, lon, fromLat: s.refLat, fromLon: s.refLon, fromT: s.refLastT });
        s.mode = MODE.PENDING;
        s.trigger = TRIGGER.ASHORE;
        s.modeSince = t;
        return;
      case MOVE.CONFIRM:
        s.mode = MODE.SPOOFED;
        this.episodes[EPISODE.SPOOFED]!++;
        this.emitEvent({ kind: 'spoofed', id, t, lat, lon, fromT: s.modeSince });
        this.registerTarget(id, s, s.refLat, s.refLon, t);
        return;
      case MOVE.GLITCH:
        this.episodes[EPISODE.GLITCHES]!++;
        this.emitEvent({ kind: 'glitch', id, t, lat, lon, fromLat: s.refLat, fromLon: s.refLon, fromT: s.modeSince });
        this.recover(s, r);
        return;
      case MOVE.NEW_CANDIDATE:
        this.jumpEvent(id, s, r);
        s.modeSince = t;
        return;
      case MOVE.STAY_SPOOFED:
        return;
      case MOVE.RESPOOF:
        this.jumpEvent(id, s, r);
        this.registerTarget(id, s, lat, lon, t);
        return;
      case MOVE.START_EXIT:
        this.jumpEvent(id, s, r);
        s.mode = MODE.PENDING_EXIT;
        return;
      case MOVE.RECOVER:
        if (this.facts.jumped) this.jumpEvent(id, s, r);
        this.episodes[EPISODE.RECOVERED]!++;
        this.emitEvent({ kind: 'recovered', id, t, lat, lon, durationMs: t - s.modeSince });
        this.recover(s, r);
        return;
      case MOVE.BACK_TO_SPOOFED:
        this.jumpEvent(id, s, r);
        s.mode = MODE.SPOOFED;
        return;
    }
  }

  private recover(s: CraftState, r: Report): void {
    s.mode = MODE.NORMAL;
    s.trigger = TRIGGER.NONE;
    s.anomalies &= ~EVIDENCE.CONVERGING;
    s.setGood(r.lat!, r.lon!, r.t, r.gs, r.track);
  }

  private jumpEvent(id: string, s: CraftState, r: Report): void {
    this.episodes[EPISODE.JUMPS]!++;
    if (this.onTrackEvent === undefined) return;
    this.onTrackEvent({
      kind: 'jump',
      id,
      t: r.t,
      lat: r.lat!,
      lon: r.lon!,
      fromLat: s.refLat,
      fromLon: s.refLon,
      fromT: s.refLastT,
      km: distanceKm(s.refLat, s.refLon, r.lat!, r.lon!),
      reason: this.facts.jumped ? 'speed' : 'off-track',
    });
  }

  /** A confirmed spoof target: count the distinct craft that jumped near it; enough of them make it converging. */
  private registerTarget(id: string, s: CraftState, lat: number, lon: number, t: number): void {
    const count = this.convergence.register(id, lat, lon, t);
    this.markConverging(id, s, count, lat, lon, t);
  }

  private markConverging(id: string, s: CraftState, count: number, lat: number, lon: number, t: number): void {
    if (count < this.options.convergence.minCraft) return;
    if ((s.anomalies & EVIDENCE.CONVERGING) !== 0) return;
    s.anomalies |= EVIDENCE.CONVERGING;
    this.episodes[EPISODE.CONVERGING]!++;
    this.emitEvent({ kind: 'converging', id, t, lat, lon, count });
  }

  private checkAltitude(id: string, s: CraftState, r: Report): void {
    if (r.altBaro === undefined || r.altGeom === undefined) return;
    const a = this.options.altitude;
    if (!altitudeMismatch(r.altBaro, r.altGeom, a.floorFt, a.fraction)) {
      s.altStreak = 0;
      s.anomalies &= ~EVIDENCE.ALT_MISMATCH;
      return;
    }
    s.altStreak++;
    if (s.altStreak === a.minReports) {
      s.anomalies |= EVIDENCE.ALT_MISMATCH;
      this.episodes[EPISODE.ALT_MISMATCH]!++;
      this.emitEvent({ kind: 'alt-mismatch', id, t: r.t, lat: r.lat!, lon: r.lon! });
    }
  }

  private checkCircling(id: string, s: CraftState, r: Report): void {
    const c = this.options.circling;
    if (r.gs === undefined || r.gs < c.minSpeedKt) {
      this.dropCircling(s);
      s.anomalies &= ~EVIDENCE.CIRCLING;
      return;
    }
    if (s.circling === NO_ROW) s.circling = this.circlings.take();
    const turn = this.turn.at(this.circlings, s.circling);
    turn.add(r.lat!, r.lon!, r.t, c);
    if (!isCircling(turn, r.t, c)) {
      s.anomalies &= ~EVIDENCE.CIRCLING;
      return;
    }
    if ((s.anomalies & EVIDENCE.CIRCLING) !== 0) return;
    s.anomalies |= EVIDENCE.CIRCLING;
    this.episodes[EPISODE.CIRCLING]!++;
    this.emitEvent({ kind: 'circling', id, t: r.t, lat: r.lat!, lon: r.lon! });
  }

  /** Give back a vessel's circling row: it stopped, landed or is forgotten. */
  private dropCircling(s: CraftState): void {
    if (s.circling === NO_ROW) return;
    this.circlings.give(s.circling);
    s.circling = NO_ROW;
  }

  /** The integrity rules on one report: a step of the hysteresis counter and the evidence behind it. */
  private integrity(s: CraftState, r: Report, hasPos: boolean): void {
    const o = this.options;
    let bits: number;
    let step: number;
    if (s.sea) {
      bits = aisFixVerdict(r, s.accuracy, s.raim);
      if (r.aisAccuracy !== undefined) s.accuracy = flagOf(r.aisAccuracy);
      if (r.raim !== undefined) s.raim = flagOf(r.raim);
      step = bits !== 0 ? 1 : hasPos ? -1 : 0;
    } else {
      const verdict = integrityVerdict(r, o.nacpMin, o.nicMin, o.integrityMaxAgeS);
      bits = Math.max(verdict, 0);
      if (!hasPos && noPositionWhileAirborne(r, s.goodT)) bits |= EVIDENCE.NO_POSITION;
      else if (verdict === INTEGRITY_UNKNOWN && readsbLostGnss(r)) bits |= EVIDENCE.LOST_FIX;
      if (verdict !== INTEGRITY_UNKNOWN || bits !== 0) s.hasIntegrity = true;
      // a report without NIC/NACp moves nothing, though its position can still be healthy
      step = bits !== 0 ? 1 : hasPos && verdict === 0 ? -1 : 0;
    }
    s.counter = stepCounter(s.counter, step, o.hysteresisMax);
    s.degraded = degradedAfter(s.degraded, s.counter, o.degradedAt, o.recoveredAt);
    if (bits !== 0) s.integrityEvidence |= bits;
    else if (s.counter === 0) s.integrityEvidence = 0;
    // a craft flagged by a standing spoofing sign (altitude mismatch, circling) is not healthy, whatever its integrity
    const spoofSign = (s.anomalies & SPOOF_ANOMALIES) !== 0;
    if (bits === 0 && hasPos && s.counter === 0 && s.mode === MODE.NORMAL && !s.frozen && !spoofSign) {
      s.markHealthy(r.t, r.lat!, r.lon!, s.sea ? 0 : s.alt);
    }
  }

  /** Once per craft per bucket: learn chronic airframes, and whether a spoofed craft's target is a converging spot. */
  private learn(id: string, s: CraftState, r: Report, hasPos: boolean): void {
    const t = r.t;
    if (s.sea || s.hasIntegrity) {
      const placed = this.placeFor(s, r, hasPos);
      let lonely = false;
      if (s.degraded && placed) {
        const cell = this.cellOfPlace(s, r);
        const c = this.options.chronic;
        lonely = this.cellContext.neighboursGood(cell, t, true, c.neighbourMinSamples, c.neighbourMaxBadRatio);
      }
      const was = s.chronic;
      s.chronic = this.chronic.learn(
        id,
        t,
        s.degraded,
        lonely,
        placed ? this.place.lat : Number.NaN,
        placed ? this.place.lon : Number.NaN,
      );
      if (s.chronic && !was) {
        this.episodes[EPISODE.CHRONIC_LEARNED]!++;
        const lat = placed ? this.place.lat : s.goodLat;
        const lon = placed ? this.place.lon : s.goodLon;
        this.emitEvent({ kind: 'chronic', id, t, lat, lon });
      }
    }
    if (modeIsSpoofed(s.mode)) {
      const count = this.convergence.count(s.refLat, s.refLon, t);
      this.markConverging(id, s, count, s.refLat, s.refLon, t);
    }
  }

  /** Whether the craft counts now, and if not why (a verdict code; 0–2 are the counted statuses). */
  private judge(s: CraftState, t: number, rank: number, hasPos: boolean): number {
    if (rank === RANK_GOOD) {
      if (!s.sea && !s.hasIntegrity) return VERDICT.NO_INTEGRITY;
      if (!s.everGood) return VERDICT.ARRIVED_DEGRADED;
      if (s.chronic) return VERDICT.CHRONIC;
    } else if (rank === RANK_DEGRADED) {
      if (!s.everGood) return VERDICT.ARRIVED_DEGRADED;
      if (!(t - s.lastHealthyT <= this.options.degradedMaxMs)) return VERDICT.STALE_LOSS;
      if (s.degraded && s.chronic) return VERDICT.CHRONIC;
    }
    if (!this.canPlace(s, t, hasPos)) return VERDICT.UNPLACED;
    return rank;
  }

  /** Trust the reported position only on a normal, moving track. */
  private trustsReport(s: CraftState, hasPos: boolean): boolean {
    return hasPos && s.mode === MODE.NORMAL && !s.frozen;
  }

  private canPlace(s: CraftState, t: number, hasPos: boolean): boolean {
    if (this.trustsReport(s, hasPos)) return true;
    const age = t - s.goodT;
    if (!(age >= 0)) return false;
    return age <= this.options.carryForwardMaxMs || kmAtSpeed(s.goodGs, age) <= this.options.carryForwardMaxKm;
  }

  /** Where the craft counts, into `this.place`, once per report: its report, or its last good position carried forward. */
  private placeFor(s: CraftState, r: Report, hasPos: boolean): boolean {
    if (this.placeReport === r) return this.placeOk;
    this.placeReport = r;
    this.placeOk = this.canPlace(s, r.t, hasPos);
    if (!this.placeOk) return false;
    if (this.trustsReport(s, hasPos)) {
      this.place.lat = r.lat!;
      this.place.lon = r.lon!;
      this.placeEstimated = false;
      return true;
    }
    const km = Number.isNaN(s.goodGs) || Number.isNaN(s.goodTrack) ? 0 : kmAtSpeed(s.goodGs, r.t - s.goodT);
    if (km > 0) destination(s.goodLat, s.goodLon, s.goodTrack, km, this.place);
    else {
      this.place.lat = s.goodLat;
      this.place.lon = s.goodLon;
    }
    this.placeEstimated = true;
    return true;
  }

  /** The H3 cell of `this.place` (placed for report `r`), once per report. */
  private cellOfPlace(s: CraftState, r: Report): string {
    if (this.placeCellReport !== r) {
      this.placeCellReport = r;
      this.placeCell = locateCell(s, this.place.lat, this.place.lon, this.options.h3Resolution, this.cellContext);
    }
    return this.placeCell;
  }

  private emit(r: Report, s: CraftState, rank: number, hasPos: boolean): Observation | null {
    if (!this.placeFor(s, r, hasPos)) return null;
    const cell = this.cellOfPlace(s, r);
    s.emittedRank = rank;
    this.observations++;
    const observation: Observation = {
      schema: OBSERVATION_SCHEMA_ID,
      t: r.t,
      cell,
      id: r.id,
      domain: s.sea ? 'sea' : 'air',
      status: RANK_STATUS[rank]!,
      lat: this.place.lat,
      lon: this.place.lon,
      alt: s.sea ? 0 : (r.altBaro ?? r.altGeom ?? s.alt),
      estimated: this.placeEstimated,
      evidence: evidenceOf(s),
    };
    if (modeIsSpoofed(s.mode)) {
      observation.spoofLat = s.refLat;
      observation.spoofLon = s.refLon;
    }
    if (rank > RANK_GOOD && !Number.isNaN(s.healthyLat) && r.t - s.lastHealthyT <= this.options.degradedMaxMs) {
      observation.edgeLat = s.healthyLat;
      observation.edgeLon = s.healthyLon;
      observation.edgeAlt = s.healthyAlt;
      observation.edgeT = s.lastHealthyT;
    }
    return observation;
  }

  private emitEvent(event: TrackEvent): void {
    this.onTrackEvent?.(event);
  }
}

/** The craft's status as a rank: spoofed (2) over degraded (1) over good (0). */
function statusRank(s: CraftState): number {
  if (modeIsSpoofed(s.mode) || (s.anomalies & SPOOF_ANOMALIES) !== 0) return RANK_SPOOFED;
  if (s.degraded || s.frozen) return RANK_DEGRADED;
  return RANK_GOOD;
}

/** The EVIDENCE bits behind the craft's status. */
function evidenceOf(s: CraftState): number {
  let bits = s.anomalies;
  if (s.degraded) bits |= s.integrityEvidence;
  if (s.frozen) bits |= EVIDENCE.FROZEN;
  if (modeIsSpoofed(s.mode)) bits |= s.trigger === TRIGGER.ASHORE ? EVIDENCE.ON_LAND : EVIDENCE.JUMP;
  return bits;
}
