import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
const COMPOSE = resolve(ROOT, 'docker-compose.yml');

interface Service {
  image?: string;
  build?: unknown;
  healthcheck?: { test: unknown };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}

describe('docker-compose.yml', () => {
  it('is valid for docker-compose (Debian package; .ci/run installs it)', () => {
    const out = execFileSync('docker-compose', ['-f', COMPOSE, 'config'], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toContain('services:');
  });

  const file = parse(readFileSync(COMPOSE, 'utf8')) as { services: Record<string, Service> };

  it('runs Kafka 4.1 in KRaft mode, InfluxDB 2.7, a pinned Grafana and the worker', () => {
    expect(file.services.kafka?.image).toMatch(/^apache\/kafka:4\.1\./);
    expect(file.services.influxdb?.image).toBe('influxdb:2.7');
    expect(file.services.grafana?.image).toMatch(/^grafana\/grafana:\d+\.\d+\.\d+$/);
    expect(file.services.worker?.build).toBe('.');
  });

  it('gives every service a healthcheck and starts dependants only once they are healthy', () => {
    for (const [name, service] of Object.entries(file.services)) {
      expect(service.healthcheck?.test, name).toBeTruthy();
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(condition, `${name} → ${dependency}`).toBe('service_healthy');
      }
    }
  });

  it('mounts the Grafana provisioning folder that exists in the repository', () => {
    const mounts = file.services.grafana?.volumes ?? [];
    expect(mounts.some((m) => m.startsWith('./config/grafana/provisioning:/etc/grafana/provisioning'))).toBe(true);
    expect(readFileSync(resolve(ROOT, 'config/grafana/provisioning/datasources/influxdb.yaml'), 'utf8')).toContain(
      'type: influxdb',
    );
  });
});
