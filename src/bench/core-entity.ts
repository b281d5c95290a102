import { EntityStage } from '../core/entity/entity-stage.js';
import { destination, kmAtSpeed } from '../core/geodesy.js';
import type { LandMask } from '../core/land/land-mask.js';
import { REPORT_SCHEMA_ID, type Report } from '../schema/report.js';
import { type CoreFigures, coreFigures, type PassOptions, retainedBytes, timePasses } from './measure.js';

/**
 * Throughput and memory of the entity stage on generated traffic: 10k craft (9k aircraft at 1 report/s, 1k vessels
 * every 10 s), 1M reports in time order, as one partition would see them. 5 % of the aircraft are jammed for 30 s
 * (NACp 0), 1 % are spoofed by a 300 km jump, so the degraded and spoofed paths run too. Set-up (report generation)
 * is outside the timed part; warm-up and timed passes as in measure.ts. Memory per craft is what the stage holds,
 * heap and ArrayBuffers (measure.ts), divided by the tracked craft; the craft ids are shared with the input reports
 * and so not in the figure (~32 bytes each).
 */
export interface EntityBenchResult extends CoreFigures {
  observations: number;
}

export interface EntityBenchOptions extends PassOptions {
  readonly craft?: number;
  readonly reports?: number;
}

const T0 = Date.UTC(2026, 0, 7, 6, 0, 0);

/** The generated input: `craft` tracks, `reports / craft` reports each, interleaved second by second. */
export function generateEntityReports(craft: number, total: number): Report[] {
  return Array.from(entityReports(craft, total));
}

/** The same reports one at a time, for a bench that only sends them on (the Kafka benches: no 1M reports held). */
export function* entityReports(craft: number, total: number): Generator<Report> {
  let made = 0;
  const p = { lat: 0, lon: 0 };
  let seed = 12345;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const starts = Array.from({ length: craft }, (_, k) => ({
    sea: k % 10 === 9,
    lat: -50 + random() * 110,
    lon: -180 + random() * 360,
    track: random() * 360,
    gs: k % 10 === 9 ? 5 + random() * 15 : 250 + random() * 250,
    jammed: k % 20 === 3,
    spoofed: k % 100 === 7,
    id: k % 10 === 9 ? `mmsi:${(200_000_000 + k).toString()}` : `icao:${(0x400000 + k).toString(16)}`,
  }));
  for (let i = 0; made < total; i++) {
    for (const s of starts) {
      if (made >= total) break;
      // aircraft every second, vessels every 10 s (Class A at speed), all on one clock: a feed in event-time order
      if (s.sea && i % 10 !== 0) continue;
      const t = T0 + i * 1000;
      destination(s.lat, s.lon, s.track, kmAtSpeed(s.gs, t - T0), p);
      if (s.spoofed && i >= 50) destination(p.lat, p.lon, 90, 300, p);
      const r: Report = {
        schema: REPORT_SCHEMA_ID,
        src: s.sea ? 'ais' : 'adsb',
        id: s.id,
        t,
        lat: p.lat,
        lon: p.lon,
        gs: s.gs,
        track: s.track,
      };
      if (s.sea) {
        r.aisAccuracy = false;
        r.raim = false;
      } else {
        const jammed = s.jammed && i >= 40 && i < 70;
        r.posSource = 'adsb';
        r.adsbVersion = 2;
        r.altBaro = 36_000;
        r.altGeom = 36_900;
        r.nic = jammed ? 0 : 8;
        r.nacp = jammed ? 0 : 10;
        r.integrityAge = 1;
      }
      made++;
      yield r;
    }
  }
}

export function benchEntityStage(options: EntityBenchOptions = {}): EntityBenchResult {
  const craft = options.craft ?? 10_000;
  const total = options.reports ?? 1_000_000;
  const reports = generateEntityReports(craft, total);
  let observations = 0;
  const run = (): EntityStage => {
    observations = 0;
    const stage = new EntityStage();
    for (let i = 0; i < reports.length; i++) if (stage.process(reports[i]!) !== null) observations++;
    return stage;
  };
  const times = timePasses(run, () => {}, options);
  const memory = retainedBytes(run, (stage) => stage.stats().trackedCraft);
  return { ...coreFigures(reports.length, times, { bytes: memory.bytes, trackedCraft: memory.value }), observations };
}

/** Nanoseconds per `isInland` query on a built mask, over a spread of points (set-up outside the timing). */
export function benchLandMask(
  mask: LandMask,
  queries = 10_000_000,
): { queries: number; nsPerQuery: number; inlandShare: number } {
  let inland = 0;
  const start = performance.now();
  for (let i = 0; i < queries; i++) if (mask.isInland(-60 + (i % 1200) * 0.1, -180 + (i % 3600) * 0.1)) inland++;
  const nsPerQuery = ((performance.now() - start) * 1e6) / queries;
  return { queries, nsPerQuery, inlandShare: inland / queries };
}
