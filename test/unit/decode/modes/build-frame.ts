// Test helpers: build Mode S frames from fields (with correct parity) and encode CPR positions, following the
// encoding side of DO-260B, independently of the decoding code under test.
import { CPR_SCALE, cprNL } from '../../../../src/decode/modes/cpr.js';
import { crc24 } from '../../../../src/decode/modes/crc.js';

export type Field = readonly [value: number, bits: number];

export function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

export function toHex(frame: Uint8Array): string {
  return Buffer.from(frame).toString('hex').toUpperCase();
}

/** Writes `bits` bits of `value` at frame bit `firstBit` (1-based, most significant first). */
export function writeBits(frame: Uint8Array, firstBit: number, bits: number, value: number): void {
  for (let i = 0; i < bits; i++) {
    const bit = Math.floor(value / 2 ** (bits - 1 - i)) % 2;
    const position = firstBit - 1 + i;
    const mask = 0x80 >> (position % 8);
    const at = position >> 3;
    frame[at] = bit ? frame[at]! | mask : frame[at]! & ~mask;
  }
}

/** Sets the last 24 bits to the CRC of the rest (DF17/18 parity). */
export function withParity(frame: Uint8Array): Uint8Array {
  const parity = crc24(frame, frame.length - 3);
  frame[frame.length - 3] = parity >>> 16;
  frame[frame.length - 2] = (parity >>> 8) & 0xff;
  frame[frame.length - 1] = parity & 0xff;
  return frame;
}

export interface SquitterSpec {
  readonly df?: 17 | 18;
  /** CA for DF17, CF for DF18. */
  readonly ca?: number;
  readonly address: number;
  /** ME fields in order; they must add up to 56 bits. */
  readonly me: readonly Field[];
}

export function squitter(spec: SquitterSpec): Uint8Array {
  const frame = new Uint8Array(14);
  writeBits(frame, 1, 5, spec.df ?? 17);
  writeBits(frame, 6, 3, spec.ca ?? 5);
  writeBits(frame, 9, 24, spec.address);
  let bit = 33;
  for (const [value, bits] of spec.me) {
    writeBits(frame, bit, bits, value);
    bit += bits;
  }
  if (bit !== 89) throw new Error(`ME fields add up to ${bit - 33} bits, not 56`);
  return withParity(frame);
}

/** AC12 with Q = 1 (25 ft steps). */
export function ac12(feet: number): number {
  const n = (feet + 1000) / 25;
  return ((n & 0x7f0) << 1) | 0x10 | (n & 0x0f);
}

/** CPR encoding of a position (DO-260B): 17-bit fractions for the even (odd = false) or odd format. */
export function encodeCpr(lat: number, lon: number, odd: boolean, surface = false): { cprLat: number; cprLon: number } {
  const span = surface ? 90 : 360;
  const i = odd ? 1 : 0;
  const mod = (x: number, y: number): number => x - y * Math.floor(x / y);
  const dLat = span / (60 - i);
  const yz = Math.floor((CPR_SCALE * mod(lat, dLat)) / dLat + 0.5);
  const rLat = dLat * (yz / CPR_SCALE + Math.floor(lat / dLat));
  const dLon = span / Math.max(cprNL(rLat) - i, 1);
  const xz = Math.floor((CPR_SCALE * mod(lon, dLon)) / dLon + 0.5);
  return { cprLat: yz % CPR_SCALE, cprLon: xz % CPR_SCALE };
}

export interface AirbornePositionSpec {
  readonly address: number;
  readonly lat: number;
  readonly lon: number;
  readonly odd: boolean;
  readonly tc?: number;
  readonly altitude?: number;
  readonly nicB?: number;
  readonly df?: 17 | 18;
  readonly ca?: number;
}

export function airbornePosition(spec: AirbornePositionSpec): Uint8Array {
  const { cprLat, cprLon } = encodeCpr(spec.lat, spec.lon, spec.odd);
  return squitter({
    df: spec.df,
    ca: spec.ca,
    address: spec.address,
    me: [
      [spec.tc ?? 11, 5],
      [0, 2],
      [spec.nicB ?? 0, 1],
      [spec.altitude === undefined ? 0 : ac12(spec.altitude), 12],
      [0, 1],
      [spec.odd ? 1 : 0, 1],
      [cprLat, 17],
      [cprLon, 17],
    ],
  });
}

export interface SurfacePositionSpec {
  readonly address: number;
  readonly lat: number;
  readonly lon: number;
  readonly odd: boolean;
  readonly tc?: number;
  readonly movement?: number;
  readonly track?: number;
  readonly df?: 17 | 18;
}

export function surfacePosition(spec: SurfacePositionSpec): Uint8Array {
  const { cprLat, cprLon } = encodeCpr(spec.lat, spec.lon, spec.odd, true);
  return squitter({
    df: spec.df,
    ca: spec.df === 18 ? 0 : 4,
    address: spec.address,
    me: [
      [spec.tc ?? 7, 5],
      [spec.movement ?? 0, 7],
      [spec.track === undefined ? 0 : 1, 1],
      [spec.track === undefined ? 0 : Math.round((spec.track * 128) / 360) % 128, 7],
      [0, 1],
      [spec.odd ? 1 : 0, 1],
      [cprLat, 17],
      [cprLon, 17],
    ],
  });
}

export interface OperationalStatusSpec {
  readonly address: number;
  readonly version: number;
  readonly surface?: boolean;
  readonly nicA?: number;
  readonly nicC?: number;
  readonly nacp?: number;
  readonly gva?: number;
  readonly sil?: number;
  readonly nicBaro?: number;
  readonly silSupplement?: number;
}

export function operationalStatus(spec: OperationalStatusSpec): Uint8Array {
  const capability: Field[] = spec.surface
    ? [
        [0, 11],
        [spec.nicC ?? 0, 1],
        [0, 4],
      ]
    : [[0, 16]];
  return squitter({
    address: spec.address,
    me: [
      [31, 5],
      [spec.surface ? 1 : 0, 3],
      ...capability,
      [0, 16],
      [spec.version, 3],
      [spec.nicA ?? 0, 1],
      [spec.nacp ?? 0, 4],
      [spec.gva ?? 0, 2],
      [spec.sil ?? 0, 2],
      [spec.nicBaro ?? 0, 1],
      [0, 1],
      [spec.silSupplement ?? 0, 1],
      [0, 1],
    ],
  });
}

export interface TargetStateSpec {
  readonly address: number;
  readonly subtype?: number;
  readonly nacp: number;
  readonly nicBaro?: number;
  readonly sil?: number;
  readonly silSupplement?: number;
}

export function targetState(spec: TargetStateSpec): Uint8Array {
  return squitter({
    address: spec.address,
    me: [
      [29, 5],
      [spec.subtype ?? 1, 2],
      [spec.silSupplement ?? 0, 1],
      [0, 31],
      [spec.nacp, 4],
      [spec.nicBaro ?? 0, 1],
      [spec.sil ?? 0, 2],
      [0, 10],
    ],
  });
}

export interface VelocitySpec {
  readonly address: number;
  /** Knots east and north (subtype 1). */
  readonly east: number;
  readonly north: number;
  readonly verticalRate?: number;
  readonly geoMinusBaro?: number;
}

export function velocity(spec: VelocitySpec): Uint8Array {
  const signed = (value: number | undefined, step: number, bits: number): Field[] =>
    value === undefined
      ? [
          [0, 1],
          [0, bits],
        ]
      : [
          [value < 0 ? 1 : 0, 1],
          [Math.abs(value) / step + 1, bits],
        ];
  return squitter({
    address: spec.address,
    me: [
      [19, 5],
      [1, 3],
      [0, 1],
      [0, 1],
      [1, 3],
      ...signed(spec.east, 1, 10),
      ...signed(spec.north, 1, 10),
      [0, 1],
      ...signed(spec.verticalRate, 64, 9),
      [0, 2],
      ...signed(spec.geoMinusBaro, 25, 7),
    ],
  });
}

export function identification(address: number, callsign: string, tc = 4, category = 3, df: 17 | 18 = 17): Uint8Array {
  const characters = '#ABCDEFGHIJKLMNOPQRSTUVWXYZ##### ###############0123456789######';
  const codes: Field[] = callsign
    .padEnd(8, ' ')
    .split('')
    .map((c) => [characters.indexOf(c), 6] as const);
  return squitter({ df, ca: df === 18 ? 0 : 5, address, me: [[tc, 5], [category, 3], ...codes] });
}

/** Type code 0: no position, optional barometric altitude. */
export function noPosition(address: number, altitude?: number, ca = 5): Uint8Array {
  return squitter({
    ca,
    address,
    me: [
      [0, 5],
      [0, 3],
      [altitude === undefined ? 0 : ac12(altitude), 12],
      [0, 36],
    ],
  });
}
