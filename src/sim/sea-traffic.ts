import { bearingDeg, distanceKm, interpolate, KM_PER_NM, offsetKm } from '../core/geodesy.js';
import type { Lane, Scenario } from '../schema/scenario.js';
import type { Dimensions } from './ais/messages.js';
import type { Prng } from './prng.js';

/**
 * Vessels and their true motion. A vessel on a lane sails it at constant speed and turns back at each end (a port
 * call), so its distance along the lane is a triangle wave of time: a closed form, no integration. A vessel at anchor
 * swings slowly around its anchor.
 */

/** AIS navigational status (ITU-R M.1371-5 Table 45). */
export const NAV_UNDER_WAY = 0;
export const NAV_AT_ANCHOR = 1;

/** Swing of a vessel at anchor: radius (km) and period (ms). */
const ANCHOR_SWING_KM = 0.08;
const ANCHOR_SWING_PERIOD_MS = 2 * 3_600_000;

export interface CompiledLane {
  readonly id: string;
  readonly points: readonly { lat: number; lon: number }[];
  /** Distance from the start of the lane to each point, km. */
  readonly cumKm: readonly number[];
  readonly lengthKm: number;
  /** Unit vector perpendicular to the lane's overall direction (east, north components). */
  readonly normalEast: number;
  readonly normalNorth: number;
}

export function compileLane(lane: Lane): CompiledLane {
  const cumKm = [0];
  for (let i = 1; i < lane.path.length; i++) {
    const a = lane.path[i - 1]!;
    const b = lane.path[i]!;
    cumKm.push(cumKm[i - 1]! + distanceKm(a.lat, a.lon, b.lat, b.lon));
  }
  const first = lane.path[0]!;
  const last = lane.path[lane.path.length - 1]!;
  const rad = (bearingDeg(first.lat, first.lon, last.lat, last.lon) * Math.PI) / 180;
  return {
    id: lane.id,
    points: lane.path,
    cumKm,
    lengthKm: cumKm[cumKm.length - 1]!,
    normalEast: Math.cos(rad),
    normalNorth: -Math.sin(rad),
  };
}

export interface Vessel {
  readonly index: number;
  readonly mmsi: number;
  readonly classB: boolean;
  readonly name: string;
  readonly callsign: string;
  readonly imo: number;
  readonly shipType: number;
  readonly dims: Dimensions;
  readonly draughtM: number;
  readonly destination: string;
  /** Position accuracy flag the vessel normally sends (true = DGNSS, better than 10 m). */
  readonly accuracy: boolean;
  readonly lane: CompiledLane | undefined;
  /** Lane: distance along the lane at the scenario start (km) and direction (+1 / −1). */
  readonly s0Km: number;
  readonly direction: 1 | -1;
  readonly speedKn: number;
  readonly lateralKm: number;
  /** Anchorage: anchor position and swing phase. */
  readonly anchorLat: number;
  readonly anchorLon: number;
  readonly swingPhase: number;
}

export interface VesselState {
  lat: number;
  lon: number;
  sog: number;
  cog: number;
  heading: number;
  navStatus: number;
}

export function newVesselState(): VesselState {
  return { lat: 0, lon: 0, sog: 0, cog: 0, heading: 0, navStatus: NAV_UNDER_WAY };
}

/** Maritime identification digits (flag states) drawn for MMSIs: Baltic, Mediterranean and open registries. */
const MIDS = [230, 265, 261, 275, 276, 273, 219, 211, 244, 636, 538, 357, 477, 212, 248, 240, 271, 272, 256];
const NAME_A = ['BALTIC', 'NORDIC', 'SEA', 'OCEAN', 'STAR', 'AURORA', 'POLAR', 'CAPE', 'MARE', 'AEGEAN', 'PONTUS'];
const NAME_B = ['TRADER', 'SPIRIT', 'QUEEN', 'WIND', 'PRIDE', 'EXPRESS', 'GLORY', 'CARRIER', 'HAWK', 'VOYAGER'];
const PORTS = ['GDANSK', 'RIGA', 'TALLINN', 'HELSINKI', 'STOCKHOLM', 'KLAIPEDA', 'HAIFA', 'LIMASSOL', 'NOVOROSSIYSK'];
const CALLSIGN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function newMmsi(rng: Prng, used: Set<number>): number {
  for (;;) {
    const mmsi = rng.pick(MIDS) * 1_000_000 + rng.int(0, 999_999);
    if (!used.has(mmsi)) {
      used.add(mmsi);
      return mmsi;
    }
  }
}

function identity(rng: Prng, used: Set<number>, classB: boolean) {
  const mmsi = newMmsi(rng, used);
  const length = classB ? rng.int(8, 20) : rng.int(90, 300);
  const beam = Math.max(3, Math.round(length / rng.uniform(5, 7)));
  const stern = Math.round(length * rng.uniform(0.2, 0.3));
  const port = Math.round(beam / 2);
  let callsign = '';
  for (let i = 0; i < 5; i++) callsign += rng.pick([...CALLSIGN_CHARS]);
  return {
    mmsi,
    classB,
    name: `${rng.pick(NAME_A)} ${rng.pick(NAME_B)}${classB ? '' : ` ${rng.int(1, 9)}`}`,
    callsign,
    imo: classB ? 0 : rng.int(9_000_000, 9_999_999),
    shipType: classB ? rng.pick([36, 37]) : rng.pick([70, 70, 70, 80, 80, 60, 79]),
    dims: { bow: length - stern, stern, port, starboard: beam - port },
    draughtM: classB ? 1.5 : rng.uniform(6, 15),
    destination: rng.pick(PORTS),
    accuracy: rng.chance(0.3),
  };
}

/** All vessels of the scenario: those on lanes spread along them, those at anchor spread within the anchorage. */
export function createVessels(scenario: Scenario, rng: Prng): Vessel[] {
  const sea = scenario.sea;
  if (!sea) return [];
  const used = new Set<number>();
  const vessels: Vessel[] = [];
  for (const laneConfig of sea.lanes) {
    const lane = compileLane(laneConfig);
    for (let i = 0; i < laneConfig.vessels; i++) {
      const classB = rng.chance(laneConfig.classBFraction);
      vessels.push({
        index: vessels.length,
        ...identity(rng, used, classB),
        lane,
        s0Km: rng.uniform(0, lane.lengthKm),
        direction: rng.chance(0.5) ? 1 : -1,
        speedKn: classB ? rng.uniform(5, 20) : rng.inRange(laneConfig.speedKn),
        lateralKm: rng.uniform(-0.5, 0.5) * laneConfig.widthKm,
        anchorLat: 0,
        anchorLon: 0,
        swingPhase: 0,
      });
    }
  }
  for (const a of sea.anchorages) {
    for (let i = 0; i < a.vessels; i++) {
      const km = a.radiusKm * Math.sqrt(rng.next());
      const angle = rng.uniform(0, 2 * Math.PI);
      const p = offsetKm(a.lat, a.lon, km * Math.cos(angle), km * Math.sin(angle));
      vessels.push({
        index: vessels.length,
        ...identity(rng, used, false),
        lane: undefined,
        s0Km: 0,
        direction: 1,
        speedKn: 0,
        lateralKm: 0,
        anchorLat: p.lat,
        anchorLon: p.lon,
        swingPhase: rng.uniform(0, 2 * Math.PI),
      });
    }
  }
  return vessels;
}

/** Writes the vessel's true state at `elapsedMs` after the scenario start into `out`. */
export function vesselStateAt(v: Vessel, elapsedMs: number, out: VesselState): void {
  const lane = v.lane;
  if (!lane) {
    const angle = v.swingPhase + (2 * Math.PI * elapsedMs) / ANCHOR_SWING_PERIOD_MS;
    const p = offsetKm(v.anchorLat, v.anchorLon, ANCHOR_SWING_KM * Math.cos(angle), ANCHOR_SWING_KM * Math.sin(angle));
    out.lat = p.lat;
    out.lon = p.lon;
    out.sog = ((2 * Math.PI * ANCHOR_SWING_KM) / KM_PER_NM / ANCHOR_SWING_PERIOD_MS) * 3_600_000;
    out.cog = ((angle * 180) / Math.PI + 90 + 360) % 360;
    out.heading = out.cog;
    out.navStatus = NAV_AT_ANCHOR;
    return;
  }
  const L = lane.lengthKm;
  const travelled = v.s0Km + v.direction * ((v.speedKn * KM_PER_NM * elapsedMs) / 3_600_000);
  const u = ((travelled % (2 * L)) + 2 * L) % (2 * L);
  const s = u <= L ? u : 2 * L - u;
  const increasing = u <= L === v.direction > 0;
  let i = 1;
  while (i < lane.cumKm.length - 1 && lane.cumKm[i]! < s) i++;
  const a = lane.points[i - 1]!;
  const b = lane.points[i]!;
  const segKm = lane.cumKm[i]! - lane.cumKm[i - 1]!;
  const f = segKm > 0 ? (s - lane.cumKm[i - 1]!) / segKm : 0;
  const p = interpolate(a.lat, a.lon, b.lat, b.lon, f);
  const bearing = bearingDeg(a.lat, a.lon, b.lat, b.lon);
  // A fixed east/north offset (perpendicular to the lane as a whole) keeps the track smooth at the waypoints.
  const q = offsetKm(p.lat, p.lon, v.lateralKm * lane.normalEast, v.lateralKm * lane.normalNorth);
  out.lat = q.lat;
  out.lon = q.lon;
  out.sog = v.speedKn;
  out.cog = increasing ? bearing : (bearing + 180) % 360;
  out.heading = out.cog;
  out.navStatus = NAV_UNDER_WAY;
}
