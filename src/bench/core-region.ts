import { mulberry32 } from '../core/event/prng.js';
import { cellAt } from '../core/region/cells.js';
import { RegionStage } from '../core/region/region-stage.js';
import type { AnomalousCell, CellRow } from '../schema/cell.js';
import { EVIDENCE, OBSERVATION_SCHEMA_ID, type Observation } from '../schema/observation.js';

/**
 * Throughput of the region stage (stage 2): windows, ticks, scores, rows and anomalous cells, on generated
 * observations. 20,000 craft (90 % aircraft, 10 % vessels) over northern Europe (50–60° N, 10–30° E, ~800 res-4
 * cells), each observed every 30 s for 10 minutes (the entity stage's bucket), 5 % degraded, plus one jammed area
 * where half the craft are. Set-up (generation, H3 indexing) is outside the timed part; ticks run every 15 s of
 * stream time inside it, as in the worker.
 */
export interface BenchResult {
  observations: number;
  seconds: number;
  perSecond: number;
}

const CRAFT = 20_000;
const PERIOD_MS = 30_000;
const DURATION_MS = 10 * 60_000;
const START = Date.UTC(2026, 0, 7, 6, 0, 0);

function generate(): Observation[] {
  const random = mulberry32(20260107);
  const craft = Array.from({ length: CRAFT }, (_, i) => {
    const lat = 50 + random() * 10;
    const lon = 10 + random() * 20;
    const jammed = Math.hypot(lat - 55, (lon - 20) * 0.57) < 1.5;
    const sea = i % 10 === 0;
    return {
      id: sea ? `mmsi:${(200_000_000 + i).toString()}` : `icao:${(0x400000 + i).toString(16)}`,
      domain: sea ? ('sea' as const) : ('air' as const),
      lat,
      lon,
      alt: sea ? 0 : 1000 + random() * 39_000,
      cell: cellAt(lat, lon, 4),
      degraded: jammed ? random() < 0.5 : random() < 0.05,
      phase: Math.floor(random() * PERIOD_MS),
    };
  });
  const out: Observation[] = [];
  for (let t = 0; t < DURATION_MS; t += PERIOD_MS) {
    for (const c of craft) {
      out.push({
        schema: OBSERVATION_SCHEMA_ID,
        t: START + t + c.phase,
        cell: c.cell,
        id: c.id,
        domain: c.domain,
        status: c.degraded ? 'degraded' : 'good',
        lat: c.lat,
        lon: c.lon,
        alt: c.alt,
        estimated: false,
        evidence: c.degraded ? EVIDENCE.NACP_LOW : 0,
      });
    }
  }
  return out.sort((a, b) => a.t - b.t);
}

export function benchRegionStage(): BenchResult {
  const observations = generate();
  const stage = new RegionStage();
  let rows = 0;
  let cells = 0;
  const emitRow = (_row: CellRow): void => {
    rows++;
  };
  const emitCell = (_cell: AnomalousCell): void => {
    cells++;
  };
  const tick = stage.options.tickMs;
  const start = performance.now();
  let nextTick = Math.floor(START / tick) * tick + tick;
  for (const obs of observations) {
    if (obs.t >= nextTick) {
      stage.advance(obs.t, emitRow, emitCell);
      nextTick = Math.floor(obs.t / tick) * tick + tick;
    }
    stage.process(obs);
  }
  stage.advance(START + DURATION_MS + stage.options.windowMs, emitRow, emitCell);
  const seconds = (performance.now() - start) / 1000;
  if (rows === 0 || cells === 0) throw new Error('region bench produced no rows or no anomalous cells');
  return { observations: observations.length, seconds, perSecond: observations.length / seconds };
}
