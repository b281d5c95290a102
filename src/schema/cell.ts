import { z } from 'zod';
import { craftStatusSchema, domainSchema } from './observation.js';

/** One `gnss_cell` time-series row (DESIGN.md "Time series"): one per cell per evaluation tick and per `src`. */
export const cellRowSchema = z.object({
  /** Evaluation tick, ms (stream time). */
  t: z.number().int().min(0),
  cell: z.string(),
  res: z.number().int().min(0).max(15),
  src: z.enum(['adsb', 'ais', 'all']),
  /** Cell centre. */
  lat: z.number(),
  lon: z.number(),
  craft: z.number().int().min(0),
  degraded: z.number().int().min(0),
  jumps: z.number().int().min(0),
  ratio: z.number().min(0).max(1),
  score: z.number().min(0),
  /** 0 none, 1 low, 2 medium, 3 high. */
  level: z.number().int().min(0).max(3),
  /** gpsjam.org's figure on the same window, for comparison: (bad − 1) / (bad + good), floored at 0. */
  gpsjamRatio: z.number().min(0).max(1),
});
export type CellRow = z.infer<typeof cellRowSchema>;

/** A craft sampled in an anomalous cell: affected or not, where, how high. Bounded per cell. */
export const cellSampleSchema = z.object({
  id: z.string(),
  domain: domainSchema,
  status: craftStatusSchema,
  lat: z.number(),
  lon: z.number(),
  alt: z.number(),
  spoofLat: z.number().optional(),
  spoofLon: z.number().optional(),
  /** Where an affected craft last had healthy GNSS (observation.ts). */
  edgeLat: z.number().optional(),
  edgeLon: z.number().optional(),
  edgeAlt: z.number().optional(),
  edgeT: z.number().optional(),
});
export type CellSample = z.infer<typeof cellSampleSchema>;

/** An anomalous cell (`jamwatch.cells`, one partition): what the region stage hands to the event stage. */
export const ANOMALOUS_CELL_SCHEMA_ID = 'jamwatch.cell/1';
export const anomalousCellSchema = z.object({
  schema: z.literal(ANOMALOUS_CELL_SCHEMA_ID),
  t: z.number().int().min(0),
  cell: z.string(),
  res: z.number().int().min(0).max(15),
  lat: z.number(),
  lon: z.number(),
  kind: z.enum(['jamming', 'spoofing']),
  score: z.number().min(0),
  level: z.number().int().min(1).max(3),
  observed: z.object({ aircraft: z.number().int().min(0), vessels: z.number().int().min(0) }),
  affected: z.object({ aircraft: z.number().int().min(0), vessels: z.number().int().min(0) }),
  /** Affected and unaffected craft, a bounded sample, for distinct counts across cells and the emitter fit. */
  samples: z.array(cellSampleSchema).max(500),
  /** Evidence codes with their figures, for the alert's `evidence`. */
  evidence: z.array(z.object({ code: z.string(), text: z.string(), value: z.number() })).max(20),
});
export type AnomalousCell = z.infer<typeof anomalousCellSchema>;
