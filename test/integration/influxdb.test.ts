import { InfluxDB, Point } from '@influxdata/influxdb-client';
import { describe, expect, it } from 'vitest';
import { services, uniquePrefix } from './services.js';

describe('real InfluxDB', () => {
  const { influxUrl, influxOrg, influxBucket, influxToken } = services();
  const client = new InfluxDB({ url: influxUrl, token: influxToken });

  it('writes points and reads them back with Flux', async () => {
    const run = uniquePrefix('influx');
    const writer = client.getWriteApi(influxOrg, influxBucket, 'ms');
    const t0 = Date.now() - 60_000;
    for (let i = 0; i < 10; i++) {
      writer.writePoint(
        new Point('gnss_cell_test')
          .tag('run', run)
          .tag('cell', '841f05bffffffff')
          .floatField('ratio', i / 10)
          .intField('craft', 10 + i)
          .timestamp(new Date(t0 + i * 1000)),
      );
    }
    await writer.close();

    const rows = await client.getQueryApi(influxOrg).collectRows<{ _field: string; _value: number }>(
      `from(bucket: "${influxBucket}") |> range(start: -10m)
         |> filter(fn: (r) => r._measurement == "gnss_cell_test" and r.run == "${run}")`,
    );
    const ratios = rows.filter((r) => r._field === 'ratio').map((r) => r._value);
    const craft = rows.filter((r) => r._field === 'craft').map((r) => r._value);
    expect(ratios).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    expect(craft).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });

  it('overwrites a point with the same tags and time (idempotent replays)', async () => {
    const run = uniquePrefix('idempotent');
    const t = new Date(Date.now() - 30_000);
    for (const value of [1, 2]) {
      const writer = client.getWriteApi(influxOrg, influxBucket, 'ms');
      writer.writePoint(new Point('gnss_cell_test').tag('run', run).floatField('score', value).timestamp(t));
      await writer.close();
    }
    const rows = await client.getQueryApi(influxOrg).collectRows<{ _value: number }>(
      `from(bucket: "${influxBucket}") |> range(start: -10m)
         |> filter(fn: (r) => r._measurement == "gnss_cell_test" and r.run == "${run}")`,
    );
    expect(rows.map((r) => r._value)).toEqual([2]);
  });
});
