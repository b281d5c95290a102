import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configLeaves } from '../../../src/config/env.js';
import { loadConfig } from '../../../src/config/load.js';
import { configSchema, topicNames } from '../../../src/config/schema.js';
import { JamwatchError } from '../../../src/errors.js';

const CONFIG_DIR = resolve(import.meta.dirname, '../../../config');

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'jamwatch-config-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function loadError(fn: () => unknown): JamwatchError {
  try {
    fn();
  } catch (error) {
    if (error instanceof JamwatchError) return error;
    throw error;
  }
  throw new Error('expected a JamwatchError');
}

describe('configuration', () => {
  it('loads the shipped defaults with no environment', () => {
    const config = loadConfig({ env: {} });
    expect(config.kafka.brokers).toEqual(['127.0.0.1:19092']);
    expect(config.topics.prefix).toBe('jamwatch.');
    expect(config.influx.bucket).toBe('jamwatch');
    expect(topicNames(config.topics.prefix).alerts).toBe('jamwatch.alerts');
  });

  it('validates every JSON and YAML file shipped in config/ against the schema', () => {
    const files = readdirSync(CONFIG_DIR).filter((name) => /\.(json|ya?ml)$/.test(name));
    expect(files).toContain('default.json');
    for (const name of files) expect(() => loadConfig({ file: join(CONFIG_DIR, name), env: {} }), name).not.toThrow();
  });

  it('takes the variables DESIGN.md names from the environment', () => {
    const config = loadConfig({
      env: {
        JAMWATCH_KAFKA_BROKERS: 'k1:9092, k2:9092',
        JAMWATCH_KAFKA_GROUP: 'g1',
        JAMWATCH_TOPIC_PREFIX: 'test.x.',
        JAMWATCH_INFLUX_URL: 'http://db:8086',
        JAMWATCH_INFLUX_ORG: 'o',
        JAMWATCH_INFLUX_BUCKET: 'b',
        JAMWATCH_INFLUX_TOKEN: 't',
        JAMWATCH_HTTP_PORT: '0',
        JAMWATCH_KAFKA_SSL: 'true',
      },
    });
    expect(config.kafka.brokers).toEqual(['k1:9092', 'k2:9092']);
    expect(config.kafka.group).toBe('g1');
    expect(config.kafka.ssl).toBe(true);
    expect(config.topics.prefix).toBe('test.x.');
    expect(config.influx).toMatchObject({ url: 'http://db:8086', org: 'o', bucket: 'b', token: 't' });
    expect(config.http.port).toBe(0);
  });

  it('layers a --config file over the defaults and the environment over both', () => {
    const file = tempFile('site.yaml', 'kafka:\n  group: from-file\n  clientId: site\nlog:\n  level: debug\n');
    const config = loadConfig({ file, env: { JAMWATCH_KAFKA_GROUP: 'from-env' } });
    expect(config.kafka.group).toBe('from-env');
    expect(config.kafka.clientId).toBe('site');
    expect(config.log.level).toBe('debug');
    expect(config.kafka.brokers).toEqual(['127.0.0.1:19092']);
  });

  it('names the key, the value, its source and what is accepted when a value is bad', () => {
    const error = loadError(() => loadConfig({ env: { JAMWATCH_HTTP_PORT: 'eighty' } }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('http.port');
    expect(error.message).toContain('environment variable JAMWATCH_HTTP_PORT');
    expect(error.message).toMatch(/expected number/);

    const file = tempFile('bad.json', JSON.stringify({ kafka: { brokers: ['no-port'] }, log: { level: 'loud' } }));
    const fileError = loadError(() => loadConfig({ file, env: {} }));
    expect(fileError.message).toContain('kafka.brokers.0 = "no-port"');
    expect(fileError.message).toContain('expected host:port');
    expect(fileError.message).toContain('log.level = "loud"');
    expect(fileError.message).toContain(file);
  });

  it('rejects unknown keys instead of ignoring a typo', () => {
    const file = tempFile('typo.json', JSON.stringify({ kafka: { brokerz: ['a:1'] } }));
    expect(loadError(() => loadConfig({ file, env: {} })).message).toContain('brokerz');
  });

  it('reports unreadable and unparsable files as CONFIG_FILE', () => {
    expect(loadError(() => loadConfig({ file: '/nonexistent/jamwatch.json', env: {} })).code).toBe('CONFIG_FILE');
    expect(loadError(() => loadConfig({ file: tempFile('x.json', '{ nope'), env: {} })).code).toBe('CONFIG_FILE');
  });

  it('documents every option with a description and a JAMWATCH_ variable', () => {
    const leaves = configLeaves(configSchema);
    expect(leaves.length).toBeGreaterThan(15);
    for (const leaf of leaves) {
      expect(leaf.description, leaf.path).toBeTruthy();
      expect(leaf.env).toMatch(/^JAMWATCH_[A-Z0-9_]+$/);
    }
  });
});
