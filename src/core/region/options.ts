import { z } from 'zod';

/** Options of the region stage (stage 2): windows, ticks, score bands, the minimum-sample rule and baselines. */
export const scoreBandsSchema = z
  .object({
    low: z
      .number()
      .min(0)
      .default(3)
      .describe('score of level 1 (low): 1 in 1,000 at baseline; at 2 %, 2 of 2 craft score 3.4, 3 of 6 score 3.8'),
    medium: z
      .number()
      .min(0)
      .default(5)
      .describe('score of level 2 (medium): 1 in 100,000; at 2 %, 4 of 6 craft score 5.6'),
    high: z
      .number()
      .min(0)
      .default(8)
      .describe('score of level 3 (high): 1 in 10^8; at 2 %, 10 of 30 craft score 9.7, a busy jammed cell 15–20'),
  })
  .strict()
  .refine((b) => b.low <= b.medium && b.medium <= b.high, 'score bands must rise: low ≤ medium ≤ high');

export const regionOptionsSchema = z
  .object({
    windowMs: z
      .number()
      .int()
      .positive()
      .default(300_000)
      .describe('sliding window per cell (5 min): enough craft in a quiet H3 res-4 cell, yet an alert within minutes'),
    tickMs: z
      .number()
      .int()
      .positive()
      .default(15_000)
      .describe('evaluation period in stream time (15 s): seconds-to-minutes latency, 20 looks per window'),
    altitudeBandFt: z
      .number()
      .positive()
      .default(10_000)
      .describe('aircraft below and at/above this altitude are tested apart: a jammer reaches ~4× further at FL300'),
    poolResolution: z
      .number()
      .int()
      .min(0)
      .max(15)
      .default(3)
      .describe(
        'cells are also scored pooled by their parent at this coarser H3 resolution (3: ≈12,400 km², 7 res-4 cells), ' +
          'so that a jammer spread over sparse traffic (1–2 craft per res-4 cell) is seen; 0 turns pooling off. ' +
          'The worker keys observations by this parent, so a pool is whole in one region task.',
      ),
    minAffected: z
      .number()
      .int()
      .min(1)
      .default(2)
      .describe('fewest distinct affected craft for any level: one craft alone is one faulty receiver, not a region'),
    minAffectedRatio: z
      .number()
      .min(0)
      .max(1)
      .default(0.05)
      .describe('smallest affected share for any level: with hundreds of craft a 3 % excess is certain but harmless'),
    bands: scoreBandsSchema.prefault({}),
    baselinePrior: z
      .number()
      .min(0)
      .max(1)
      .default(0.02)
      .describe('affected share assumed for a cell never seen (2 %: gpsjam.org calls < 2 % green)'),
    baselinePriorWeight: z
      .number()
      .min(0)
      .default(100)
      .describe('weight of the prior, in craft-windows: a busy cell outweighs it within an hour'),
    baselineFloor: z
      .number()
      .min(1e-6)
      .max(1)
      .default(0.01)
      .describe('lowest baseline used in the score: a cell never seen degraded is not proof that 1 in 10^6 is normal'),
    baselineCeiling: z
      .number()
      .min(0)
      .max(1)
      .default(0.25)
      .describe('highest baseline used in the score: a cell a quarter degraded in quiet times still alerts on more'),
    baselineHalfLifeMs: z
      .number()
      .int()
      .positive()
      .default(3 * 86_400_000)
      .describe('half-life of the learned baseline (3 days): follows seasonal traffic, ignores one evening'),
    maxSamples: z
      .number()
      .int()
      .min(2)
      .max(500)
      .default(200)
      .describe('craft sampled per anomalous cell for distinct counts and the emitter fit (schema limit 500)'),
    maxCells: z
      .number()
      .int()
      .positive()
      .default(100_000)
      .describe('cells with a live window kept at once; the world has 288,122 res-4 cells, traffic fills a third'),
    maxCraftPerCell: z
      .number()
      .int()
      .positive()
      .default(2_000)
      .describe('distinct craft per cell window; a res-4 cell over a hub holds a few hundred in 5 min'),
    maxBaselines: z
      .number()
      .int()
      .positive()
      .default(300_000)
      .describe('cells with a learned baseline: every res-4 cell on Earth fits'),
  })
  .strict();

export type RegionOptions = z.infer<typeof regionOptionsSchema>;
export type RegionOptionsInput = z.input<typeof regionOptionsSchema>;
