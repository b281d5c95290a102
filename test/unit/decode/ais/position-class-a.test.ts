import { describe, expect, it } from 'vitest';
import { CLASS_A_POSITION_MIN_BITS, decodeClassAPosition } from '../../../../src/decode/ais/position-class-a.js';
import { classAPosition, tenThousandthMinutes } from './ais-fixtures.js';
import { loaded } from './load.js';

describe('decodeClassAPosition (messages 1, 2, 3)', () => {
  it('decodes gpsd sample.aivdm type 1 as its notes give it (Kurt Schwehr, checked with noaadata)', () => {
    const message = decodeClassAPosition(loaded('15RTgt0PAso;90TKcjM8h6g208CQ'), 1, 371_798_000);
    expect(message).toMatchObject({
      kind: 'position',
      aisType: 1,
      mmsi: 371_798_000,
      aisClass: 'A',
      gs: 12.3,
      accuracy: true,
      track: 224,
      heading: 215,
      raim: false,
    });
    if (!('kind' in message)) return;
    expect(message.lon).toBeCloseTo(-123.395383333, 9);
    expect(message.lat).toBeCloseTo(48.38163333333, 9);
  });

  it('reads "not available" codes as undefined and keeps 102.2 kn', () => {
    const writer = classAPosition({
      lonRaw: tenThousandthMinutes(181),
      latRaw: tenThousandthMinutes(91),
      sogTenths: 1023,
      cogTenths: 3600,
      heading: 511,
    });
    expect(decodeClassAPosition(loaded(writer), 1, 1)).toMatchObject({
      lat: undefined,
      lon: undefined,
      gs: undefined,
      track: undefined,
      heading: undefined,
    });
    expect(decodeClassAPosition(loaded(classAPosition({ sogTenths: 1022 })), 1, 1)).toMatchObject({ gs: 102.2 });
  });

  it('takes either sentinel alone as "position not available"', () => {
    const latOnly = decodeClassAPosition(loaded(classAPosition({ latRaw: tenThousandthMinutes(91) })), 1, 1);
    const lonOnly = decodeClassAPosition(loaded(classAPosition({ lonRaw: tenThousandthMinutes(181) })), 1, 1);
    expect(latOnly).toMatchObject({ lat: undefined, lon: undefined });
    expect(lonOnly).toMatchObject({ lat: undefined, lon: undefined });
  });

  it('leaves out codes the standard says not to use (COG > 360°, heading 360–510)', () => {
    const writer = classAPosition({ cogTenths: 3601, heading: 360 });
    expect(decodeClassAPosition(loaded(writer), 1, 1)).toMatchObject({ track: undefined, heading: undefined });
  });

  it('refuses positions beyond ±90°/±180° that are not the sentinels', () => {
    for (const fields of [{ latRaw: tenThousandthMinutes(90.5) }, { lonRaw: tenThousandthMinutes(-180.1) }]) {
      expect(decodeClassAPosition(loaded(classAPosition(fields)), 1, 1)).toMatchObject({
        ok: false,
        code: 'VALUE_RANGE',
      });
    }
    expect(decodeClassAPosition(loaded(classAPosition({ latRaw: tenThousandthMinutes(-90) })), 1, 1)).toMatchObject({
      lat: -90,
    });
  });

  it('decodes a report cut short after RAIM (gpsd: 163 bits with 5 fill bits) and refuses a shorter one', () => {
    expect(decodeClassAPosition(loaded('13aIkM@P00PJ@qPNL=e@0?wJ28JO', 5), 1, 1)).toMatchObject({ kind: 'position' });
    const short = loaded(classAPosition().armour().payload.slice(0, 24));
    expect(short.bitLength).toBeLessThan(CLASS_A_POSITION_MIN_BITS);
    expect(decodeClassAPosition(short, 1, 1)).toMatchObject({ ok: false, code: 'AIS_PAYLOAD' });
  });
});
