import { z } from 'zod';

/**
 * Ground truth of a simulation (`DIR/truth.json`), `jamwatch.truth/1`: one event per on-window of each jammer or
 * spoofer, with the emitter, the radius it reached and the craft it affected. `jamwatch eval` matches alerts to
 * these events.
 */
export const TRUTH_SCHEMA_ID = 'jamwatch.truth/1';

const isoTime = z.iso.datetime();
const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);
const domain = z.enum(['air', 'sea']);

export const affectedCraftSchema = z.object({
  id: z.string().describe('craft id as in reports: icao:<hex> or mmsi:<digits>'),
  domain,
  effect: z
    .enum(['degraded', 'no-position', 'spoofed', 'unavailable', 'frozen', 'wandering'])
    .describe('what the craft reported while affected'),
  from: isoTime.describe('first moment the craft was affected'),
  to: isoTime.describe('moment it had a good fix again (or the scenario end)'),
  observed: z.boolean().describe('at least one report of it was written to the feed while it was affected'),
});
export type AffectedCraft = z.infer<typeof affectedCraftSchema>;

export const truthEventSchema = z.object({
  id: z.string().describe('<emitter id>#<window number from 1>'),
  kind: z.enum(['jamming', 'spoofing']),
  start: isoTime,
  end: isoTime,
  emitter: z.object({ lat: latitude, lon: longitude, altitudeM: z.number() }).describe('position at the start'),
  /** A moving emitter's positions during the event (sampled each minute); absent when it stood still. */
  track: z.array(z.object({ t: isoTime, lat: latitude, lon: longitude })).optional(),
  radiusKm: z.number().min(0).describe('reach for the widest affected domain (air at cruise when aircraft count)'),
  reachKm: z.object({ air: z.number().min(0), sea: z.number().min(0) }).describe('reach per domain'),
  mode: z.enum(['point', 'offset', 'circle']).optional(),
  spoofTarget: z.object({ lat: latitude, lon: longitude }).optional().describe('where spoofed craft appear'),
  domains: z.array(domain).describe('domains with at least one affected craft'),
  affected: z.object({
    aircraft: z.number().int().min(0),
    vessels: z.number().int().min(0),
    observedAircraft: z.number().int().min(0),
    observedVessels: z.number().int().min(0),
  }),
  craft: z.array(affectedCraftSchema),
});
export type TruthEvent = z.infer<typeof truthEventSchema>;

export const truthSchema = z.object({
  schema: z.literal(TRUTH_SCHEMA_ID),
  scenario: z.string(),
  seed: z.number().int(),
  start: isoTime,
  end: isoTime,
  events: z.array(truthEventSchema),
  /** Airframes that report low integrity without interference: known false-positive sources, for diagnosis. */
  nuisances: z.object({
    chronicBad: z.array(z.string()),
    version0: z.array(z.string()),
    mlat: z.array(z.string()),
    degradedOnEntry: z.array(z.string()),
  }),
  counts: z.object({
    flights: z.number().int().min(0),
    vessels: z.number().int().min(0),
    adsbSnapshots: z.number().int().min(0),
    adsbEntries: z.number().int().min(0),
    aisSentences: z.number().int().min(0),
  }),
});
export type Truth = z.infer<typeof truthSchema>;

export function parseTruth(value: unknown): Truth {
  return truthSchema.parse(value);
}
