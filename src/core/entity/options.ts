import { z } from 'zod';
import { CRAFT_ID_PATTERN } from '../../schema/report.js';
import { ALT_MISMATCH_FLOOR_FT, ALT_MISMATCH_FRACTION, ALT_MISMATCH_MIN_REPORTS } from './altitude-rule.js';
import { CHRONIC } from './chronic.js';
import { CIRCLING_MAX_SPAN_KM, CIRCLING_MIN_SPEED_KT, CIRCLING_MIN_TURN_DEG, CIRCLING_WINDOW_MS } from './circling.js';
import { CONVERGENCE } from './convergence.js';
import {
  AIR_FROZEN_MIN_MS,
  AIR_FROZEN_MIN_SPEED_KT,
  SEA_FROZEN_MIN_MS,
  SEA_FROZEN_MIN_SPEED_KT,
} from './frozen-rule.js';
import { DEGRADED_AT, HYSTERESIS_MAX, RECOVERED_AT } from './hysteresis.js';
import { INTEGRITY_MAX_AGE_S, LOST_GNSS_WINDOW_MS, NACP_MIN, NIC_MIN } from './integrity-rules.js';
import {
  AIR_JUMP_FLOOR_KM,
  AIR_MAX_SPEED_KT,
  AIR_OFF_TRACK_FLOOR_KM,
  SEA_JUMP_FLOOR_KM,
  SEA_MAX_SPEED_KT,
  SEA_OFF_TRACK_FLOOR_KM,
} from './jump-rules.js';

/**
 * Options of the entity stage, each declared once with what it is and why its default. Defaults come from the named
 * constants beside the rules, where their sources are written.
 */
const MIN = 60_000;
const HOUR = 60 * MIN;

const kinematics = (d: {
  maxSpeedKt: number;
  jumpFloorKm: number;
  offTrackFloorKm: number;
  frozenMinMs: number;
  frozenMinSpeedKt: number;
  why: string;
}) =>
  z
    .object({
      maxSpeedKt: z
        .number()
        .positive()
        .default(d.maxSpeedKt)
        .describe(`Top plausible speed between two positions of one source, kt (${d.why}).`),
      jumpFloorKm: z
        .number()
        .min(0)
        .default(d.jumpFloorKm)
        .describe('A jump must also exceed this distance, km, whatever the time: position noise over short gaps.'),
      offTrackFloorKm: z
        .number()
        .min(0)
        .default(d.offTrackFloorKm)
        .describe('Slack, km, on top of half the dead-reckoned distance before a position is off its own track.'),
      frozenMinMs: z
        .number()
        .int()
        .positive()
        .default(d.frozenMinMs)
        .describe('A position repeated this long (ms) after its first report, while moving, is frozen.'),
      frozenMinSpeedKt: z
        .number()
        .min(0)
        .default(d.frozenMinSpeedKt)
        .describe('Ground speed, kt, above which a repeated position cannot be real.'),
    })
    .prefault({});

export const testRangeSchema = z
  .object({
    name: z.string().min(1).describe('Name of the test range, for the counts.'),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    radiusKm: z.number().positive().describe('Radius of the announced test area, km.'),
    from: z.iso.datetime({ offset: true }).optional().describe('Start of the test (ISO 8601); open if absent.'),
    to: z.iso.datetime({ offset: true }).optional().describe('End of the test (ISO 8601); open if absent.'),
  })
  .describe('An announced GNSS test (NOTAM, navigational warning): craft inside it are not counted.');

export const entityOptionsSchema = z.object({
  h3Resolution: z
    .number()
    .int()
    .min(0)
    .max(15)
    .default(4)
    .describe('H3 resolution of observation cells. 4 (≈1,770 km²) is what gpsjam and Stanford publish.'),
  bucketMs: z
    .number()
    .int()
    .min(1000)
    .max(HOUR)
    .default(10_000)
    .describe(
      'Time bucket, ms: one observation per craft per cell per bucket. 10 s keeps latency in seconds while sending ' +
        'one observation per 10–20 reports of a craft.',
    ),
  maxCraft: z
    .number()
    .int()
    .positive()
    .default(500_000)
    .describe('Most craft tracked at once (LRU beyond): twice the world’s airborne aircraft and active AIS vessels.'),
  craftIdleMs: z
    .number()
    .int()
    .positive()
    .default(30 * MIN)
    .describe(
      'A craft silent this long (ms, stream time) is forgotten. 30 min outlasts AIS reporting at anchor (3 min) ' +
        'and Class B (up to 3 min) with room for coverage gaps.',
    ),
  nacpMin: z
    .number()
    .int()
    .min(0)
    .max(11)
    .default(NACP_MIN)
    .describe('NACp below this is degraded. 7 is OnAir’s published rule; readsb’s lost-GNSS flag uses ≤ 2 (set 3).'),
  nicMin: z
    .number()
    .int()
    .min(0)
    .max(11)
    .default(NIC_MIN)
    .describe('NIC below this is degraded. 6 is OnAir’s published rule (containment ≥ 0.6 NM).'),
  integrityMaxAgeS: z
    .number()
    .positive()
    .default(INTEGRITY_MAX_AGE_S)
    .describe('NIC/NACp older than this (s) say nothing: TC 31 comes every 2.5 s, readsb expires data after ~60 s.'),
  hysteresisMax: z
    .number()
    .int()
    .positive()
    .default(HYSTERESIS_MAX)
    .describe(
      'Ceiling of the per-craft lost-GNSS counter (readsb: 20 on every message; ours counts position reports).',
    ),
  degradedAt: z
    .number()
    .int()
    .positive()
    .default(DEGRADED_AT)
    .describe('Counter value at which a craft becomes degraded: a run of bad reports, not one.'),
  recoveredAt: z
    .number()
    .int()
    .min(0)
    .default(RECOVERED_AT)
    .describe('Counter value at or below which a degraded craft is good again (hysteresis).'),
  degradedMaxMs: z
    .number()
    .int()
    .positive()
    .default(LOST_GNSS_WINDOW_MS)
    .describe(
      'A craft degraded longer than this (ms) since its last good report is no longer counted: the loss is behind ' +
        'it. 15 min is readsb’s lost-GNSS window.',
    ),
  carryForwardMaxMs: z
    .number()
    .int()
    .positive()
    .default(10 * MIN)
    .describe(
      'How long (ms) a craft without a trustworthy position is placed by dead reckoning from its last good one. ' +
        'After 10 min at 480 kt a 30° turn already puts it ~40 km off, a cell away at resolution 4: stop counting.',
    ),
  carryForwardMaxKm: z
    .number()
    .positive()
    .default(20)
    .describe(
      'Beyond carryForwardMaxMs, a craft is still placed while its dead-reckoned travel since the last good fix stays ' +
        'under this many km (under half a resolution-4 cell): a ship at anchor moves 1.7 km in 3 h at 0.3 kt.',
    ),
  trackCheckMaxMs: z
    .number()
    .int()
    .positive()
    .default(HOUR)
    .describe(
      'How long (ms) the last good track serves to judge whether a spoofed craft is back on it. Its tolerance grows ' +
        'with the dead-reckoned distance; beyond an hour only a jump back ends a spoofing episode.',
    ),
  air: kinematics({
    maxSpeedKt: AIR_MAX_SPEED_KT,
    jumpFloorKm: AIR_JUMP_FLOOR_KM,
    offTrackFloorKm: AIR_OFF_TRACK_FLOOR_KM,
    frozenMinMs: AIR_FROZEN_MIN_MS,
    frozenMinSpeedKt: AIR_FROZEN_MIN_SPEED_KT,
    why: 'record airliner ground speeds are ~740 kt',
  }).describe('Aircraft kinematics.'),
  sea: kinematics({
    maxSpeedKt: SEA_MAX_SPEED_KT,
    jumpFloorKm: SEA_JUMP_FLOOR_KM,
    offTrackFloorKm: SEA_OFF_TRACK_FLOOR_KM,
    frozenMinMs: SEA_FROZEN_MIN_MS,
    frozenMinSpeedKt: SEA_FROZEN_MIN_SPEED_KT,
    why: 'spoofed VLCCs have shown 60–102 kt; fast ferries run at ~45 kt',
  }).describe('Vessel kinematics.'),
  altitude: z
    .object({
      floorFt: z
        .number()
        .min(0)
        .default(ALT_MISMATCH_FLOOR_FT)
        .describe('GNSS − baro altitude difference always allowed, ft: pressure deviation and geoid.'),
      fraction: z
        .number()
        .min(0)
        .default(ALT_MISMATCH_FRACTION)
        .describe('Further difference allowed per foot of altitude: ISA ± 15 K at cruise is ± 7 %.'),
      minReports: z
        .number()
        .int()
        .positive()
        .default(ALT_MISMATCH_MIN_REPORTS)
        .describe('Consecutive mismatching reports before the craft is flagged.'),
    })
    .prefault({})
    .describe('GNSS against barometric altitude (spoofing sign).'),
  circling: z
    .object({
      minTurnDeg: z
        .number()
        .positive()
        .default(CIRCLING_MIN_TURN_DEG)
        .describe('Turning that makes a circling vessel.'),
      maxSpanKm: z.number().positive().default(CIRCLING_MAX_SPAN_KM).describe('Box the circles must fit in, km.'),
      windowMs: z.number().int().positive().default(CIRCLING_WINDOW_MS).describe('Window for the turns to add up, ms.'),
      minSpeedKt: z.number().min(0).default(CIRCLING_MIN_SPEED_KT).describe('Below this SOG no turning is counted.'),
    })
    .prefault({})
    .describe('Vessels circling a point (AIS spoofing sign).'),
  convergence: z
    .object({
      gridDeg: z
        .number()
        .positive()
        .max(1)
        .default(CONVERGENCE.GRID_DEG)
        .describe('Grid on which jump targets are counted, degrees (0.05° ≈ 5.6 km).'),
      windowMs: z
        .number()
        .int()
        .positive()
        .default(CONVERGENCE.WINDOW_MS)
        .describe('How long a jump target counts, ms.'),
      minCraft: z
        .number()
        .int()
        .min(2)
        .default(CONVERGENCE.MIN_CRAFT)
        .describe('Distinct craft jumping to one spot that make it a spoof target.'),
      maxPoints: z.number().int().positive().default(CONVERGENCE.MAX_POINTS).describe('Most target spots remembered.'),
    })
    .prefault({})
    .describe('Many craft jumping to one point (spoofing sign).'),
  chronic: z
    .object({
      maxAirframes: z
        .number()
        .int()
        .positive()
        .default(CHRONIC.MAX_AIRFRAMES)
        .describe('Most airframes with a learning record (LRU beyond).'),
      retentionMs: z
        .number()
        .int()
        .positive()
        .default(CHRONIC.RETENTION_MS)
        .describe('A learning record unseen this long (ms) is dropped: 30 days.'),
      minBadSamples: z
        .number()
        .int()
        .positive()
        .default(CHRONIC.MIN_BAD_SAMPLES)
        .describe('Degraded buckets needed before an airframe can be judged chronic.'),
      minBadFraction: z
        .number()
        .min(0)
        .max(1)
        .default(CHRONIC.MIN_BAD_FRACTION)
        .describe('Share of degraded buckets (since the first) for "low wherever it flies".'),
      minSpreadKm: z
        .number()
        .positive()
        .default(CHRONIC.MIN_SPREAD_KM)
        .describe('Degraded at places this far apart, km: farther than one jammer reaches (~300 km).'),
      minSpanMs: z.number().int().positive().default(CHRONIC.MIN_SPAN_MS).describe('…and over at least this long, ms.'),
      minLonelyFraction: z
        .number()
        .min(0)
        .max(1)
        .default(CHRONIC.MIN_LONELY_FRACTION)
        .describe('Share of its degraded buckets spent among good neighbours for "low while others are good".'),
      neighbourWindowMs: z
        .number()
        .int()
        .positive()
        .default(CHRONIC.NEIGHBOUR_WINDOW_MS)
        .describe('Window of the per-cell neighbour counts, ms.'),
      neighbourMinSamples: z
        .number()
        .int()
        .positive()
        .default(CHRONIC.NEIGHBOUR_MIN_SAMPLES)
        .describe('Craft-buckets a cell needs before its neighbours say anything.'),
      neighbourMaxBadRatio: z
        .number()
        .min(0)
        .max(1)
        .default(CHRONIC.NEIGHBOUR_MAX_BAD_RATIO)
        .describe('Neighbours are good when at most this share of them is degraded (gpsjam’s green is < 2 %).'),
      maxCells: z.number().int().positive().default(CHRONIC.MAX_CELLS).describe('Most cells with neighbour counts.'),
    })
    .prefault({})
    .describe('Learning airframes whose integrity is low whatever the place (not counted once learned).'),
  ignoredAirframes: z
    .array(z.string().regex(CRAFT_ID_PATTERN))
    .default([])
    .describe('Craft ids never counted (known faulty transponders, test aircraft).'),
  testRanges: z.array(testRangeSchema).default([]).describe('Announced GNSS tests: craft inside are not counted.'),
});

export type EntityOptions = z.infer<typeof entityOptionsSchema>;
export type EntityOptionsInput = z.input<typeof entityOptionsSchema>;
