import { describe, expect, it } from 'vitest';
import { decodeClassBPosition } from '../../../../src/decode/ais/position-class-b.js';
import { classBPosition, tenThousandthMinutes } from './ais-fixtures.js';
import { loaded } from './load.js';

describe('decodeClassBPosition (message 18)', () => {
  it('decodes a real type 18 as gpsd does (ais-18-27.log)', () => {
    const message = decodeClassBPosition(loaded('B3KLehP0B@LTN6`Vl;rrBE063P06'), 230_108_610);
    expect(message).toMatchObject({ aisType: 18, aisClass: 'B', gs: 7.3, track: 298, heading: 298 });
    expect(message).toMatchObject({ accuracy: false, raim: false });
    if (!('kind' in message)) return;
    expect(Math.round(message.lon! * 600_000)).toBe(14_978_829);
    expect(Math.round(message.lat! * 600_000)).toBe(36_098_238);
  });

  it('reads its own field positions (RAIM at bit 147, accuracy at 56)', () => {
    const writer = classBPosition({ raim: true, accuracy: true, heading: 359, latRaw: tenThousandthMinutes(-33.5) });
    expect(decodeClassBPosition(loaded(writer), 235_000_001)).toMatchObject({
      raim: true,
      accuracy: true,
      heading: 359,
      lat: -33.5,
      lon: -1.25,
    });
  });

  it('marks the 91/181 sentinels as not available and refuses corrupt positions', () => {
    const na = classBPosition({ latRaw: tenThousandthMinutes(91), lonRaw: tenThousandthMinutes(181) });
    expect(decodeClassBPosition(loaded(na), 1)).toMatchObject({ lat: undefined, lon: undefined });
    const bad = classBPosition({ lonRaw: tenThousandthMinutes(200) });
    expect(decodeClassBPosition(loaded(bad), 1)).toMatchObject({ ok: false, code: 'VALUE_RANGE' });
  });

  it('refuses a payload that ends before RAIM', () => {
    expect(decodeClassBPosition(loaded('B3KLehP0B@LTN6`Vl;rrBE06'), 1)).toMatchObject({ code: 'AIS_PAYLOAD' });
  });
});
