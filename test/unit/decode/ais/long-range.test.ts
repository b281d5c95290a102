import { describe, expect, it } from 'vitest';
import { decodeLongRange, gnssStatusFromBit } from '../../../../src/decode/ais/long-range.js';
import { longRange } from './ais-fixtures.js';
import { loaded } from './load.js';

describe('decodeLongRange (message 27)', () => {
  it('decodes a real type 27 as gpsd does (ais-18-27.log: gnss true)', () => {
    const message = decodeLongRange(loaded('K3KLehP0rPTJ10Qr'), 230_108_610);
    expect(message).toMatchObject({ aisType: 27, aisClass: 'LR', gs: 1, track: 30, accuracy: false, raim: false });
    expect(message).toMatchObject({ gnssStatus: 'not-current' });
    if (!('kind' in message)) return;
    expect(Math.round(message.lon! * 600)).toBe(14_978);
    expect(Math.round(message.lat! * 600)).toBe(36_098);
  });

  it('reads signed 1/10-minute coordinates: south and west', () => {
    const message = decodeLongRange(loaded(longRange({ lonRaw: -92_521, latRaw: -52_239 })), 1);
    if (!('kind' in message)) throw new Error('not decoded');
    expect(message.lon).toBeCloseTo(-154.201667, 6);
    expect(message.lat).toBeCloseTo(-87.065, 6);
  });

  it('maps the GNSS position status bit: 0 current, 1 not current', () => {
    expect(gnssStatusFromBit(false)).toBe('current');
    expect(gnssStatusFromBit(true)).toBe('not-current');
    expect(decodeLongRange(loaded(longRange({ notGnss: false })), 1)).toMatchObject({ gnssStatus: 'current' });
  });

  it('reads its "not available" codes: 91°/181° as 54 600/108 600, speed 63, course 511', () => {
    const writer = longRange({ lonRaw: 108_600, latRaw: 54_600, sog: 63, cog: 511 });
    expect(decodeLongRange(loaded(writer), 1)).toMatchObject({ lat: undefined, lon: undefined, gs: undefined });
    expect(decodeLongRange(loaded(writer), 1)).toMatchObject({ track: undefined });
    expect(decodeLongRange(loaded(longRange({ cog: 360 })), 1)).toMatchObject({ track: undefined });
  });

  it('refuses corrupt positions and short payloads', () => {
    expect(decodeLongRange(loaded(longRange({ lonRaw: 120_139 })), 1)).toMatchObject({ code: 'VALUE_RANGE' });
    expect(decodeLongRange(loaded('KuTOOvuuubehD70', 2), 1)).toMatchObject({ code: 'AIS_PAYLOAD' });
  });
});
