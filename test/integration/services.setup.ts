import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Starts (or reuses) the real Kafka and InfluxDB through the project's own script before any integration test, and
 * hands their addresses to the tests. A cold machine builds InfluxDB here, which takes minutes; the services stay
 * up afterwards (stop them with `npm run services:down`).
 */
export default function setup(project: TestProject): void {
  const script = resolve(import.meta.dirname, '../../scripts/services.sh');
  const out = execFileSync('bash', [script, 'up'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const env: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const match = /^(JAMWATCH_[A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) env[match[1]!] = match[2]!;
  }
  for (const key of ['JAMWATCH_KAFKA_BROKERS', 'JAMWATCH_INFLUX_URL', 'JAMWATCH_INFLUX_TOKEN']) {
    if (!env[key]) throw new Error(`scripts/services.sh up printed no ${key}; output was:\n${out}`);
  }
  project.provide('services', env);
}

declare module 'vitest' {
  export interface ProvidedContext {
    services: Record<string, string>;
  }
}
