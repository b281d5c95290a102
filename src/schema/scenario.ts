import { z } from 'zod';

/**
 * A simulation scenario (`jamwatch simulate --scenario FILE`): the area, receivers, air and sea traffic, the
 * nuisances that a real feed carries, and the jammers and spoofers with their on/off windows. The simulator is
 * deterministic from `seed`. Times inside the scenario are minutes from `start`, so a scenario can be moved in time
 * by editing one field.
 */
export const SCENARIO_SCHEMA_ID = 'jamwatch.scenario/1';

const latitude = z.number().min(-90).max(90).describe('latitude, decimal degrees (WGS84)');
const longitude = z.number().min(-180).max(180).describe('longitude, decimal degrees (WGS84)');
const fraction = z.number().min(0).max(1);

/** [min, max] with min ≤ max; a value is drawn uniformly from it. */
function range(unit: string, min = 0) {
  return z
    .tuple([z.number().min(min), z.number().min(min)])
    .refine(([lo, hi]) => lo <= hi, 'range must be [min, max] with min ≤ max')
    .describe(`[min, max] in ${unit}; each craft draws a value uniformly from it`);
}

const pointSchema = z.object({ lat: latitude, lon: longitude }).strict().describe('a point on the Earth');

export const windowSchema = z
  .object({
    fromMin: z.number().min(0).describe('switch-on time, minutes after the scenario start'),
    toMin: z.number().min(0).describe('switch-off time, minutes after the scenario start'),
  })
  .strict()
  .refine((w) => w.toMin > w.fromMin, 'toMin must be after fromMin')
  .describe('one on-period of an emitter; each window is one ground-truth event');

export const trackPointSchema = z
  .object({
    atMin: z.number().min(0).describe('minutes after the scenario start'),
    lat: latitude,
    lon: longitude,
  })
  .strict()
  .describe('a position of a moving emitter; positions between points are interpolated linearly');

export const receiverSchema = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/)
      .describe('receiver name, written in AIS tag blocks as s:<id>'),
    domain: z.enum(['adsb', 'ais']).describe('what it receives: 1090 MHz ADS-B or VHF AIS'),
    lat: latitude,
    lon: longitude,
    rangeKm: z.number().positive().max(700).describe('nominal range, km; the radio horizon may shorten it'),
    antennaM: z.number().min(0).max(2000).default(20).describe('antenna height above sea level, metres'),
  })
  .strict()
  .describe('a ground receiver; a craft is heard when one receiver has it within range and above its horizon');

export const coverageHoleSchema = z
  .object({
    lat: latitude,
    lon: longitude,
    radiusKm: z.number().positive().describe('radius of the hole, km'),
    belowFt: z
      .number()
      .min(0)
      .default(60_000)
      .describe('craft below this altitude (feet; vessels are at 0) are not heard inside the hole'),
  })
  .strict()
  .describe('an area that no receiver hears (terrain shadow, a receiver outage)');

export const airportSchema = z
  .object({
    code: z.string().min(3).max(8).describe('ICAO code (or any unique name)'),
    lat: latitude,
    lon: longitude,
    elevationFt: z.number().min(-1500).max(15_000).default(0).describe('field elevation, feet'),
  })
  .strict()
  .describe('an airport; routes may start or end outside the area (overflights)');

export const routeSchema = z
  .object({
    from: z.string().describe('airport code of departure'),
    to: z.string().describe('airport code of arrival'),
    departuresPerHour: z.number().min(0).max(120).describe('mean departures per hour (Poisson)'),
    cruiseFt: range('feet', 1000).default([33_000, 39_000]),
    cruiseKt: range('knots ground speed', 100).default([420, 480]),
    airline: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional()
      .describe('three-letter ICAO airline prefix of the callsigns; random when absent'),
  })
  .strict()
  .describe('scheduled flights between two airports, both directions need two routes');

export const airSchema = z
  .object({
    snapshotIntervalS: z
      .number()
      .int()
      .min(1)
      .max(60)
      .default(1)
      .describe('seconds between aircraft.json snapshots in adsb.jsonl (readsb writes one per second)'),
    airports: z.array(airportSchema).describe('airports used by the routes'),
    routes: z.array(routeSchema).describe('flights to simulate'),
    climbFpm: z.number().positive().default(2200).describe('mean climb rate, feet per minute'),
    descentFpm: z.number().positive().default(1800).describe('mean descent rate, feet per minute'),
    taxiMin: range('minutes').default([6, 14]).describe('time on the ground before take-off and after landing'),
  })
  .strict()
  .describe('air traffic: scheduled flights with taxi, climb, cruise and descent');

export const laneSchema = z
  .object({
    id: z.string().describe('lane name'),
    path: z.array(pointSchema).min(2).describe('waypoints of the lane; vessels sail it and turn back at the ends'),
    vessels: z.number().int().min(0).max(2000).describe('vessels on the lane at any time'),
    speedKn: range('knots', 0).default([10, 16]),
    widthKm: z.number().min(0).default(4).describe('lane width: each vessel keeps a fixed offset within it'),
    classBFraction: fraction.default(0.1).describe('share of Class B transceivers (small craft)'),
  })
  .strict()
  .describe('a shipping lane');

export const anchorageSchema = z
  .object({
    id: z.string().describe('anchorage name'),
    lat: latitude,
    lon: longitude,
    radiusKm: z.number().positive().describe('vessels lie at anchor within this radius'),
    vessels: z.number().int().min(0).max(2000).describe('vessels at anchor'),
  })
  .strict()
  .describe('vessels at anchor (AIS reports every 3 minutes)');

export const seaSchema = z
  .object({
    lanes: z.array(laneSchema).default([]).describe('shipping lanes'),
    anchorages: z.array(anchorageSchema).default([]).describe('anchorages'),
    shipAntennaM: z
      .number()
      .positive()
      .default(10)
      .describe('height of the ships GNSS antenna above the sea, metres (sets their radio horizon)'),
  })
  .strict()
  .describe('sea traffic: vessels on lanes and at anchor');

export const nuisancesSchema = z
  .object({
    chronicBadFraction: fraction
      .default(0.02)
      .describe('airframes whose transponder always reports low NIC/NACp, with or without interference'),
    groundNacp0Fraction: fraction
      .default(0.1)
      .describe('aircraft that report NACp 0 while on the ground (alignment, power-up): not jamming'),
    version0Fraction: fraction.default(0.03).describe('ADS-B version 0 transponders: NUCp-based NIC, no NACp'),
    mlatFraction: fraction.default(0.03).describe('aircraft seen only by multilateration (type mlat, no integrity)'),
    degradedOnEntryFraction: fraction
      .default(0.01)
      .describe(
        'share of flights from airports outside the area that arrive already degraded (GNSS lost far away) and recover later',
      ),
    aisDuplicateFraction: fraction
      .default(0.1)
      .describe('AIS messages also heard by a second receiver in range (a duplicate with another s:)'),
    aisLateFraction: fraction.default(0.01).describe('AIS messages that arrive late, after newer ones'),
    aisLateDelayS: range('seconds').default([10, 120]),
    aisLossFraction: fraction.default(0.05).describe('AIS messages lost to slot collisions'),
  })
  .strict()
  .describe('what makes a real feed noisy without any interference');

const emitterBase = {
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/)
    .describe('emitter name; ground-truth event ids are <id>#<window number>'),
  lat: latitude,
  lon: longitude,
  altitudeM: z.number().min(0).max(20_000).default(30).describe('antenna height above sea level, metres'),
  reachKm: z
    .number()
    .positive()
    .max(1000)
    .optional()
    .describe('reach for a receiver at cruise altitude, km; the radio horizon shortens it for lower craft'),
  powerW: z
    .number()
    .positive()
    .optional()
    .describe('EIRP in watts, when reachKm is absent: reach from free-space loss at L1 to a −90 dBm threshold'),
  on: z.array(windowSchema).min(1).describe('on-periods'),
  track: z.array(trackPointSchema).optional().describe('a moving emitter (ship, aircraft): positions over time'),
  affectedFraction: fraction
    .default(0.9)
    .describe('share of craft in reach that lose or follow the signal (antennas and receivers differ)'),
  reacquireS: range('seconds').default([10, 60]).describe('time to regain a good fix after leaving the reach'),
};

export const jammerSchema = z
  .object({
    ...emitterBase,
    lostPositionFraction: fraction
      .default(0.3)
      .describe('share of jammed aircraft that stop sending positions (type code 0) instead of INS positions'),
    shipEffect: z
      .object({
        unavailable: z.number().min(0).default(0.5).describe('weight: lat 91 / lon 181'),
        frozen: z.number().min(0).default(0.3).describe('weight: the last fix repeated'),
        wandering: z.number().min(0).default(0.2).describe('weight: a drifting, wrong position'),
      })
      .strict()
      .prefault({})
      .describe('how a jammed ship reports, as relative weights'),
  })
  .strict()
  .refine((j) => j.reachKm !== undefined || j.powerW !== undefined, 'a jammer needs reachKm or powerW')
  .describe('a GNSS jammer');

export const spooferSchema = z
  .object({
    ...emitterBase,
    mode: z
      .enum(['point', 'offset', 'circle'])
      .describe(
        'point: craft report the target; offset: craft are shifted by offsetKm; circle: ships circle the target (aircraft report the target)',
      ),
    target: z
      .object({
        lat: latitude,
        lon: longitude,
        altFt: z.number().default(0).describe('geometric altitude that spoofed aircraft report, feet'),
      })
      .strict()
      .optional()
      .describe('the false position (modes point and circle)'),
    offsetKm: z
      .object({ east: z.number(), north: z.number() })
      .strict()
      .optional()
      .describe('the false shift (mode offset), km'),
    circleRadiusKm: z.number().positive().default(1.5).describe('radius of the circles (mode circle), km'),
    confidentS: range('seconds')
      .default([60, 600])
      .describe('how long spoofed aircraft keep high NIC/NACp before their receiver gives up'),
  })
  .strict()
  .refine((s) => s.reachKm !== undefined || s.powerW !== undefined, 'a spoofer needs reachKm or powerW')
  .refine((s) => s.mode === 'offset' || s.target !== undefined, 'modes point and circle need a target')
  .refine((s) => s.mode !== 'offset' || s.offsetKm !== undefined, 'mode offset needs offsetKm')
  .describe('a GNSS spoofer');

export const scenarioSchema = z
  .object({
    schema: z.literal(SCENARIO_SCHEMA_ID).default(SCENARIO_SCHEMA_ID).describe('format version'),
    name: z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/)
      .describe('scenario name, lower-case words joined by hyphens'),
    description: z.string().default('').describe('what the scenario shows'),
    start: z.iso.datetime().describe('scenario start, ISO 8601 UTC'),
    durationMin: z
      .number()
      .positive()
      .max(7 * 24 * 60)
      .describe('length of the scenario, minutes'),
    seed: z.number().int().min(0).max(0xffffffff).describe('seed of the random generator: same seed, same files'),
    area: z
      .object({
        south: latitude,
        west: longitude,
        north: latitude,
        east: longitude,
      })
      .strict()
      .refine((a) => a.north > a.south && a.east > a.west, 'area needs north > south and east > west')
      .describe('bounding box of the scenario; traffic outside it is not written'),
    receivers: z.array(receiverSchema).min(1).describe('ADS-B and AIS receivers'),
    coverageHoles: z.array(coverageHoleSchema).default([]).describe('areas no receiver hears'),
    air: airSchema.optional().describe('air traffic; absent: no adsb.jsonl lines'),
    sea: seaSchema.optional().describe('sea traffic; absent: no ais.nmea lines'),
    nuisances: nuisancesSchema.prefault({}).describe('feed noise without interference; defaults apply'),
    jammers: z.array(jammerSchema).default([]).describe('GNSS jammers'),
    spoofers: z.array(spooferSchema).default([]).describe('GNSS spoofers'),
  })
  .strict()
  .superRefine((s, ctx) => {
    const codes = new Set(s.air?.airports.map((a) => a.code) ?? []);
    s.air?.routes.forEach((r, i) => {
      for (const key of ['from', 'to'] as const) {
        if (!codes.has(r[key])) {
          ctx.addIssue({ code: 'custom', path: ['air', 'routes', i, key], message: `unknown airport ${r[key]}` });
        }
      }
    });
    const ids = new Set<string>();
    for (const e of [...s.jammers, ...s.spoofers]) {
      if (ids.has(e.id)) ctx.addIssue({ code: 'custom', path: ['jammers'], message: `duplicate emitter id ${e.id}` });
      ids.add(e.id);
    }
  })
  .describe('a jamwatch simulation scenario');

export type Scenario = z.infer<typeof scenarioSchema>;
/** A scenario as written in a file (defaults not yet applied). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Jammer = z.infer<typeof jammerSchema>;
export type Spoofer = z.infer<typeof spooferSchema>;
export type Lane = z.infer<typeof laneSchema>;

/** Validates a parsed scenario file; throws a ZodError naming the path of each bad value. */
export function parseScenario(value: unknown): Scenario {
  return scenarioSchema.parse(value);
}
