import { z } from 'zod';

/**
 * The alert `jamwatch.alert/1` (DESIGN.md), JSON on `jamwatch.alerts`, key = `id`. A consumer that keeps only the
 * latest message per key has the current state of every event.
 *
 * `score` scale: −log10 of the probability that the cell with the strongest evidence would show at least as many
 * affected craft if it were at its learned baseline (binomial tail), capped at 20. 2 ≈ a 1 % chance, 5 ≈ one in
 * 100,000. A cell is tested per craft group (vessels, aircraft below and above 10,000 ft) and pooled; the best test
 * pays a Bonferroni correction, −log10(number of tests) (src/core/region/score.ts). Severity bands are configured on
 * the same scale (defaults: low ≥ 3, medium ≥ 5, high ≥ 8), and every level also needs ≥ 2 distinct affected craft.
 * gpsjam.org's rule, run as a baseline (src/core/gpsjam-rule.ts), has no score: it sends 0.
 */
export const ALERT_SCHEMA_ID = 'jamwatch.alert/1';

const isoTime = z.iso.datetime();
const craftCounts = z.object({ aircraft: z.number().int().min(0), vessels: z.number().int().min(0) });

export const alertSchema = z.object({
  schema: z.literal(ALERT_SCHEMA_ID),
  id: z.string().min(1),
  kind: z.enum(['jamming', 'spoofing']),
  status: z.enum(['open', 'update', 'resolved']),
  severity: z.enum(['low', 'medium', 'high']),
  score: z.number().min(0).max(20),
  startedAt: isoTime,
  updatedAt: isoTime,
  endedAt: isoTime.optional(),
  area: z.object({
    cells: z.array(z.string()).min(1),
    resolution: z.number().int().min(0).max(15),
    center: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }),
    radiusKm: z.number().min(0),
    name: z.string().optional(),
  }),
  emitter: z
    .object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180), errorKm: z.number().min(0) })
    .optional(),
  /** For spoofing: the false position that spoofed craft report. */
  spoofTarget: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional(),
  affected: craftCounts,
  observed: craftCounts,
  evidence: z.array(z.object({ code: z.string(), text: z.string(), value: z.number() })),
});

export type Alert = z.infer<typeof alertSchema>;
