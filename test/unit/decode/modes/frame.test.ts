import { describe, expect, it } from 'vitest';
import {
  DF17_ADSB,
  dispatchDownlink,
  downlinkFormat,
  isSquitterSource,
  meBits,
  readBits,
  type SquitterSource,
  squitterAddress,
  typeCode,
} from '../../../../src/decode/modes/frame.js';
import { fromHex, squitter, withParity, writeBits } from './build-frame.js';

const IDENTIFICATION = '8D4840D6202CC371C32CE0576098';

function longFrame(df: number): Uint8Array {
  const frame = new Uint8Array(14);
  writeBits(frame, 1, 5, df);
  return withParity(frame);
}

describe('bit access', () => {
  it('reads fields at any alignment, most significant bit first', () => {
    const frame = fromHex(IDENTIFICATION);
    expect(readBits(frame, 1, 5)).toBe(17);
    expect(readBits(frame, 6, 3)).toBe(5);
    expect(readBits(frame, 9, 24)).toBe(0x4840d6);
    expect(meBits(frame, 1, 5)).toBe(4);
    expect(readBits(frame, 89, 24)).toBe(0x576098);
    expect(downlinkFormat(frame)).toBe(17);
    expect(squitterAddress(frame)).toBe(0x4840d6);
    expect(typeCode(frame)).toBe(4);
  });

  it('reads 17-bit CPR fields (Riddle example: 93000 and 51372)', () => {
    const frame = fromHex('8D40621D58C382D690C8AC2863A7');
    expect(meBits(frame, 23, 17)).toBe(93000);
    expect(meBits(frame, 40, 17)).toBe(51372);
  });

  it('maps every DF of 24 and above to DF24', () => {
    expect(downlinkFormat(Uint8Array.of(0xff, 0))).toBe(24);
    expect(downlinkFormat(Uint8Array.of(0xc0, 0))).toBe(24);
  });
});

describe('dispatchDownlink', () => {
  it('passes an intact DF17 on as ADS-B', () => {
    expect(dispatchDownlink(fromHex(IDENTIFICATION))).toBe(DF17_ADSB);
  });

  it('ignores Mode A/C and replies without ADS-B content', () => {
    expect(dispatchDownlink(Uint8Array.of(0x20, 0x00))).toMatchObject({ kind: 'ignored' });
    for (const df of [0, 4, 5, 11]) {
      const short = new Uint8Array(7);
      writeBits(short, 1, 5, df);
      expect(dispatchDownlink(short)).toMatchObject({ ok: true, reason: 'modes-not-extended-squitter' });
    }
    for (const df of [16, 19, 20, 21, 22, 24]) {
      expect(dispatchDownlink(longFrame(df))).toMatchObject({ ok: true, reason: 'modes-not-extended-squitter' });
    }
  });

  it('fails frames of the wrong length or with a format that does not fit their length', () => {
    expect(dispatchDownlink(new Uint8Array(10))).toMatchObject({ ok: false, code: 'MODES_LENGTH' });
    expect(dispatchDownlink(fromHex(IDENTIFICATION).subarray(0, 7))).toMatchObject({ code: 'MODES_LENGTH' });
    expect(dispatchDownlink(longFrame(4))).toMatchObject({ code: 'MODES_LENGTH' });
  });

  it('fails unassigned downlink formats', () => {
    expect(dispatchDownlink(longFrame(9))).toMatchObject({ ok: false, code: 'MODES_FIELD' });
    const short = new Uint8Array(7);
    writeBits(short, 1, 5, 2);
    expect(dispatchDownlink(short)).toMatchObject({ ok: false, code: 'MODES_FIELD' });
  });

  it('fails a DF17 whose parity does not check', () => {
    const frame = fromHex(IDENTIFICATION);
    frame[6]! ^= 0x10;
    expect(dispatchDownlink(frame)).toMatchObject({ ok: false, code: 'MODES_CRC' });
  });

  it('tells the DF18 sources apart by control field', () => {
    const me = [
      [11, 5],
      [0, 51],
    ] as const;
    const dispatch = (cf: number) => dispatchDownlink(squitter({ df: 18, ca: cf, address: 0xabc123, me }));
    const sourceOf = (cf: number): SquitterSource => {
      const source = dispatch(cf);
      if (!isSquitterSource(source)) throw new Error(`CF ${cf}: expected a squitter source`);
      return source;
    };
    const cf0 = sourceOf(0);
    const cf1 = sourceOf(1);
    const cf2 = sourceOf(2);
    const cf5 = sourceOf(5);
    const cf6 = sourceOf(6);
    expect(cf0).toMatchObject({ df: 18, posSource: 'adsb', bit8IsNicB: true, stateKeyOffset: 0 });
    expect(cf1).toMatchObject({ posSource: 'other', bit8IsNicB: true });
    expect(cf2).toMatchObject({ posSource: 'tisb', bit8IsNicB: false });
    expect(cf5).toMatchObject({ posSource: 'tisb', bit8IsNicB: false });
    expect(cf6).toMatchObject({ posSource: 'adsr', bit8IsNicB: false });
    expect(new Set([cf0, cf1, cf2, cf5, cf6].map((s) => s.stateKeyOffset)).size).toBe(5);
    for (const cf of [3, 4, 7]) expect(dispatch(cf)).toMatchObject({ reason: 'modes-unused-type' });
  });
});
