import { describe, expect, it } from 'vitest';
import { decodeStaticClassB } from '../../../../src/decode/ais/static-class-b.js';
import { PayloadWriter, staticPartA, staticPartB } from './ais-fixtures.js';
import { loaded } from './load.js';

describe('decodeStaticClassB (message 24)', () => {
  it('decodes gpsd sample.aivdm parts A and B', () => {
    expect(decodeStaticClassB(loaded('H42O55i18tMET00000000000000', 2), 271_041_815)).toEqual({
      kind: 'static',
      aisType: 24,
      mmsi: 271_041_815,
      name: 'PROGUY',
      callsign: undefined,
      epfd: undefined,
    });
    expect(decodeStaticClassB(loaded('H42O55lti4hhhilD3nink000?050'), 271_041_815)).toMatchObject({
      name: undefined,
      callsign: 'TC6163',
      epfd: 0,
    });
  });

  it('reads part B EPFD (M.1371-5) only when the message holds it', () => {
    expect(decodeStaticClassB(loaded(staticPartB(1, 'SLGJ', 1)), 1)).toMatchObject({ callsign: 'SLGJ', epfd: 1 });
    expect(decodeStaticClassB(loaded(staticPartB(1, 'SLGJ', undefined)), 1)).toMatchObject({ epfd: undefined });
    expect(decodeStaticClassB(loaded(staticPartA(1, 'MANI')), 1)).toMatchObject({ name: 'MANI' });
  });

  it('refuses part numbers 2 and 3 and short parts', () => {
    const part3 = new PayloadWriter().uint(24, 6).uint(0, 2).uint(1, 30).uint(3, 2).uint(0, 128);
    expect(decodeStaticClassB(loaded(part3), 1)).toMatchObject({ ok: false, code: 'AIS_PAYLOAD' });
    const shortA = loaded(staticPartA(1, 'MANI').armour().payload.slice(0, 20));
    expect(decodeStaticClassB(shortA, 1)).toMatchObject({ ok: false, code: 'AIS_PAYLOAD' });
    const shortB = loaded(staticPartB(1, 'SLGJ', 1).armour().payload.slice(0, 20));
    expect(decodeStaticClassB(shortB, 1)).toMatchObject({ ok: false, code: 'AIS_PAYLOAD' });
  });
});
