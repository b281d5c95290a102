import { z } from 'zod';
import { anomalousCellSchema } from '../../schema/cell.js';

/**
 * The event stage's state as plain JSON data: what `snapshot()` writes to `jamwatch.state` and `restore()` reads
 * back, validated, so that a restarted worker decides as the old one would.
 */
export const EVENT_SNAPSHOT_SCHEMA_ID = 'jamwatch.event-state/1';

/** An anomalous cell held for joining: its latest report and since when it has been anomalous without a gap. */
export const cellRecordSchema = z.object({
  lastSeen: z.number(),
  firstSeen: z.number(),
  cell: anomalousCellSchema,
});
export type CellRecord = z.infer<typeof cellRecordSchema>;

const emitterSchema = z.object({
  lat: z.number(),
  lon: z.number(),
  errorKm: z.number(),
  reachKm: z.number(),
  craft: z.number(),
  affected: z.number(),
});

const edgeSchema = z.object({ id: z.string(), t: z.number(), lat: z.number(), lon: z.number(), alt: z.number() });
export type EdgePoint = z.infer<typeof edgeSchema>;

export const eventStateSchema = z.object({
  /** Last evaluation that touched the event (the bounded map's clock). */
  lastSeen: z.number(),
  id: z.string(),
  kind: z.enum(['jamming', 'spoofing']),
  phase: z.enum(['pending', 'open', 'resolved']),
  startedAt: z.number(),
  /** Latest report of each of the event's cells, sorted by cell: what messages are built from. */
  cells: z.array(anomalousCellSchema),
  /** Distinct anomalous ticks seen since the event (re)started, and the latest one counted. */
  ticks: z.number().int(),
  lastTick: z.number(),
  lastAnomalousAt: z.number(),
  /** Highest level and score of the cells at the last evaluation. */
  level: z.number().int(),
  score: z.number(),
  severity: z.object({ severity: z.number().int(), lowerSince: z.number(), lowerMax: z.number().int() }),
  /** −1 while not ended. */
  endedAt: z.number(),
  published: z
    .object({ at: z.number(), severity: z.number().int(), cells: z.array(z.string()), affected: z.number() })
    .nullable(),
  emitter: emitterSchema.nullable(),
  /**
   * The fit that located the emitter best (smallest error radius, within reach.ts's bound): components of cells
   * within its reach join the event, so one 300 km jammer lighting scattered cells stays one alert. Fits drift as the
   * craft that carry them move on; the emitter rarely does.
   */
  anchor: emitterSchema.optional(),
  /** Where affected craft were last healthy, per craft, kept for `edgeMemoryMs` (emitter-fit evidence). */
  edges: z.array(edgeSchema).optional(),
});
export type EventState = z.infer<typeof eventStateSchema>;

/** A located emitter remembered after its event was forgotten (reach.ts), until `until`. */
export const knownEmitterSchema = z.object({
  kind: z.enum(['jamming', 'spoofing']),
  fit: emitterSchema,
  until: z.number(),
});
export type KnownEmitter = z.infer<typeof knownEmitterSchema>;

export const eventSnapshotSchema = z.object({
  schema: z.literal(EVENT_SNAPSHOT_SCHEMA_ID),
  lastEval: z.number(),
  records: z.array(cellRecordSchema),
  events: z.array(eventStateSchema),
  known: z.array(knownEmitterSchema).optional(),
});
export type EventSnapshot = z.infer<typeof eventSnapshotSchema>;
