import { z } from 'zod';

/**
 * An observation (`jamwatch.observations`, key = `cell`): what the entity stage says about one craft in one H3 cell
 * during one time bucket. Sent once per craft per cell per bucket, and again within the bucket when the craft's
 * status gets worse, so the region stage can count distinct craft (it keeps the latest status per craft id).
 * Only craft whose GNSS health can be judged are sent (not version 0, MLAT/TIS-B, on the ground, or excluded).
 */
export const OBSERVATION_SCHEMA_ID = 'jamwatch.observation/1';

export const craftStatusSchema = z.enum(['good', 'degraded', 'spoofed']);
export type CraftStatus = z.infer<typeof craftStatusSchema>;

export const domainSchema = z.enum(['air', 'sea']);
export type Domain = z.infer<typeof domainSchema>;

/** Evidence flags, as bits so that the hot path carries one number. */
export const EVIDENCE = {
  NACP_LOW: 1 << 0,
  NIC_LOW: 1 << 1,
  NO_POSITION: 1 << 2,
  LOST_FIX: 1 << 3,
  GNSS_STATUS: 1 << 4,
  ACCURACY_DROP: 1 << 5,
  JUMP: 1 << 6,
  FROZEN: 1 << 7,
  ALT_MISMATCH: 1 << 8,
  ON_LAND: 1 << 9,
  CIRCLING: 1 << 10,
  CONVERGING: 1 << 11,
} as const;
export type EvidenceFlag = keyof typeof EVIDENCE;

export const observationSchema = z.object({
  schema: z.literal(OBSERVATION_SCHEMA_ID),
  /** Event time (ms) of the report that produced this observation. */
  t: z.number().int().min(0),
  /** H3 cell (hex string) at the configured resolution, of the place where the craft counts. */
  cell: z.string().min(1).max(20),
  id: z.string().min(1).max(20),
  domain: domainSchema,
  status: craftStatusSchema,
  /** Where the craft counts: its reported position when trustworthy, else its last good position carried forward. */
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  /** Feet above mean sea level; 0 for vessels. */
  alt: z.number(),
  /** true when lat/lon were carried forward from the last good position rather than reported. */
  estimated: z.boolean(),
  /** Bit set of EVIDENCE flags behind the status. */
  evidence: z.number().int().min(0),
  /** For spoofed craft: the false position they report (the spoof target side). */
  spoofLat: z.number().min(-90).max(90).optional(),
  spoofLon: z.number().min(-180).max(180).optional(),
  /**
   * For affected craft: where they last had healthy GNSS (within the degraded window). A craft loses GNSS as it
   * crosses into an emitter's reach, so these points trace the edge of that reach: the emitter fit's best evidence.
   */
  edgeLat: z.number().min(-90).max(90).optional(),
  edgeLon: z.number().min(-180).max(180).optional(),
  /** Feet above mean sea level at that point; 0 for vessels. */
  edgeAlt: z.number().optional(),
  /** Event time (ms) of that last healthy report. */
  edgeT: z.number().optional(),
});

export type Observation = z.infer<typeof observationSchema>;
