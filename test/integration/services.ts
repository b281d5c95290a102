import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';

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
