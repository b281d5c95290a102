import { z } from 'zod';

/**
 * The normalised report `jamwatch.report/1` (DESIGN.md): one per position event of a craft, including "no position"
 * events (`posAvailable: false`). Every decoder produces this shape; Kafka messages carry it as JSON, key = `id`.
 * Each report carries the craft's latest known integrity and kinematics, with `integrityAge` in seconds.
 */
export const REPORT_SCHEMA_ID = 'jamwatch.report/1';

export const CRAFT_ID_PATTERN = /^(icao:[0-9a-f]{6}|mmsi:[0-9]{9})$/;

export const posSourceSchema = z.enum(['adsb', 'mlat', 'tisb', 'adsr', 'other']);
export type PosSource = z.infer<typeof posSourceSchema>;

/** Physical bounds of the report, shared with the decoders so that a value outside them is their VALUE_RANGE. */
export const MIN_ALTITUDE_FT = -2000;
export const MAX_ALTITUDE_FT = 200_000;
export const MAX_GS_KT = 5000;
export const MAX_CALLSIGN_LENGTH = 16;
export const MAX_NAME_LENGTH = 40;

const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);
const epochMs = z.number().int().min(0);

export const reportSchema = z.object({
  schema: z.literal(REPORT_SCHEMA_ID),
  src: z.enum(['adsb', 'ais']),
  id: z.string().regex(CRAFT_ID_PATTERN, 'id must be icao:<6 lower-case hex> or mmsi:<9 digits>'),
  /** Observation time, ms since the Unix epoch. */
  t: epochMs,
  lat: latitude.optional(),
  lon: longitude.optional(),
  /** false for "no position" events: ADS-B type code 0 while airborne, AIS lat 91 / lon 181. */
  posAvailable: z.boolean().optional(),
  /** Barometric altitude, feet. Absent on the ground. */
  altBaro: z.number().min(MIN_ALTITUDE_FT).max(MAX_ALTITUDE_FT).optional(),
  /** Geometric (GNSS) altitude, feet. */
  altGeom: z.number().min(MIN_ALTITUDE_FT).max(MAX_ALTITUDE_FT).optional(),
  onGround: z.boolean().optional(),
  /** Ground speed, knots. */
  gs: z.number().min(0).max(MAX_GS_KT).optional(),
  /** Track over ground, degrees true. */
  track: z.number().min(0).max(360).optional(),
  heading: z.number().min(0).max(360).optional(),
  /** Navigation integrity category (DO-260B), 0 = unknown. Never set for ADS-B version 0 (see `nucp`). */
  nic: z.number().int().min(0).max(11).optional(),
  /** Containment radius in metres that goes with `nic`. */
  rc: z.number().min(0).optional(),
  /** Navigation uncertainty category for position (ADS-B version 0 only): kept apart from NIC. */
  nucp: z.number().int().min(0).max(9).optional(),
  /** Navigation accuracy category for position, 0 = unknown. */
  nacp: z.number().int().min(0).max(11).optional(),
  sil: z.number().int().min(0).max(3).optional(),
  silType: z.enum(['unknown', 'perhour', 'persample']).optional(),
  gva: z.number().int().min(0).max(3).optional(),
  nicBaro: z.number().int().min(0).max(1).optional(),
  adsbVersion: z.number().int().min(0).max(7).optional(),
  /** Seconds since the NIC/NACp values were received. */
  integrityAge: z.number().min(0).optional(),
  posSource: posSourceSchema.optional(),
  /** Last time (ms) and place the craft had good GNSS, when the source says so (readsb gpsOkBefore/Lat/Lon). */
  lastGoodAt: epochMs.optional(),
  lastGoodLat: latitude.optional(),
  lastGoodLon: longitude.optional(),
  /** AIS position accuracy flag: true = better than 10 m (DGNSS), false = worse than 10 m. */
  aisAccuracy: z.boolean().optional(),
  /** AIS RAIM flag: true = RAIM in use. */
  raim: z.boolean().optional(),
  aisClass: z.enum(['A', 'B', 'LR', 'SAR', 'AtoN', 'base']).optional(),
  /** AIS message type that carried the position. */
  aisType: z.number().int().min(1).max(27).optional(),
  /** Electronic position fixing device type (0 undefined, 1 GPS, 2 GLONASS, 3 combined, …, 15 internal GNSS). */
  epfd: z.number().int().min(0).max(15).optional(),
  /** AIS type 27 GNSS position status: 'current' = current GNSS position, 'not-current' = not a GNSS position. */
  gnssStatus: z.enum(['current', 'not-current']).optional(),
  callsign: z.string().max(MAX_CALLSIGN_LENGTH).optional(),
  name: z.string().max(MAX_NAME_LENGTH).optional(),
  /** Receiver or station that heard the message, when the input names it (tag block s:, readsb receiver). */
  receiver: z.string().max(64).optional(),
  /** Receive time, ms since the epoch, when it differs from the observation time. */
  rxTime: epochMs.optional(),
});

export type Report = z.infer<typeof reportSchema>;

/** Lower-case craft ids, as the contract requires. */
export function icaoId(address: number): string {
  return `icao:${address.toString(16).padStart(6, '0')}`;
}

export function mmsiId(mmsi: number): string {
  return `mmsi:${mmsi.toString().padStart(9, '0')}`;
}
