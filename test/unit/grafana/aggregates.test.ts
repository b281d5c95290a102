import { describe, expect, it } from 'vitest';
import {
  AGGREGATES,
  aggregateTaskFlux,
  aggregateTaskName,
  DAILY,
  gpsjamDailyFlux,
  HOURLY,
} from '../../../src/adapters/influx/aggregates.js';
import { dashboard, panelsOf, variableQuery, variableUses } from './grafana-model.js';

/** The long-range aggregates as the dashboards read them (the integration test runs them on InfluxDB). */

describe('aggregation tasks', () => {
  it('chain gnss_cell → gnss_cell_1h → gnss_cell_1d, the daily task running after the last hourly run', () => {
    expect(AGGREGATES.map((a) => [a.source, a.target])).toEqual([
      ['gnss_cell', 'gnss_cell_1h'],
      ['gnss_cell_1h', 'gnss_cell_1d'],
    ]);
    const minutes = (d: string) => Number.parseInt(d, 10);
    expect(minutes(DAILY.offset)).toBeGreaterThan(minutes(HOURLY.offset));
  });

  it('are InfluxDB tasks over the period that just ended, named for what they write', () => {
    const flux = aggregateTaskFlux(HOURLY, 'my "bucket"', aggregateTaskName(HOURLY));
    expect(flux.split('\n')[0]).toBe('option task = {name: "jamwatch gnss_cell_1h", every: 1h, offset: 5m}');
    expect(flux).toContain('range(start: -task.every, stop: now())');
    expect(flux).toContain('from(bucket: "my \\"bucket\\"")');
    expect(flux).toContain('to(bucket: "my \\"bucket\\"")');
    expect(flux).toContain('set(key: "_measurement", value: "gnss_cell_1h")');
  });

  it('keep the peak of every field and the means of ratio and score; the daily means are means of the hourly ones', () => {
    const hourly = aggregateTaskFlux(HOURLY, 'b', 'h');
    expect(hourly).toContain('aggregateWindow(fn: max, every: 1h, timeSrc: "_start", createEmpty: false)');
    expect(hourly).toMatch(/r\._field == "ratio"\)\n.*fn: mean.*\n.*value: "ratio_mean"/);
    const daily = aggregateTaskFlux(DAILY, 'b', 'd');
    expect(daily).toContain(
      'filter(fn: (r) => r._measurement == "gnss_cell_1h" and r._field != "ratio_mean" and r._field != "score_mean")',
    );
    expect(daily).toMatch(/r\._field == "score_mean"\)\n.*fn: mean.*\n.*value: "score_mean"/);
  });

  it('give each branch its own storage read, so that InfluxDB windows in storage (pushdown)', () => {
    for (const spec of AGGREGATES) {
      const flux = aggregateTaskFlux(spec, 'b', 'n');
      // One `from |> range |> filter |> aggregateWindow` chain per branch: a shared read is windowed in Flux.
      const lines = flux.split('\n');
      const windows = lines.flatMap((line, k) => (line.includes('|> aggregateWindow(') ? [k] : []));
      expect(windows).toHaveLength(1 + spec.means.length);
      for (const k of windows) {
        expect(lines.slice(k - 3, k).map((l) => /(from|range|filter)\(/.exec(l)?.[1])).toEqual([
          'from',
          'range',
          'filter',
        ]);
      }
    }
  });

  it('write the measurements the overview switches to for long ranges', () => {
    const overview = dashboard('jamwatch-overview');
    const picker = variableQuery(overview.templating.list.find((v) => v.name === 'cellseries')!);
    for (const a of AGGREGATES) expect(picker).toContain(`"${a.target}"`);
    expect(picker).toContain(`"${HOURLY.source}"`);
    // The cell panels read whichever measurement the picker chose, with the same field names.
    const cellPanels = panelsOf(overview).filter((p) =>
      p.targets!.some((t) => variableUses(t.query!).some((u) => u.name === 'cellseries')),
    );
    expect(cellPanels.length).toBeGreaterThanOrEqual(4);
  });
});

describe('gpsjam daily export', () => {
  it('reads one UTC day of ADS-B cell rows at res 4, one sample per window', () => {
    const flux = gpsjamDailyFlux('jamwatch', '2024-02-29');
    expect(flux).toContain(
      'range(start: time(v: "2024-02-29T00:00:00.000Z"), stop: time(v: "2024-03-01T00:00:00.000Z"))',
    );
    expect(flux).toContain('r.src == "adsb" and r.res == "4"');
    expect(flux).toContain('aggregateWindow(every: 300000ms, fn: last, createEmpty: false)');
    expect(gpsjamDailyFlux('jamwatch', '2024-02-29', { res: 5, windowMs: 60_000 })).toContain('every: 60000ms');
  });

  it('refuses what is not a UTC day or a window', () => {
    for (const day of ['2024-2-29', '2024-13-01', '2023-02-29', 'yesterday', '2024-02-29T00:00:00Z']) {
      expect(() => gpsjamDailyFlux('jamwatch', day), day).toThrow(/YYYY-MM-DD/);
    }
    expect(() => gpsjamDailyFlux('jamwatch', '2024-02-29', { windowMs: 0 })).toThrow(/window/);
  });
});
