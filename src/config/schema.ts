import { z } from 'zod';
import { entityOptionsSchema } from '../core/entity/options.js';
import { pipelineOptionsSchema } from '../core/topology.js';

/**
 * The one configuration schema. Each option is declared once, here, with its description and default; every key can
 * also come from a `JAMWATCH_*` environment variable (see env.ts) and from `config/default.json` or `--config FILE`.
 * Sections whose options belong to the detection core are declared beside the rules that use them and composed here.
 */
const hostPort = z.string().regex(/^[^\s:]+:\d{1,5}$/, 'expected host:port');

export const kafkaSchema = z
  .object({
    brokers: z.array(hostPort).min(1).default(['127.0.0.1:19092']).describe('Kafka bootstrap brokers (host:port)'),
    clientId: z.string().min(1).default('jamwatch').describe('Kafka client id, shown in broker logs and quotas'),
    group: z.string().min(1).default('jamwatch').describe('consumer group id: workers in one group share the work'),
    ssl: z.boolean().default(false).describe('connect with TLS'),
    sslCaFile: z.string().optional().describe('PEM file of the CA that signed the brokers (with ssl)'),
    sslCertFile: z.string().optional().describe('PEM client certificate for mutual TLS'),
    sslKeyFile: z.string().optional().describe('PEM client key for mutual TLS'),
    saslMechanism: z
      .enum(['none', 'plain', 'scram-sha-256', 'scram-sha-512'])
      .default('none')
      .describe('SASL mechanism; none for an open broker'),
    saslUsername: z.string().optional().describe('SASL user name'),
    saslPassword: z.string().optional().describe('SASL password (never logged)'),
    connectionTimeoutMs: z.number().int().positive().default(10_000).describe('time to connect to a broker'),
    maxMessageBytes: z
      .number()
      .int()
      .positive()
      .default(1_048_576)
      .describe('messages larger than this are dead-lettered unread (a size limit on untrusted input)'),
    reportPartitions: z
      .number()
      .int()
      .positive()
      .default(6)
      .describe('partitions of the report topics when jamwatch creates them (the unit of scale-out)'),
    observationPartitions: z
      .number()
      .int()
      .positive()
      .default(6)
      .describe('partitions of the observations repartition topic when jamwatch creates it'),
  })
  .strict();

export const topicsSchema = z
  .object({
    prefix: z
      .string()
      .regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, dot, underscore and hyphen only')
      .default('jamwatch.')
      .describe('prefix of every topic name, so that a test or a second deployment can share a broker'),
  })
  .strict();

export const influxSchema = z
  .object({
    url: z.url().default('http://127.0.0.1:18086').describe('InfluxDB 2.x URL'),
    org: z.string().min(1).default('jamwatch').describe('InfluxDB organisation'),
    bucket: z.string().min(1).default('jamwatch').describe('InfluxDB bucket for gnss_cell, gnss_alert, jamwatch_feed'),
    token: z.string().optional().describe('InfluxDB API token (never logged); or tokenFile'),
    tokenFile: z.string().optional().describe('file holding the InfluxDB token (for Docker/Kubernetes secrets)'),
    batchSize: z.number().int().positive().default(5000).describe('points per write request'),
    flushIntervalMs: z.number().int().positive().default(1000).describe('longest time a point waits in the batch'),
    retentionDays: z
      .number()
      .min(0)
      .default(30)
      .describe('bucket retention the worker expects (0 = infinite); older backfill points are warned about'),
  })
  .strict();

export const httpSchema = z
  .object({
    host: z.string().default('127.0.0.1').describe('address of /healthz, /readyz and /metrics (loopback by default)'),
    port: z.number().int().min(0).max(65535).default(9464).describe('port of the health and metrics server (0 = off)'),
  })
  .strict();

export const logSchema = z
  .object({
    level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('log level'),
  })
  .strict();

export const detectionSchema = z
  .object({
    entity: entityOptionsSchema.prefault({}),
    pipeline: pipelineOptionsSchema.prefault({}),
    landMask: z
      .enum(['off', '110m', '50m'])
      .default('50m')
      .describe('Natural Earth land mask for "vessel on land": 50m is finer at ports and archipelagos'),
  })
  .strict();

export const configSchema = z
  .object({
    kafka: kafkaSchema.prefault({}),
    topics: topicsSchema.prefault({}),
    influx: influxSchema.prefault({}),
    http: httpSchema.prefault({}),
    log: logSchema.prefault({}),
    detection: detectionSchema.prefault({}),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

/** Topic names, all derived from the prefix (DESIGN.md). */
export function topicNames(prefix: string) {
  return {
    reportsAdsb: `${prefix}reports.adsb`,
    reportsAis: `${prefix}reports.ais`,
    observations: `${prefix}observations`,
    cells: `${prefix}cells`,
    alerts: `${prefix}alerts`,
    deadletter: `${prefix}deadletter`,
    state: `${prefix}state`,
  } as const;
}
