import { BitWriter } from './sixbit.js';

/**
 * AIS messages the simulator sends (ITU-R M.1371-5 Annex 8), bit layouts (field: bits):
 *
 * Type 1/3 position report, Class A (168 bits): type 6 | repeat 2 | mmsi 30 | nav status 4 | ROT 8 (signed,
 *   −128 = n/a) | SOG 10 (0.1 kn, 1023 = n/a) | accuracy 1 | lon 28 (signed, 1/10000 min, 181° = n/a) | lat 27
 *   (signed, 91° = n/a) | COG 12 (0.1°, 3600 = n/a) | heading 9 (511 = n/a) | UTC second 6 (60 n/a, 62 dead
 *   reckoning, 63 positioning system inoperative) | manoeuvre 2 | spare 3 | RAIM 1 | radio status 19
 * Type 18 position report, Class B (168 bits): type 6 | repeat 2 | mmsi 30 | reserved 8 | SOG 10 | accuracy 1 |
 *   lon 28 | lat 27 | COG 12 | heading 9 | UTC second 6 | reserved 2 | CS unit 1 | display 1 | DSC 1 | band 1 |
 *   message 22 1 | assigned 1 | RAIM 1 | radio status 20
 * Type 5 static and voyage data, Class A (424 bits): type 6 | repeat 2 | mmsi 30 | AIS version 2 | IMO 30 |
 *   call sign 42 (7 chars) | name 120 (20 chars) | ship type 8 | to bow 9 | to stern 9 | to port 6 | to starboard 6 |
 *   EPFD 4 | ETA month 4 | day 5 | hour 5 | minute 6 | draught 8 (0.1 m) | destination 120 | DTE 1 | spare 1
 * Type 24 static data, Class B: part A (160 bits): type 6 | repeat 2 | mmsi 30 | part 2 (0) | name 120;
 *   part B (168 bits): type 6 | repeat 2 | mmsi 30 | part 2 (1) | ship type 8 | vendor 18 (3 chars) | model 4 |
 *   serial 20 | call sign 42 | to bow 9 | to stern 9 | to port 6 | to starboard 6 | spare 6
 */

/** Minutes × 10,000 per degree: AIS positions are in 1/10,000 minute. */
const AIS_POS_SCALE = 600_000;
export const AIS_LAT_NA = 91;
export const AIS_LON_NA = 181;
export const AIS_SOG_NA = 1023;
export const AIS_COG_NA = 3600;
export const AIS_HEADING_NA = 511;
export const AIS_ROT_NA = -128;
/** UTC second field value meaning "positioning system inoperative". */
export const AIS_SECOND_INOPERATIVE = 63;

export interface PositionFields {
  type: 1 | 3;
  mmsi: number;
  navStatus: number;
  /** Knots, or undefined when not available. */
  sog: number | undefined;
  accuracy: boolean;
  /** Degrees; 91 / 181 when not available. */
  lat: number;
  lon: number;
  /** Degrees, or undefined when not available. */
  cog: number | undefined;
  heading: number | undefined;
  /** UTC second (0–59) or a special value 60–63. */
  second: number;
  raim: boolean;
  radio: number;
}

function sogField(sog: number | undefined): number {
  return sog === undefined ? AIS_SOG_NA : Math.min(1022, Math.round(sog * 10));
}

function cogField(cog: number | undefined): number {
  return cog === undefined ? AIS_COG_NA : Math.round(cog * 10) % 3600;
}

function headingField(heading: number | undefined): number {
  return heading === undefined ? AIS_HEADING_NA : Math.round(heading) % 360;
}

export function positionReportA(f: PositionFields): BitWriter {
  return new BitWriter(168)
    .uint(f.type, 6)
    .uint(0, 2)
    .uint(f.mmsi, 30)
    .uint(f.navStatus, 4)
    .int(AIS_ROT_NA, 8) // no rate-of-turn indicator
    .uint(sogField(f.sog), 10)
    .uint(f.accuracy ? 1 : 0, 1)
    .int(Math.round(f.lon * AIS_POS_SCALE), 28)
    .int(Math.round(f.lat * AIS_POS_SCALE), 27)
    .uint(cogField(f.cog), 12)
    .uint(headingField(f.heading), 9)
    .uint(f.second, 6)
    .uint(0, 2)
    .uint(0, 3)
    .uint(f.raim ? 1 : 0, 1)
    .uint(f.radio, 19);
}

export interface ClassBFields {
  mmsi: number;
  sog: number | undefined;
  accuracy: boolean;
  lat: number;
  lon: number;
  cog: number | undefined;
  heading: number | undefined;
  second: number;
  raim: boolean;
}

/** Radio status of a Class B "CS" unit: ITDMA selector with the fixed CS pattern 1100000000000000110. */
const CLASS_B_CS_RADIO = 0b11100000000000000110;

export function positionReportB(f: ClassBFields): BitWriter {
  return new BitWriter(168)
    .uint(18, 6)
    .uint(0, 2)
    .uint(f.mmsi, 30)
    .uint(0, 8)
    .uint(sogField(f.sog), 10)
    .uint(f.accuracy ? 1 : 0, 1)
    .int(Math.round(f.lon * AIS_POS_SCALE), 28)
    .int(Math.round(f.lat * AIS_POS_SCALE), 27)
    .uint(cogField(f.cog), 12)
    .uint(headingField(f.heading), 9)
    .uint(f.second, 6)
    .uint(0, 2)
    .uint(1, 1) // CS unit
    .uint(0, 1) // no display
    .uint(1, 1) // DSC
    .uint(1, 1) // whole marine band
    .uint(1, 1) // message 22 capable
    .uint(0, 1) // autonomous mode
    .uint(f.raim ? 1 : 0, 1)
    .uint(CLASS_B_CS_RADIO, 20);
}

export interface Dimensions {
  bow: number;
  stern: number;
  port: number;
  starboard: number;
}

export interface StaticFields {
  mmsi: number;
  imo: number;
  callsign: string;
  name: string;
  shipType: number;
  dims: Dimensions;
  /** 1 = GPS. */
  epfd: number;
  eta: { month: number; day: number; hour: number; minute: number };
  draughtM: number;
  destination: string;
}

export function staticVoyageA(f: StaticFields): BitWriter {
  return new BitWriter(424)
    .uint(5, 6)
    .uint(0, 2)
    .uint(f.mmsi, 30)
    .uint(0, 2)
    .uint(f.imo, 30)
    .text(f.callsign, 7)
    .text(f.name, 20)
    .uint(f.shipType, 8)
    .uint(f.dims.bow, 9)
    .uint(f.dims.stern, 9)
    .uint(f.dims.port, 6)
    .uint(f.dims.starboard, 6)
    .uint(f.epfd, 4)
    .uint(f.eta.month, 4)
    .uint(f.eta.day, 5)
    .uint(f.eta.hour, 5)
    .uint(f.eta.minute, 6)
    .uint(Math.round(f.draughtM * 10), 8)
    .text(f.destination, 20)
    .uint(0, 1)
    .uint(0, 1);
}

export function staticB(part: 'A', f: { mmsi: number; name: string }): BitWriter;
export function staticB(
  part: 'B',
  f: { mmsi: number; shipType: number; callsign: string; dims: Dimensions },
): BitWriter;
export function staticB(
  part: 'A' | 'B',
  f: { mmsi: number; name?: string; shipType?: number; callsign?: string; dims?: Dimensions },
): BitWriter {
  const w = new BitWriter(168).uint(24, 6).uint(0, 2).uint(f.mmsi, 30);
  if (part === 'A') return w.uint(0, 2).text(f.name ?? '', 20);
  const d = f.dims ?? { bow: 0, stern: 0, port: 0, starboard: 0 };
  return w
    .uint(1, 2)
    .uint(f.shipType ?? 0, 8)
    .text('JMW', 3)
    .uint(1, 4)
    .uint(1, 20)
    .text(f.callsign ?? '', 7)
    .uint(d.bow, 9)
    .uint(d.stern, 9)
    .uint(d.port, 6)
    .uint(d.starboard, 6)
    .uint(0, 6);
}
