import { z } from 'zod';

/** Options of the emitter fit (emitter-fit.ts). */
export const emitterOptionsSchema = z
  .object({
    enabled: z.boolean().default(true).describe('fit an emitter position to each event (off for rule baselines)'),
    edgeKm: z
      .number()
      .positive()
      .default(10)
      .describe('softness of the reach boundary: terrain, antennas and receivers blur the edge over ~10 km'),
    insideMissRate: z
      .number()
      .min(0)
      .max(0.9)
      .default(0.2)
      .describe('share of craft inside the reach that show nothing (robust receivers, short exposure)'),
    outsideHitRate: z
      .number()
      .min(0)
      .max(0.5)
      .default(0.02)
      .describe('share of craft outside the reach that look affected anyway (the ~1–2 % baseline)'),
    radiusPenaltyPerKm: z
      .number()
      .min(0)
      .default(0.01)
      .describe('prefers the smallest reach that explains the affected craft when few unaffected craft bound it'),
    emitterHeightM: z
      .number()
      .min(0)
      .default(10)
      .describe('assumed antenna height of a ground emitter (m), for the radio horizon: a mast or a vehicle'),
    receiverMinHeightM: z
      .number()
      .min(0)
      .default(10)
      .describe('antenna height used for vessels and for aircraft reporting ≤ 10 m (a ship GNSS antenna ~10 m)'),
    bootstrap: z
      .number()
      .int()
      .min(0)
      .max(500)
      .default(30)
      .describe('bootstrap resamples for the error radius (fixed seed): 30 give its scale within ~15 %'),
    minAffected: z
      .number()
      .int()
      .min(1)
      .default(3)
      .describe('fewest affected craft to fit an emitter: three points fix a centre'),
    maxCraft: z
      .number()
      .int()
      .min(10)
      .default(600)
      .describe('craft used by one fit (evenly subsampled): bounds a fit with bootstrap to ~50 ms'),
    edgeMemoryMs: z
      .number()
      .int()
      .min(0)
      .default(1_800_000)
      .describe(
        'where affected craft were last healthy is kept for the fit this long (30 min), beyond the 5-min window: ' +
          'each craft crossing into the reach marks its edge once, and a fixed emitter is pinned by all of them',
      ),
  })
  .strict();

/** Options of the event stage (stage 3): joining cells into events, the alert lifecycle, the emitter fit. */
export const eventOptionsSchema = z
  .object({
    tickMs: z
      .number()
      .int()
      .positive()
      .default(15_000)
      .describe('evaluation period in stream time; the same as the region stage so that each tick is seen whole'),
    joinRings: z
      .number()
      .int()
      .min(1)
      .max(6)
      .default(3)
      .describe(
        'anomalous cells up to this many H3 rings apart join one event (3: ~120 km at res 4): over sparse traffic a ' +
          '300 km jammer lights scattered cells, and one quiet cell or two do not split it',
      ),
    cellHoldMs: z
      .number()
      .int()
      .min(0)
      .default(300_000)
      .describe(
        'a cell stays part of its event this long after its last anomalous tick (inclusive; 5 min, one window): ' +
          'sparse cells flicker, and one dip does not drop them',
      ),
    openTicks: z
      .number()
      .int()
      .min(1)
      .default(1)
      .describe(
        'anomalous ticks before an alert opens. 1: a cell is anomalous only with ≥ 2 distinct affected craft in a ' +
          '1-in-1,000 excess over its baseline, which a burst of one bad feed does not give; waiting for a second ' +
          'tick cost 15 s on every scenario and spared no false alert (the 6 h quiet day has none either way)',
      ),
    openLevel: z
      .number()
      .int()
      .min(1)
      .max(3)
      .default(3)
      .describe('a cell at this level opens the alert at once: a 1-in-10^8 tick is not a burst'),
    anchorErrorFraction: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe(
        'an emitter fit anchors its event when its error radius is at most this share of its reach: anomalous cells ' +
          'within that reach then join the event, however far from its other cells (0: off)',
      ),
    emitterMemoryMs: z
      .number()
      .int()
      .min(0)
      .default(21_600_000)
      .describe(
        'an anchored emitter is remembered this long after its event is forgotten (6 h): anomalous cells within its ' +
          'reach then form one new event with it, not one alert per patch of sparse traffic',
      ),
    fitMergeWithinKm: z
      .number()
      .min(0)
      .default(600)
      .describe(
        'events of one kind without an anchor whose centres are this close are fitted together; one fit that ' +
          'anchors and reaches both merges them (600 km: two patches on opposite sides of a 300 km jammer; 0: off)',
      ),
    resolveAfterMs: z
      .number()
      .int()
      .min(0)
      .default(600_000)
      .describe('resolve after this long without an anomalous cell (10 min): duty-cycled jammers pause for minutes'),
    reopenWithinMs: z
      .number()
      .int()
      .min(0)
      .default(1_800_000)
      .describe('an event back at the same place within this time reopens under its id (30 min): one event, one key'),
    minUpdateIntervalMs: z
      .number()
      .int()
      .min(0)
      .default(60_000)
      .describe('fewest ms between updates of one alert, unless severity rises: the bus carries changes, not ticks'),
    severityHoldMs: z
      .number()
      .int()
      .min(0)
      .default(300_000)
      .describe('severity falls only after the lower level held this long (5 min, one window); it rises at once'),
    updateCellFraction: z
      .number()
      .min(0)
      .default(0.2)
      .describe('an update is due when this share of the cells (at least one) came or went'),
    updateCountFraction: z
      .number()
      .min(0)
      .default(0.25)
      .describe('an update is due when the affected craft changed by this share (a quarter: news, not noise) …'),
    updateCountMin: z
      .number()
      .int()
      .min(1)
      .default(3)
      .describe('… and by at least this many craft, so that 2 → 3 in a small event is not news'),
    maxEvents: z
      .number()
      .int()
      .positive()
      .default(10_000)
      .describe('events kept (pending, open, recently resolved): the world rarely has more than tens at once'),
    maxCells: z
      .number()
      .int()
      .positive()
      .default(50_000)
      .describe('anomalous cells held for joining: a 300 km jammer covers ~160 res-4 cells'),
    emitter: emitterOptionsSchema.prefault({}),
  })
  .strict();

export type EmitterOptions = z.infer<typeof emitterOptionsSchema>;
export type EventOptions = z.infer<typeof eventOptionsSchema>;
export type EventOptionsInput = z.input<typeof eventOptionsSchema>;
