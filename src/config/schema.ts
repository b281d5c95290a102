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
    rawPartitions: z
      .number()
      .int()
      .positive()
      .default(1)
      .describe(
        'partitions of the raw input topics when jamwatch creates them: 1 keeps unkeyed input in order (NMEA multi-part sentences, readsb snapshots)',
      ),
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
    installTasks: z
      .boolean()
      .default(true)
      .describe('the worker installs or updates the aggregation tasks at start, as jamwatch influx setup does'),
    taskPrefix: z
      .string()
      .min(1)
      .default('jamwatch')
      .describe('name prefix of the aggregation tasks ("<prefix> gnss_cell_1h"): one set per bucket in a shared org'),
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

/** Timings and bounds of `jamwatch worker` (src/drivers/worker/worker.ts); the defaults suit a live feed and a backfill. */
export const workerSchema = z
  .object({
    checkpointIntervalMs: z
      .number()
      .int()
      .positive()
      .default(10_000)
      .describe(
        'checkpoint and commit this often: a crash re-reads at most this much; each costs a flush and one message per task',
      ),
    timerMs: z
      .number()
      .int()
      .positive()
      .default(250)
      .describe("the stages' clock: watermarks of idle partitions, idle checks, metrics"),
    fetchMaxWaitMs: z
      .number()
      .int()
      .positive()
      .default(100)
      .describe('longest wait of a fetch that finds nothing: bounds how late watermarks cross the three stages'),
    busyMs: z
      .number()
      .int()
      .positive()
      .default(5_000)
      .describe(
        'a report partition fed within this time, or behind the end of its log, is busy: it holds stream time back',
      ),
    idleAdvanceMs: z
      .number()
      .int()
      .positive()
      .default(10_000)
      .describe(
        'after this long with no input at all, stream time follows the wall clock (alerts resolve on a silent feed)',
      ),
    watermarkIntervalMs: z
      .number()
      .int()
      .positive()
      .default(200)
      .describe('watermarks are written at most this often (ticks are 15 s apart)'),
    feedPointIntervalMs: z
      .number()
      .int()
      .positive()
      .default(10_000)
      .describe('interval of the jamwatch_feed points in InfluxDB'),
    maxHeld: z
      .number()
      .int()
      .positive()
      .default(500_000)
      .describe(
        'records a region or event task holds for a watermark before the oldest are released anyway (~100 MB of observations)',
      ),
    maxDrainMs: z
      .number()
      .int()
      .positive()
      .default(120_000)
      .describe('--until-idle: longest wait for the stages to drain at the end of a backfill before stopping anyway'),
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
    worker: workerSchema.prefault({}),
    detection: detectionSchema.prefault({}),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

/** Topic names, all derived from the prefix (DESIGN.md). */
export function topicNames(prefix: string) {
  return {
    reportsAdsb: `${prefix}reports.adsb`,
    reportsAis: `${prefix}reports.ais`,
    /** readsb JSON from other tools, one document per message, no key: the worker decodes it into reports.adsb. */
    rawReadsb: `${prefix}raw.readsb`,
    /** AIS NMEA lines from other tools, one or more per message, no key: the worker decodes them into reports.ais. */
    rawNmea: `${prefix}raw.nmea`,
    observations: `${prefix}observations`,
    cells: `${prefix}cells`,
    alerts: `${prefix}alerts`,
    deadletter: `${prefix}deadletter`,
    state: `${prefix}state`,
  } as const;
}
