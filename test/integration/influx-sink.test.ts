import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { alertLine, cellLine } from '../../src/adapters/influx/line-protocol.js';
import { checkInflux, InfluxSink } from '../../src/adapters/influx/sink.js';
import type { CellRow } from '../../src/schema/cell.js';
import { influxConfig, influxQuery, services, uniquePrefix } from './services.js';

describe('InfluxSink against the real InfluxDB', () => {
  const s = services();
  const config = influxConfig();
  const log = pino({ level: 'silent' });

  it('writes gnss_cell and gnss_alert points that Flux reads back with their fields', async () => {
    const cell = uniquePrefix('cell').replace(/\W/g, '');
    const t = Date.now() - 120_000;
    const row: CellRow = {
      t,
      cell,
      res: 4,
      src: 'all',
      lat: 60.3,
      lon: 24.9,
      craft: 12,
      degraded: 5,
      jumps: 0,
      ratio: 5 / 12,
      score: 7.5,
      level: 3,
      gpsjamRatio: 4 / 12,
    };
    const sink = new InfluxSink(config, log);
    sink.write([cellLine(row), cellLine({ ...row, src: 'adsb', t: t + 15_000 })], t, Date.now());
    sink.write(
      [
        alertLine({
          schema: 'jamwatch.alert/1',
          id: `jam-${cell}`,
          kind: 'jamming',
          status: 'open',
          severity: 'high',
          score: 7.5,
          startedAt: new Date(t).toISOString(),
          updatedAt: new Date(t).toISOString(),
          area: { cells: [cell, 'x y'], resolution: 4, center: { lat: 60.3, lon: 24.9 }, radiusKm: 40 },
          emitter: { lat: 60.1, lon: 24.5, errorKm: 8 },
          affected: { aircraft: 5, vessels: 0 },
          observed: { aircraft: 12, vessels: 0 },
          evidence: [],
        }),
      ],
      t,
      Date.now(),
    );
    await sink.close();
    expect(sink.written).toBe(3);

    const query = influxQuery();
    const cells = await query.collectRows<Record<string, unknown>>(
      `from(bucket: "${s.influxBucket}") |> range(start: -10m)
         |> filter(fn: (r) => r._measurement == "gnss_cell" and r.cell == "${cell}")
         |> pivot(rowKey: ["_time", "src"], columnKey: ["_field"], valueColumn: "_value")`,
    );
    expect(cells).toHaveLength(2);
    expect(cells.find((r) => r.src === 'all')).toMatchObject({
      lat: 60.3,
      lon: 24.9,
      craft: 12,
      degraded: 5,
      level: 3,
    });

    const alerts = await query.collectRows<Record<string, unknown>>(
      `from(bucket: "${s.influxBucket}") |> range(start: -10m)
         |> filter(fn: (r) => r._measurement == "gnss_alert" and r.id == "jam-${cell}")
         |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value")`,
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: 'jamming',
      severity: 'high',
      emitter_lat: 60.1,
      error_km: 8,
      status: 'open',
    });
    expect(alerts[0]!.cells).toBe(`${cell},x y`);
  });

  it('fails fast with a clear message on a wrong token, a missing bucket or no server', async () => {
    await expect(checkInflux(config)).resolves.toBeUndefined();
    await expect(checkInflux({ ...config, token: 'wrong' })).rejects.toThrow(/refused the token/);
    await expect(checkInflux({ ...config, bucket: 'no-such-bucket' })).rejects.toThrow(/does not exist/);
    await expect(checkInflux({ ...config, url: 'http://127.0.0.1:9' })).rejects.toThrow(/cannot reach InfluxDB/);
  });
});
