import { randomUUID } from 'node:crypto';
import { InfluxDB, type QueryApi } from '@influxdata/influxdb-client';
import { inject } from 'vitest';
import type { z } from 'zod';
import { type Config, influxSchema } from '../../src/config/schema.js';

/** Addresses of the real servers started by services.setup.ts, and a topic prefix unique to one test. */
export function services() {
  const env = inject('services');
  return {
    env,
    brokers: env.JAMWATCH_KAFKA_BROKERS!.split(','),
    influxUrl: env.JAMWATCH_INFLUX_URL!,
    influxOrg: env.JAMWATCH_INFLUX_ORG!,
    influxBucket: env.JAMWATCH_INFLUX_BUCKET!,
    influxToken: env.JAMWATCH_INFLUX_TOKEN!,
  };
}

export function uniquePrefix(name: string): string {
  return `test.${name}.${randomUUID().slice(0, 8)}.`;
}

/** The `influx` configuration of the real InfluxDB, as the worker would parse it, with a test's own settings. */
export function influxConfig(overrides: Partial<z.input<typeof influxSchema>> = {}): Config['influx'] {
  const s = services();
  return influxSchema.parse({
    url: s.influxUrl,
    org: s.influxOrg,
    bucket: s.influxBucket,
    token: s.influxToken,
    ...overrides,
  });
}

/** A Flux query API on the real InfluxDB, patient enough for a day of rows. */
export function influxQuery(): QueryApi {
  const s = services();
  return new InfluxDB({ url: s.influxUrl, token: s.influxToken, timeout: 120_000 }).getQueryApi(s.influxOrg);
}
