import { z } from 'zod';

/**
 * The entity stage's long-learned state (DESIGN.md: checkpointed to `jamwatch.state`, restored on start and on
 * rebalance): chronic-airframe records and each tracked craft's last good position. Short-lived state (hysteresis
 * counters, spoofing episodes in progress) is rebuilt by re-reading from the committed offsets.
 */
export const ENTITY_SNAPSHOT_SCHEMA_ID = 'jamwatch.entity-state/1';

const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);

export const chronicRecordSchema = z.object({
  id: z.string().min(1).max(20),
  samples: z.number().min(0),
  bad: z.number().min(0),
  lonely: z.number().min(0),
  firstBadT: z.number().min(0),
  /** null when the craft could not be placed at its first degraded sample. */
  firstBadLat: latitude.nullable(),
  firstBadLon: longitude.nullable(),
  spreadKm: z.number().min(0),
  lastSeen: z.number().min(0),
});
export type ChronicRecordSnapshot = z.infer<typeof chronicRecordSchema>;

export const lastGoodSchema = z.object({
  id: z.string().min(1).max(20),
  /** Time (ms) of the last good position. */
  t: z.number().min(0),
  lat: latitude,
  lon: longitude,
  /** Ground speed (kt) and track (degrees) there, for dead reckoning; absent when unknown. */
  gs: z.number().min(0).optional(),
  track: z.number().min(0).max(360).optional(),
  alt: z.number(),
  /** Last report with good integrity (ms), when there was one. */
  lastGoodIntegrityT: z.number().min(0).optional(),
  /** The craft has been good at least once (so a later loss is counted, not taken for a loss far away). */
  everGood: z.boolean(),
  hasIntegrity: z.boolean(),
  lastSeen: z.number().min(0),
});
export type LastGoodSnapshot = z.infer<typeof lastGoodSchema>;

export const entitySnapshotSchema = z.object({
  schema: z.literal(ENTITY_SNAPSHOT_SCHEMA_ID),
  chronic: z.array(chronicRecordSchema),
  lastGood: z.array(lastGoodSchema),
});
export type EntitySnapshot = z.infer<typeof entitySnapshotSchema>;
