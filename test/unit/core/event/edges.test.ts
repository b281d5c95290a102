import { median } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { ONSET_MS, rememberEdges } from '../../../../src/core/event/edges.js';
import { EventStage } from '../../../../src/core/event/event-stage.js';
import type { EdgePoint } from '../../../../src/core/event/event-state.js';
import { emitterOptionsSchema } from '../../../../src/core/event/options.js';
import { mulberry32 } from '../../../../src/core/event/prng.js';
import { distanceKm } from '../../../../src/core/geodesy.js';
import { cellAt } from '../../../../src/core/region/cells.js';
import { type Alert, alertSchema } from '../../../../src/schema/alert.js';
import type { CellSample } from '../../../../src/schema/cell.js';
import { anomalous } from './cells.js';
import { entryPoint, jammerScenario } from './synthetic-jammer.js';

const T0 = Date.UTC(2026, 0, 7, 6, 0, 0);
const TICK = 15_000;
const MINUTE = 60_000;
const options = emitterOptionsSchema.parse({});
const NOW = T0 + 20 * MINUTE;

const point = (id: string, t: number, lat = 55, lon = 20): EdgePoint => ({ id, t, lat, lon, alt: 35_000 });

function sample(id: string, status: CellSample['status'], edge?: Partial<EdgePoint>): CellSample {
  const s: CellSample = { id, domain: 'air', status, lat: 54, lon: 19, alt: 30_000 };
  if (edge) {
    s.edgeLat = edge.lat ?? 55;
    s.edgeLon = edge.lon ?? 20;
    if (edge.alt !== undefined) s.edgeAlt = edge.alt;
    if (edge.t !== undefined) s.edgeT = edge.t;
  }
  return s;
}

const ids = (edges: EdgePoint[]) => edges.map((e) => `${e.id}@${(e.t - T0) / 1000}`);

describe('rememberEdges', () => {
  it('takes where affected craft were last healthy, not good craft or craft without one', () => {
    const edges = rememberEdges(
      [],
      [
        sample('degraded', 'degraded', { t: T0 + 5 * MINUTE, lat: 55.5, lon: 20.5, alt: 12_000 }),
        sample('spoofed', 'spoofed', { t: T0 + 4 * MINUTE }),
        sample('good', 'good', { t: T0 + 5 * MINUTE }),
        sample('nowhere', 'degraded'),
        sample('untimed', 'degraded', {}),
      ],
      T0,
      NOW,
      options,
    );
    expect(edges).toEqual([
      // no time given: as of now; no altitude: the craft's own
      { id: 'untimed', t: NOW, lat: 55, lon: 20, alt: 30_000 },
      { id: 'degraded', t: T0 + 5 * MINUTE, lat: 55.5, lon: 20.5, alt: 12_000 },
      { id: 'spoofed', t: T0 + 4 * MINUTE, lat: 55, lon: 20, alt: 30_000 },
    ]);
  });

  it('drops new points older than edgeMemoryMs, and never replaces a point with an older one', () => {
    const short = { ...options, edgeMemoryMs: 5 * MINUTE };
    const edges = rememberEdges(
      [point('a', NOW - 2 * MINUTE, 56)],
      [sample('old', 'degraded', { t: NOW - 6 * MINUTE }), sample('a', 'degraded', { t: NOW - 4 * MINUTE, lat: 57 })],
      T0,
      NOW,
      short,
    );
    expect(edges).toEqual([point('a', NOW - 2 * MINUTE, 56)]);
  });

  it('keeps one point per craft, the latest, and those of craft no longer sampled', () => {
    const kept = [point('a', T0 + 15 * MINUTE, 56), point('b', T0 + 16 * MINUTE)];
    const edges = rememberEdges(kept, [sample('a', 'degraded', { t: T0 + 20 * MINUTE, lat: 57 })], T0, NOW, options);
    expect(ids(edges)).toEqual(['a@1200', 'b@960']);
    expect(edges[0]!.lat).toBe(57);
    expect(kept).toEqual([point('a', T0 + 15 * MINUTE, 56), point('b', T0 + 16 * MINUTE)]); // not modified
  });

  it('forgets points older than edgeMemoryMs', () => {
    const since = NOW - options.edgeMemoryMs;
    const edges = rememberEdges([point('old', since - 1), point('last', since)], [], T0 - 60 * MINUTE, NOW, options);
    expect(edges.map((e) => e.id)).toEqual(['last']);
  });

  it('skips losses up to ONSET_MS after the event started: those craft were inside when it came on', () => {
    const edges = rememberEdges(
      [],
      [
        sample('before', 'degraded', { t: T0 - MINUTE }),
        sample('onset', 'degraded', { t: T0 + ONSET_MS }),
        sample('after', 'degraded', { t: T0 + ONSET_MS + 1 }),
      ],
      T0,
      NOW,
      options,
    );
    expect(edges.map((e) => e.id)).toEqual(['after']);
  });

  it('keeps at most maxCraft points, the newest first', () => {
    const samples = Array.from({ length: 15 }, (_, i) =>
      sample(`c${i.toString().padStart(2, '0')}`, 'degraded', { t: T0 + (2 + i) * MINUTE }),
    );
    const edges = rememberEdges([], samples, T0, NOW, { ...options, maxCraft: 10 });
    expect(edges.map((e) => e.id)).toEqual(['c14', 'c13', 'c12', 'c11', 'c10', 'c09', 'c08', 'c07', 'c06', 'c05']);
  });
});

/**
 * A synthetic jammer (synthetic-jammer.ts) seen through anomalous cells that hold only its affected craft, as over
 * sparse traffic: no unaffected craft bound its reach. A quarter of them were inside when it came on (last healthy
 * where they are); the others flew in over 10 min, and were last healthy where their track crossed into the reach.
 */
function jammerAlerts(seed: number, withEdges: boolean): { alerts: Alert[]; jammer: { lat: number; lon: number } } {
  // traffic mostly on one side: the jammer up to 350 km off the middle of a 350 km disc of traffic
  const s = jammerScenario({ seed, count: 600, areaKm: 350, offsetKm: 350 });
  const random = mulberry32(seed);
  const craft = s.craft
    .filter((c) => c.affected)
    .map((c, k) => {
      const onset = k % 4 === 0;
      const edge = onset ? { lat: c.lat, lon: c.lon } : entryPoint(s, c, random() * 360);
      const lostAt = onset ? T0 - 30_000 : T0 + ONSET_MS + Math.floor(random() * 10 * MINUTE);
      return { c, edge, lostAt };
    });
  const stage = new EventStage();
  const alerts: Alert[] = [];
  for (let t = T0; t <= T0 + 15 * MINUTE; t += TICK) {
    const byCell = new Map<string, CellSample[]>();
    for (const { c, edge, lostAt } of craft) {
      if (lostAt > t) continue;
      const s: CellSample = { id: c.id, domain: c.domain, status: 'degraded', lat: c.lat, lon: c.lon, alt: c.altFt };
      if (withEdges) {
        s.edgeLat = edge.lat;
        s.edgeLon = edge.lon;
        s.edgeAlt = c.altFt;
        s.edgeT = lostAt;
      }
      const cell = cellAt(c.lat, c.lon, 4);
      const list = byCell.get(cell);
      if (list) list.push(s);
      else byCell.set(cell, [s]);
    }
    for (const [cell, samples] of byCell) stage.process(anomalous(cell, t, { samples }));
    stage.advance(t, (a) => alerts.push(alertSchema.parse(a)));
  }
  return { alerts, jammer: s.jammer };
}

describe('event stage: where affected craft were last healthy pins the emitter', () => {
  it('locates a synthetic jammer with the edge points, and better than without them', () => {
    const errors = (withEdges: boolean) =>
      [1, 2, 3, 4, 5, 6].map((seed) => {
        const { alerts, jammer } = jammerAlerts(seed, withEdges);
        expect(alerts.some((a) => a.status === 'open')).toBe(true);
        const located = alerts.filter((a) => a.emitter !== undefined).at(-1);
        if (!located) return Number.POSITIVE_INFINITY;
        return distanceKm(jammer.lat, jammer.lon, located.emitter!.lat, located.emitter!.lon);
      });
    const withEdges = errors(true);
    const without = errors(false);
    // measured: 4 km against 19 km (one of the six not located at all without them)
    expect(median(withEdges)).toBeLessThan(10);
    expect(median(without)).toBeGreaterThan(2 * median(withEdges));
    expect(withEdges.filter((km, i) => km < without[i]!)).toHaveLength(withEdges.length);
  });
});
