import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AIS_LAT_NA,
  AIS_LON_NA,
  positionReportA,
  positionReportB,
  staticB,
  staticVoyageA,
} from '../../../src/sim/ais/messages.js';
import { aivdmSentences, MAX_FRAGMENT_CHARS, nmeaChecksum, tagBlock } from '../../../src/sim/ais/nmea.js';
import { BitWriter, sixBitCode } from '../../../src/sim/ais/sixbit.js';
import { corpusPath } from '../../corpus.js';
import { Bits, decodePosition, messages, parseLine, payloadBits } from './ais-bits.js';

const dims = { bow: 150, stern: 50, port: 16, starboard: 16 };

describe('six-bit armouring', () => {
  it('round-trips every 6-bit value and pads with fill bits', () => {
    const w = new BitWriter(64 * 6 + 4);
    for (let v = 0; v < 64; v++) w.uint(v, 6);
    w.uint(0b1011, 4);
    const { payload, fill } = w.armour();
    expect(payload).toHaveLength(65);
    expect(fill).toBe(2);
    const b = new Bits(payloadBits(payload, fill));
    for (let v = 0; v < 64; v++) expect(b.u(6)).toBe(v);
    expect(b.u(4)).toBe(0b1011);
  });

  it('writes signed fields in two’s complement', () => {
    const { payload, fill } = new BitWriter(28).int(-1234567, 28).armour();
    expect(new Bits(payloadBits(payload, fill)).i(28)).toBe(-1234567);
  });

  it('maps text to 6-bit ASCII', () => {
    expect(sixBitCode('@'.charCodeAt(0))).toBe(0);
    expect(sixBitCode('A'.charCodeAt(0))).toBe(1);
    expect(sixBitCode(' '.charCodeAt(0))).toBe(32);
    expect(sixBitCode('9'.charCodeAt(0))).toBe(57);
    expect(sixBitCode('a'.charCodeAt(0))).toBe(63);
  });
});

describe('NMEA framing', () => {
  it('computes the checksum that real receivers write', () => {
    const lines = readFileSync(corpusPath('ais', 'libais', 'tagblock.nmea'), 'utf8').split('\n');
    const line = lines.find((l) => l.includes('!AIVDM'))!;
    const sentence = line.slice(line.lastIndexOf('\\') + 1);
    const [body, sum] = sentence.slice(1).split('*');
    expect(nmeaChecksum(body!)).toBe(sum!.slice(0, 2));
    const tag = line.slice(1, line.indexOf('\\', 1));
    const [tagBody, tagSum] = tag.split('*');
    expect(nmeaChecksum(tagBody!)).toBe(tagSum);
  });

  it('writes a tag block with station and Unix seconds', () => {
    const tag = tagBlock('rx-1', 1_768_060_801);
    expect(tag).toMatch(/^\\s:rx-1,c:1768060801\*[0-9A-F]{2}\\$/);
    expect(parseLine(`${tag}!AIVDM,1,1,,A,0,0*${nmeaChecksum('AIVDM,1,1,,A,0,0')}`).tag).toEqual({
      station: 'rx-1',
      time: 1_768_060_801,
    });
  });
});

describe('AIS messages', () => {
  it('encodes a Class A position report that decodes to its fields', () => {
    const bits = positionReportA({
      type: 1,
      mmsi: 230_123_456,
      navStatus: 0,
      sog: 12.3,
      accuracy: true,
      lat: 54.123456,
      lon: -19.654321,
      cog: 271.4,
      heading: 270,
      second: 42,
      raim: false,
      radio: 1234,
    });
    expect(bits.size).toBe(168);
    const { payload, fill } = bits.armour();
    const [line] = aivdmSentences(payload, fill, 'A', 0, tagBlock('x', 1));
    const s = parseLine(line!);
    expect(s.count).toBe(1);
    expect(s.fill).toBe(0);
    const p = decodePosition(payloadBits(s.payload, s.fill));
    expect(p).toMatchObject({
      type: 1,
      mmsi: 230_123_456,
      navStatus: 0,
      sog: 123,
      accuracy: 1,
      cog: 2714,
      heading: 270,
    });
    expect(p.second).toBe(42);
    expect(p.lat).toBeCloseTo(54.123456, 5);
    expect(p.lon).toBeCloseTo(-19.654321, 5);
  });

  it('writes "not available" as lat 91, lon 181, SOG 1023, COG 3600', () => {
    const bits = positionReportA({
      type: 3,
      mmsi: 261_000_001,
      navStatus: 0,
      sog: undefined,
      accuracy: false,
      lat: AIS_LAT_NA,
      lon: AIS_LON_NA,
      cog: undefined,
      heading: undefined,
      second: 63,
      raim: false,
      radio: 0,
    });
    const { payload, fill } = bits.armour();
    const p = decodePosition(payloadBits(payload, fill));
    expect(p).toMatchObject({ type: 3, lat: 91, lon: 181, sog: 1023, cog: 3600, heading: 511, second: 63 });
  });

  it('encodes a Class B position report (type 18)', () => {
    const { payload, fill } = positionReportB({
      mmsi: 244_000_123,
      sog: 6.1,
      accuracy: false,
      lat: -33.5,
      lon: 151.25,
      cog: 12.5,
      heading: undefined,
      second: 7,
      raim: true,
    }).armour();
    expect(payload).toHaveLength(28);
    const p = decodePosition(payloadBits(payload, fill));
    expect(p).toMatchObject({ type: 18, mmsi: 244_000_123, sog: 61, cog: 125, heading: 511, second: 7 });
    expect(p.lat).toBeCloseTo(-33.5, 6);
  });

  it('splits type 5 (424 bits) into two sentences with 2 fill bits on the last', () => {
    const { payload, fill } = staticVoyageA({
      mmsi: 636_012_345,
      imo: 9_876_543,
      callsign: 'D5AB7',
      name: 'BALTIC TRADER 3',
      shipType: 70,
      dims,
      epfd: 1,
      eta: { month: 1, day: 11, hour: 16, minute: 0 },
      draughtM: 9.4,
      destination: 'GDANSK',
    }).armour();
    expect(payload).toHaveLength(71);
    expect(fill).toBe(2);
    const lines = aivdmSentences(payload, fill, 'B', 7, tagBlock('rx', 2));
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.length - l.indexOf('!') <= 82)).toBe(true);
    const [first, second] = lines.map(parseLine);
    expect(first).toMatchObject({ count: 2, number: 1, sequence: '7', fill: 0 });
    expect(first!.payload).toHaveLength(MAX_FRAGMENT_CHARS);
    expect(second).toMatchObject({ count: 2, number: 2, sequence: '7', fill: 2 });
    const [msg] = messages(lines);
    expect(msg!.bits).toHaveLength(424);
    const b = new Bits(msg!.bits);
    expect(b.u(6)).toBe(5);
    b.u(2);
    expect(b.u(30)).toBe(636_012_345);
    b.u(2);
    expect(b.u(30)).toBe(9_876_543);
    expect(b.text(7)).toBe('D5AB7');
    expect(b.text(20)).toBe('BALTIC TRADER 3');
    expect(b.u(8)).toBe(70);
    expect([b.u(9), b.u(9), b.u(6), b.u(6)]).toEqual([150, 50, 16, 16]);
    expect(b.u(4)).toBe(1);
    expect([b.u(4), b.u(5), b.u(5), b.u(6)]).toEqual([1, 11, 16, 0]);
    expect(b.u(8)).toBe(94);
    expect(b.text(20)).toBe('GDANSK');
  });

  it('encodes type 24 parts A (160 bits) and B (168 bits)', () => {
    const a = staticB('A', { mmsi: 265_000_009, name: 'POLAR WIND' }).armour();
    expect(a).toMatchObject({ fill: 2 });
    const bitsA = new Bits(payloadBits(a.payload, a.fill));
    expect([bitsA.u(6), bitsA.u(2), bitsA.u(30), bitsA.u(2)]).toEqual([24, 0, 265_000_009, 0]);
    expect(bitsA.text(20)).toBe('POLAR WIND');
    const b = staticB('B', { mmsi: 265_000_009, shipType: 37, callsign: 'SBC123', dims }).armour();
    expect(b.fill).toBe(0);
    const bitsB = new Bits(payloadBits(b.payload, b.fill));
    expect([bitsB.u(6), bitsB.u(2), bitsB.u(30), bitsB.u(2), bitsB.u(8)]).toEqual([24, 0, 265_000_009, 1, 37]);
    bitsB.u(18 + 4 + 20);
    expect(bitsB.text(7)).toBe('SBC123');
  });
});
