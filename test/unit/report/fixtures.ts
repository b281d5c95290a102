import { cellAt, cellCentre, cellsWithin } from '../../../src/core/region/cells.js';
import { CellCoverage } from '../../../src/report/cell-coverage.js';
import type { ReportInput } from '../../../src/report/html.js';
import { ALERT_SCHEMA_ID, type Alert } from '../../../src/schema/alert.js';
import type { CellRow } from '../../../src/schema/cell.js';

/**
 * A small run for the report tests: ten minutes of 15 s ticks over seven cells in the southern Baltic and one
 * cell further west that has craft only for the first ticks; the centre cell turns low then medium and a
 * neighbour high; a jamming alert is located (emitter) in its second message and resolved, a spoofing alert is
 * still open at the end and carries text that must be escaped.
 */
export const T0 = Date.parse('2026-01-10T16:00:00Z');
export const TICK_MS = 15_000;
export const TICKS = 40;
export const tickTime = (i: number): number => T0 + i * TICK_MS;
const iso = (ms: number): string => new Date(ms).toISOString();

export const CENTRE = cellAt(55, 18, 4);
export const RING = cellsWithin(CENTRE, 1).filter((c) => c !== CENTRE);
export const WEST = cellAt(55.6, 15.2, 4);
export const CELLS = [CENTRE, ...RING, WEST];
/** The West cell has craft at ticks 0 to WEST_LAST_TICK only. */
export const WEST_LAST_TICK = 9;
export const EMITTER = { lat: 55.02, lon: 18.05, errorKm: 30 };
export const SPOOF_TARGET = { lat: 54.4, lon: 18.5 };
export const NASTY = '</script><b>bold</b> & "quoted"';

export function row(i: number, cell: string, level: number): CellRow {
  const c = cellCentre(cell);
  return {
    t: tickTime(i),
    cell,
    res: 4,
    src: 'all',
    lat: c.lat,
    lon: c.lon,
    craft: 6,
    degraded: level === 0 ? 0 : level + 2,
    jumps: 0,
    ratio: level === 0 ? 0 : (level + 2) / 6,
    score: level * 3,
    level,
    gpsjamRatio: 0,
  };
}

/** Levels of the anomalous rows: tick → cell → level. */
export function anomalousLevels(): Map<number, Map<string, number>> {
  const levels = new Map<number, Map<string, number>>();
  const set = (i: number, cell: string, level: number) => {
    const at = levels.get(i) ?? new Map<string, number>();
    at.set(cell, level);
    levels.set(i, at);
  };
  for (let i = 8; i <= 11; i++) set(i, CENTRE, 1);
  for (let i = 12; i <= 20; i++) set(i, CENTRE, 2);
  for (let i = 14; i <= 18; i++) set(i, RING[0]!, 3);
  return levels;
}

function message(
  id: string,
  kind: Alert['kind'],
  startedAt: number,
  updatedAt: number,
  extra: Partial<Alert> = {},
): Alert {
  return {
    schema: ALERT_SCHEMA_ID,
    id,
    kind,
    status: 'open',
    severity: 'low',
    score: 3.5,
    startedAt: iso(startedAt),
    updatedAt: iso(updatedAt),
    area: { cells: [CENTRE], resolution: 4, center: { lat: 55, lon: 18 }, radiusKm: 40 },
    affected: { aircraft: 3, vessels: 1 },
    observed: { aircraft: 6, vessels: 2 },
    evidence: [{ code: 'AFFECTED_RATIO', text: '4 of 8 distinct craft affected (50 %) in 1 cells', value: 0.5 }],
    ...extra,
  };
}

const MIN = 60_000;
export const JAM_ID = 'jam-test-1';
export const SPOOF_ID = 'spoof-test-1';
/** jam-test-1: first state [2, 3) min, second (with the emitter) [3, 5) min, then resolved. */
export const ALERTS: Alert[] = [
  message(JAM_ID, 'jamming', T0 + 2 * MIN, T0 + 2 * MIN + TICK_MS),
  message(JAM_ID, 'jamming', T0 + 2 * MIN, T0 + 3 * MIN, {
    status: 'update',
    severity: 'medium',
    score: 5.5,
    emitter: EMITTER,
    area: { cells: [CENTRE, RING[0]!], resolution: 4, center: { lat: 55.05, lon: 18.1 }, radiusKm: 60 },
  }),
  message(SPOOF_ID, 'spoofing', T0 + 4 * MIN, T0 + 4 * MIN, {
    spoofTarget: SPOOF_TARGET,
    evidence: [{ code: 'NOTE', text: NASTY, value: 1.23456 }],
  }),
  message(JAM_ID, 'jamming', T0 + 2 * MIN, T0 + 6 * MIN, { status: 'resolved', endedAt: iso(T0 + 5 * MIN) }),
];

export function reportInput(land: ReportInput['land'] = []): ReportInput {
  const coverage = new CellCoverage();
  const levels = anomalousLevels();
  const anomalousRows: CellRow[] = [];
  for (let i = 0; i < TICKS; i++) {
    for (const cell of CELLS) {
      if (cell === WEST && i > WEST_LAST_TICK) continue;
      coverage.add(tickTime(i), cell);
      const level = levels.get(i)?.get(cell);
      if (level !== undefined) anomalousRows.push(row(i, cell, level));
    }
  }
  return {
    title: `test run <${NASTY}>`,
    alerts: ALERTS,
    observedCells: new Map(CELLS.map((cell) => [cell, cellCentre(cell)])),
    anomalousRows,
    land,
    summary: { alerts: 2, 'false alerts': 0, note: NASTY },
    coverage,
  };
}
