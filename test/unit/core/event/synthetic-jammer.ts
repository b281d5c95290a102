import { mulberry32 } from '../../../../src/core/event/prng.js';
import { destination, distanceKm, type LatLon } from '../../../../src/core/geodesy.js';
import { FEET_TO_METRES, radioHorizonKm } from '../../../../src/core/radio-horizon.js';
import { cellAt } from '../../../../src/core/region/cells.js';
import { EVIDENCE, OBSERVATION_SCHEMA_ID, type Observation } from '../../../../src/schema/observation.js';

/** Synthetic traffic around a ground jammer, for the emitter-fit tests: truth is known exactly. */
export interface SyntheticCraft {
  id: string;
  domain: 'air' | 'sea';
  lat: number;
  lon: number;
  altFt: number;
  affected: boolean;
}

export interface JammerScenario {
  jammer: { lat: number; lon: number };
  reachKm: number;
  craft: SyntheticCraft[];
}

export interface ScenarioOptions {
  seed: number;
  count?: number;
  reachKm?: number;
  /** Radius (km) of the traffic area, centred up to `offsetKm` away from the jammer. */
  areaKm?: number;
  offsetKm?: number;
  /** Label noise: affected craft inside that show nothing, unaffected outside that look affected. */
  insideMiss?: number;
  outsideHit?: number;
}

/** The jammer's reach for a craft at `altFt`: its nominal reach, or the radio horizon of a 10 m mast if nearer. */
export function reachFor(reachKm: number, altFt: number): number {
  return Math.min(reachKm, radioHorizonKm(10, Math.max(10, altFt * FEET_TO_METRES)));
}

/**
 * Where a craft flying on `headingDeg` crossed into the jammer's reach: the point behind it, on its track, `marginKm`
 * outside its reach (its own position when it is outside already, a mislabelled craft). Where it was last healthy.
 */
export function entryPoint(s: JammerScenario, c: SyntheticCraft, headingDeg: number, marginKm = 2): LatLon {
  const limit = reachFor(s.reachKm, c.altFt) + marginKm;
  const back = (headingDeg + 180) % 360;
  const at: LatLon = { lat: 0, lon: 0 };
  const outside = (km: number) => {
    destination(c.lat, c.lon, back, km, at);
    return distanceKm(s.jammer.lat, s.jammer.lon, at.lat, at.lon) > limit;
  };
  // a track crosses a disc once on the way in: inside before `low`, outside from `high` (bisection)
  let low = 0;
  let high = 2 * limit;
  if (outside(low)) return { lat: c.lat, lon: c.lon };
  for (let i = 0; i < 40; i++) {
    const mid = (low + high) / 2;
    if (outside(mid)) high = mid;
    else low = mid;
  }
  return destination(c.lat, c.lon, back, high, { lat: 0, lon: 0 });
}

export function jammerScenario(o: ScenarioOptions): JammerScenario {
  const random = mulberry32(o.seed);
  const jammer = { lat: 55 + random() * 2, lon: 18 + random() * 4 };
  const reachKm = o.reachKm ?? 200;
  const areaKm = o.areaKm ?? 450;
  const centre = destination(jammer.lat, jammer.lon, random() * 360, random() * (o.offsetKm ?? 100), {
    lat: 0,
    lon: 0,
  });
  const craft: SyntheticCraft[] = [];
  for (let i = 0; i < (o.count ?? 400); i++) {
    const at: LatLon = { lat: 0, lon: 0 };
    destination(centre.lat, centre.lon, random() * 360, areaKm * Math.sqrt(random()), at);
    const kind = random();
    const domain = kind < 0.1 ? 'sea' : 'air';
    const altFt = domain === 'sea' ? 0 : kind < 0.35 ? 1000 + random() * 9000 : 25_000 + random() * 15_000;
    const inside = distanceKm(jammer.lat, jammer.lon, at.lat, at.lon) <= reachFor(reachKm, altFt);
    const noise = random();
    const affected = inside ? noise >= (o.insideMiss ?? 0.1) : noise < (o.outsideHit ?? 0.02);
    craft.push({ id: `icao:${(0x100000 + i).toString(16)}`, domain, lat: at.lat, lon: at.lon, altFt, affected });
  }
  return { jammer, reachKm, craft };
}

/**
 * Observations of a scenario: every craft reports every `periodMs` from `start` for `durationMs` (the jammer on
 * throughout), aircraft drifting along a fixed track at `speedKmPerMin`, ships still.
 */
export function scenarioObservations(
  s: JammerScenario,
  start: number,
  durationMs: number,
  periodMs = 30_000,
  speedKmPerMin = 0,
): Observation[] {
  const out: Observation[] = [];
  const at: LatLon = { lat: 0, lon: 0 };
  for (let t = start; t < start + durationMs; t += periodMs) {
    for (const [i, c] of s.craft.entries()) {
      const moved = c.domain === 'air' ? (speedKmPerMin * (t - start)) / 60_000 : 0;
      destination(c.lat, c.lon, (i * 137) % 360, moved, at);
      const inside = distanceKm(s.jammer.lat, s.jammer.lon, at.lat, at.lon) <= reachFor(s.reachKm, c.altFt);
      const affected = speedKmPerMin === 0 ? c.affected : inside;
      out.push({
        schema: OBSERVATION_SCHEMA_ID,
        t: t + (i % 29) * 1000,
        cell: cellAt(at.lat, at.lon, 4),
        id: c.id,
        domain: c.domain,
        status: affected ? 'degraded' : 'good',
        lat: at.lat,
        lon: at.lon,
        alt: c.altFt,
        estimated: false,
        evidence: affected ? EVIDENCE.NACP_LOW : 0,
      });
    }
  }
  return out.sort((a, b) => a.t - b.t);
}
