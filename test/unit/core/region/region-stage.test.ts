import { describe, expect, it } from 'vitest';
import { cellAt, cellCentre, cellsOfPool, poolOf } from '../../../../src/core/region/cells.js';
import { GROUP_AIR_HIGH } from '../../../../src/core/region/craft-group.js';
import { type RegionOptionsInput, regionOptionsSchema } from '../../../../src/core/region/options.js';
import { RegionStage } from '../../../../src/core/region/region-stage.js';
import { type AnomalousCell, anomalousCellSchema, type CellRow, cellRowSchema } from '../../../../src/schema/cell.js';
import type { Observation } from '../../../../src/schema/observation.js';
import { crowd, HELSINKI, obs, T0 } from './observations.js';

const TICK = 15_000;
const MINUTE = 60_000;

interface Run {
  rows: CellRow[];
  cells: AnomalousCell[];
}

/** Feed observations in time order, advancing stream time to each observation's time as it goes. */
function run(
  stage: RegionStage,
  observations: readonly Observation[],
  until: number,
  out: Run = { rows: [], cells: [] },
) {
  const emitRow = (r: CellRow) => out.rows.push(r);
  const emitCell = (c: AnomalousCell) => out.cells.push(c);
  for (const o of observations) {
    stage.advance(o.t, emitRow, emitCell);
    stage.process(o);
  }
  stage.advance(until, emitRow, emitCell);
  return out;
}

const centre = (cell: string) => ({ lat: cellCentre(cell).lat, lon: cellCentre(cell).lon });

/** A crowd every minute from `from` for `minutes`: `good` + `bad` aircraft (the same ids each minute). */
function steady(from: number, minutes: number, good: number, bad: number, at = HELSINKI): Observation[] {
  const out: Observation[] = [];
  for (let m = 0; m < minutes; m++) out.push(...crowd(from + m * MINUTE, good, bad, at));
  return out;
}

describe('region stage', () => {
  it('has defaults that parse and describe every option', () => {
    const o = regionOptionsSchema.parse({});
    expect(o.windowMs).toBe(300_000);
    expect(o.tickMs).toBe(15_000);
    expect(() => regionOptionsSchema.parse({ bands: { low: 6, medium: 5 } })).toThrow();
  });

  it('counts distinct craft: one craft reporting every second counts once', () => {
    const stage = new RegionStage();
    const observations: Observation[] = [];
    for (let s = 0; s < 120; s++) observations.push(obs({ t: T0 + s * 1000, id: 'icao:aaaaaa' }));
    observations.push(obs({ t: T0 + 1000, id: 'icao:bbbbbb' }));
    const { rows } = run(stage, observations, T0 + 2 * MINUTE);
    const last = rows.filter((r) => r.src === 'all').at(-1)!;
    expect(last.craft).toBe(2);
    expect(last.t).toBe(T0 + 2 * MINUTE);
  });

  it('writes an adsb, an ais and a fused row per cell and tick, valid gnss_cell rows', () => {
    const stage = new RegionStage();
    const { rows } = run(
      stage,
      [obs({ t: T0, id: 'icao:000001' }), obs({ t: T0, id: 'mmsi:000000001', domain: 'sea' })],
      T0 + TICK,
    );
    const atTick = rows.filter((r) => r.t === T0 + TICK);
    expect(atTick.map((r) => r.src).sort()).toEqual(['adsb', 'ais', 'all']);
    expect(atTick.find((r) => r.src === 'all')!.craft).toBe(2);
    expect(atTick.find((r) => r.src === 'ais')!.craft).toBe(1);
    for (const r of rows) cellRowSchema.parse(r);
    expect(atTick[0]!.cell).toBe(cellAt(HELSINKI.lat, HELSINKI.lon, 4));
    expect(atTick[0]!.res).toBe(4);
  });

  it('slides: a craft leaves the window after windowMs and an empty cell is dropped', () => {
    const stage = new RegionStage();
    const { rows } = run(stage, [obs({ t: T0, id: 'icao:000001' })], T0 + 6 * MINUTE);
    const fused = rows.filter((r) => r.src === 'all');
    expect(fused.at(-1)!.t).toBeLessThanOrEqual(T0 + 5 * MINUTE);
    expect(stage.cellCount).toBe(0);
  });

  it('raises an anomalous jamming cell with counts, samples, evidence and the gpsjam figure', () => {
    const stage = new RegionStage();
    const { cells, rows } = run(stage, crowd(T0, 3, 7), T0 + TICK);
    expect(cells).toHaveLength(1);
    const cell = anomalousCellSchema.parse(cells[0]);
    expect(cell.kind).toBe('jamming');
    expect(cell.level).toBe(3);
    expect(cell.observed).toEqual({ aircraft: 10, vessels: 0 });
    expect(cell.affected).toEqual({ aircraft: 7, vessels: 0 });
    expect(cell.samples).toHaveLength(10);
    const codes = cell.evidence.map((e) => e.code);
    expect(codes).toEqual(
      expect.arrayContaining(['AFFECTED_RATIO', 'BASELINE', 'DEGRADED', 'NACP_LOW', 'GPSJAM_RATIO']),
    );
    expect(cell.evidence.find((e) => e.code === 'DEGRADED')!.value).toBe(7);
    expect(cell.evidence.find((e) => e.code === 'GPSJAM_RATIO')!.value).toBeCloseTo(0.6, 4);
    const fused = rows.find((r) => r.src === 'all')!;
    expect(fused.gpsjamRatio).toBeCloseTo(0.6, 10);
    expect(fused.degraded).toBe(7);
    expect(fused.score).toBeGreaterThan(8);
  });

  it('calls a cell spoofing when spoofed craft are the majority of the affected', () => {
    const stage = new RegionStage();
    const observations = crowd(T0, 4, 1);
    for (let i = 0; i < 4; i++) {
      observations.push(obs({ t: T0, id: `icao:f0000${i}`, status: 'spoofed', spoofLat: 33.82, spoofLon: 35.49 }));
    }
    const { cells, rows } = run(stage, observations, T0 + TICK);
    expect(cells[0]!.kind).toBe('spoofing');
    expect(cells[0]!.samples.filter((s) => s.spoofLat === 33.82)).toHaveLength(4);
    expect(rows.find((r) => r.src === 'all')!.jumps).toBe(4);
  });

  it('needs the minimum number of distinct affected craft for any level', () => {
    const two = run(new RegionStage(), crowd(T0, 0, 2), T0 + TICK);
    expect(two.cells).toHaveLength(1);
    const strict = run(new RegionStage({ minAffected: 3 }), crowd(T0, 0, 2), T0 + TICK);
    expect(strict.cells).toHaveLength(0);
    expect(strict.rows.find((r) => r.src === 'all')!.level).toBe(0);
    expect(strict.rows.find((r) => r.src === 'all')!.score).toBeGreaterThan(3);
    const one = run(new RegionStage(), crowd(T0, 0, 1), T0 + TICK);
    expect(one.cells).toHaveLength(0);
  });

  it('learns a cell baseline from quiet ticks, and an event does not teach it', () => {
    const stage = new RegionStage();
    const cell = cellAt(HELSINKI.lat, HELSINKI.lon, 4);
    const prior = stage.baseline(cell, GROUP_AIR_HIGH);
    // Two quiet hours at 1 in 10 degraded: not anomalous (score < 3), so the baseline learns it.
    const quiet = steady(T0, 120, 9, 1);
    const learning = run(stage, quiet, T0 + 120 * MINUTE);
    expect(learning.cells).toHaveLength(0);
    const learned = stage.baseline(cell, GROUP_AIR_HIGH);
    expect(learned).toBeGreaterThan(prior + 0.02);
    expect(learned).toBeLessThan(0.1);
    // An hour of jamming: 8 in 10 degraded, anomalous on every tick, and the baseline does not move.
    const jam = run(stage, steady(T0 + 120 * MINUTE, 60, 2, 8), T0 + 180 * MINUTE);
    expect(jam.cells.length).toBeGreaterThan(200);
    expect(stage.baseline(cell, GROUP_AIR_HIGH)).toBe(learned);
  });

  it('scores the same crowd lower where the baseline is higher', () => {
    const fresh = run(new RegionStage(), crowd(T0 + 120 * MINUTE, 7, 3), T0 + 120 * MINUTE + TICK);
    const used = new RegionStage();
    run(used, steady(T0, 120, 9, 1), T0 + 120 * MINUTE);
    const seasoned = run(used, crowd(T0 + 120 * MINUTE, 7, 3), T0 + 120 * MINUTE + TICK);
    const score = (r: { rows: CellRow[] }) => r.rows.filter((x) => x.src === 'all').at(-1)!.score;
    expect(score(seasoned)).toBeLessThan(score(fresh));
  });

  it('counts late observations and invalid cells without keeping them', () => {
    const stage = new RegionStage();
    run(stage, [obs({ t: T0 + 10 * MINUTE, id: 'icao:000001' })], T0 + 10 * MINUTE);
    stage.process(obs({ t: T0, id: 'icao:000002' }));
    stage.process({ ...obs({ t: T0 + 10 * MINUTE, id: 'icao:000003' }), cell: 'not-a-cell' });
    expect(stage.counters).toEqual({ observations: 3, late: 1, invalidCell: 1 });
    expect(stage.cellCount).toBe(1);
  });

  it('skips idle ticks: a gap of a day in the data costs one evaluation', () => {
    const stage = new RegionStage();
    const out = run(stage, [obs({ t: T0, id: 'icao:000001' })], T0 + 86_400_000);
    expect(out.rows.length).toBeLessThan(3 * 25);
    expect(stage.tickTime).toBe(T0 + 86_400_000);
  });

  it('decides the same after a snapshot and restore (windows included)', () => {
    const options: RegionOptionsInput = {};
    const first = steady(T0, 30, 9, 1);
    const second = [...steady(T0 + 30 * MINUTE, 10, 3, 7), ...steady(T0 + 40 * MINUTE, 10, 9, 1)];
    const straight = new RegionStage(options);
    run(straight, first, T0 + 30 * MINUTE);
    const snapshot = JSON.parse(JSON.stringify(straight.snapshot({ windows: true })));
    const restored = new RegionStage(options);
    restored.restore(snapshot);
    const a = run(straight, second, T0 + 60 * MINUTE);
    const b = run(restored, second, T0 + 60 * MINUTE);
    expect(a.cells.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('snapshots baselines alone by default', () => {
    const stage = new RegionStage();
    run(stage, steady(T0, 30, 9, 1), T0 + 30 * MINUTE);
    const snapshot = stage.snapshot();
    expect(snapshot.windows).toBeUndefined();
    const restored = new RegionStage();
    restored.restore(snapshot);
    const cell = cellAt(HELSINKI.lat, HELSINKI.lon, 4);
    expect(restored.baseline(cell, GROUP_AIR_HIGH)).toBe(stage.baseline(cell, GROUP_AIR_HIGH));
    expect(restored.cellCount).toBe(0);
  });

  it('evicts the stalest cell beyond maxCells, a cell moving back at most once a tick, and restores what is left', () => {
    const cells = cellsOfPool(poolOf(cellAt(HELSINKI.lat, HELSINKI.lon, 4), 3), 4).sort();
    const at = (k: number, t: number, id = `icao:00000${k}`) => obs({ t, id, ...centre(cells[k]!) });
    const options: RegionOptionsInput = { maxCells: 3, poolResolution: 0 };
    const stage = new RegionStage(options);
    const rowsAt = (out: Run, t: number) => out.rows.filter((r) => r.src === 'all' && r.t === t).map((r) => r.cell);
    // c1 seen again within a tick of its last move stays; c0 seen a tick later moves behind c1 and c2: c3 evicts c1
    const first = [at(0, T0), at(1, T0), at(2, T0), at(1, T0 + TICK - 1000), at(0, T0 + TICK), at(3, T0 + TICK)];
    let out = run(stage, first, T0 + 2 * TICK);
    expect(rowsAt(out, T0 + TICK)).toEqual([cells[0], cells[1], cells[2]]);
    expect(rowsAt(out, T0 + 2 * TICK)).toEqual([cells[2], cells[0], cells[3]]);
    expect(stage.cellCount).toBe(3);
    // c1 back (a new craft) evicts c2
    out = run(stage, [at(1, T0 + 2 * TICK + 2000, 'icao:000009')], T0 + 3 * TICK);
    expect(rowsAt(out, T0 + 3 * TICK)).toEqual([cells[0], cells[3], cells[1]]);
    const snapshot = JSON.parse(JSON.stringify(stage.snapshot({ windows: true })));
    expect(snapshot.windows.map((o: Observation) => o.id)).toEqual(['icao:000000', 'icao:000003', 'icao:000009']);
    const restored = new RegionStage(options);
    restored.restore(snapshot);
    expect(restored.snapshot({ windows: true })).toEqual(snapshot);
    const next = [at(2, T0 + 3 * TICK + 1000), at(1, T0 + 4 * TICK)];
    expect(run(restored, next, T0 + 5 * TICK)).toEqual(run(stage, next, T0 + 5 * TICK));
    expect(restored.cellCount).toBe(3);
  });

  it('is deterministic: the same input twice gives identical output', () => {
    const input = [...steady(T0, 20, 9, 1), ...steady(T0 + 20 * MINUTE, 20, 4, 6, { lat: 55.5, lon: 20.5 })];
    const a = run(new RegionStage(), input, T0 + 45 * MINUTE);
    const b = run(new RegionStage(), input, T0 + 45 * MINUTE);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

describe('region stage: cells pooled by their resolution-3 parent', () => {
  // the resolution-3 pool round Helsinki and four of its seven resolution-4 cells
  const pool = poolOf(cellAt(HELSINKI.lat, HELSINKI.lon, 4), 3);
  const cells = cellsOfPool(pool, 4).sort().slice(0, 4);
  /** In cell k: `bad` degraded aircraft and `good` good ones, ids from the hex prefix of k. */
  const inCell = (k: number, good: number, bad: number) => crowd(T0, good, bad, centre(cells[k]!), 'abcd'[k]!);
  const fused = (rows: CellRow[], cell: string) => rows.find((r) => r.src === 'all' && r.cell === cell)!;

  it('sends four cells of one affected aircraft each (of one or two) with the pool’s evidence; alone each is level 0', () => {
    const observations = [inCell(0, 0, 1), inCell(1, 1, 1), inCell(2, 0, 1), inCell(3, 1, 1)].flat();
    const { cells: sent, rows } = run(new RegionStage(), observations, T0 + TICK);
    for (const cell of cells) expect(fused(rows, cell).level, cell).toBe(0);
    expect(sent.map((c) => c.cell).sort()).toEqual(cells);
    for (const [k, c] of sent.map((c) => [cells.indexOf(c.cell), anomalousCellSchema.parse(c)] as const)) {
      expect(c.level).toBeGreaterThanOrEqual(1);
      expect([c.level, c.score, c.kind]).toEqual([sent[0]!.level, sent[0]!.score, 'jamming']);
      expect(c.evidence.find((e) => e.code === 'POOLED')).toMatchObject({ value: 3 });
      expect(c.evidence.find((e) => e.code === 'POOLED')!.text).toContain(pool);
      // the pool's verdict, the cell's own place, counts and craft
      expect(c.res).toBe(4);
      expect({ lat: c.lat, lon: c.lon }).toEqual(centre(c.cell));
      expect(c.affected).toEqual({ aircraft: 1, vessels: 0 });
      expect(c.observed).toEqual({ aircraft: 1 + (k % 2), vessels: 0 });
      expect(c.samples.map((s) => s.id).sort()).toEqual(
        inCell(k, k % 2, 1)
          .map((o) => o.id)
          .sort(),
      );
    }
    // with pooling off, nothing
    const alone = run(new RegionStage({ poolResolution: 0 }), observations, T0 + TICK);
    expect(alone.cells).toEqual([]);
  });

  it('drops a pool whose cells are gone, and makes it anew when craft come back', () => {
    const stage = new RegionStage();
    const observations = [inCell(0, 0, 1), inCell(1, 1, 1), inCell(2, 0, 1), inCell(3, 1, 1)].flat();
    const later = (o: Observation) => ({ ...o, t: o.t + 10 * MINUTE });
    const first = run(stage, observations, T0 + TICK);
    // the windows empty 5 minutes on: cells and pool dropped
    const between = run(stage, [], T0 + 6 * MINUTE);
    expect(between.cells.filter((c) => c.t >= T0 + 5 * MINUTE)).toEqual([]);
    expect(between.cells.length).toBeGreaterThan(0);
    expect(stage.cellCount).toBe(0);
    const again = run(stage, observations.map(later), T0 + 10 * MINUTE + TICK);
    expect(again.cells.map((c) => c.cell).sort()).toEqual(first.cells.map((c) => c.cell).sort());
    expect(again.cells.every((c) => c.evidence.some((e) => e.code === 'POOLED'))).toBe(true);
  });

  it('counts a craft seen in two of its cells once', () => {
    const at = (k: number, t: number, id: string) => obs({ t, id, status: 'degraded', ...centre(cells[k]!) });
    const crossing = [at(0, T0, 'icao:aaaaaa'), at(2, T0, 'icao:bbbbbb'), at(1, T0 + 1000, 'icao:aaaaaa')];
    const once = [at(2, T0, 'icao:bbbbbb'), at(1, T0 + 1000, 'icao:aaaaaa')];
    const pooled = (observations: Observation[]) => run(new RegionStage(), observations, T0 + TICK).cells;
    const a = pooled(crossing);
    const b = pooled(once);
    expect(a.map((c) => c.cell).sort()).toEqual([cells[0], cells[1], cells[2]].sort());
    expect(b).toHaveLength(2);
    const ratio = (c: AnomalousCell) => c.evidence.find((e) => e.code === 'AFFECTED_RATIO')!.text;
    expect(ratio(a[0]!)).toBe(ratio(b[0]!));
    expect(ratio(a[0]!)).toMatch(/^2 of 2 craft/);
    expect(a[0]!.score).toBe(b[0]!.score);
  });

  it('does not send again a cell that was anomalous on its own', () => {
    const observations = [inCell(0, 0, 3), inCell(1, 0, 1), inCell(2, 1, 1)].flat();
    const { cells: sent } = run(new RegionStage(), observations, T0 + TICK);
    expect(sent.map((c) => c.cell).sort()).toEqual(cells.slice(0, 3));
    const pooled = (c: AnomalousCell) => c.evidence.some((e) => e.code === 'POOLED');
    expect(sent.filter((c) => !pooled(c)).map((c) => c.cell)).toEqual([cells[0]]);
    expect(sent.find((c) => c.cell === cells[0])!.affected.aircraft).toBe(3);
  });
});
