import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/eval/evaluate.js';
import { gpsjamAlerts } from '../../../src/eval/gpsjam.js';
import { alertSchema } from '../../../src/schema/alert.js';
import type { CellRow } from '../../../src/schema/cell.js';
import { jammingEvent, T0, truth } from './fixtures.js';

function row(
  min: number,
  cell: string,
  lat: number,
  lon: number,
  gpsjamRatio: number,
  src: CellRow['src'] = 'adsb',
): CellRow {
  return {
    t: T0 + min * 60_000,
    cell,
    res: 4,
    src,
    lat,
    lon,
    craft: 10,
    degraded: Math.round(gpsjamRatio * 10),
    jumps: 0,
    ratio: gpsjamRatio,
    score: 0,
    level: 0,
    gpsjamRatio,
  };
}

describe("gpsjam.org's rule as alerts", () => {
  it('joins neighbouring red cells over consecutive ticks into one jamming alert', () => {
    const rows = [
      row(25, 'c1', 54.5, 19.5, 0.3),
      row(25, 'c2', 54.8, 19.8, 0.2),
      row(30, 'c2', 54.8, 19.8, 0.4),
      row(35, 'c3', 55.0, 20.1, 0.15),
      row(35, 'green', 54.0, 19.0, 0.01),
    ];
    const alerts = gpsjamAlerts(rows);
    expect(alerts).toHaveLength(2);
    const [open, resolved] = alerts;
    expect(open).toMatchObject({
      kind: 'jamming',
      status: 'open',
      startedAt: new Date(T0 + 25 * 60_000).toISOString(),
    });
    expect(resolved).toMatchObject({
      id: open!.id,
      status: 'resolved',
      endedAt: new Date(T0 + 35 * 60_000).toISOString(),
    });
    expect(resolved!.area.cells.sort()).toEqual(['c1', 'c2', 'c3']);
    for (const a of alerts) expect(alertSchema.safeParse(a).success).toBe(true);
    expect(evaluate(truth([jammingEvent()]), alerts).events[0]).toMatchObject({ found: true, timeToFirstAlertS: 300 });
  });

  it('keeps distant clusters and long gaps apart, and ignores yellow cells', () => {
    const rows = [
      row(25, 'a', 54.5, 19.5, 0.3),
      row(25, 'b', 60.0, 25.0, 0.3),
      row(80, 'a', 54.5, 19.5, 0.3),
      row(85, 'y', 54.5, 19.5, 0.05),
    ];
    const opens = gpsjamAlerts(rows).filter((a) => a.status === 'open');
    expect(opens).toHaveLength(3);
  });

  it('uses the ADS-B rows when there are any, the fused rows otherwise', () => {
    expect(gpsjamAlerts([row(25, 'a', 54.5, 19.5, 0.3, 'ais')])).toEqual([]);
    expect(gpsjamAlerts([row(25, 'a', 54.5, 19.5, 0.3, 'all')])).toHaveLength(2);
  });
});
