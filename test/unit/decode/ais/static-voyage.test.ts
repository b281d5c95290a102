import { describe, expect, it } from 'vitest';
import { decodeStaticVoyage } from '../../../../src/decode/ais/static-voyage.js';
import { staticVoyage } from './ais-fixtures.js';
import { loaded } from './load.js';

describe('decodeStaticVoyage (message 5)', () => {
  it('decodes gpsd sample.aivdm type 5: call sign, name, EPFD', () => {
    const payload = '55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8' + '88888888880';
    expect(decodeStaticVoyage(loaded(payload, 2), 351_759_000)).toEqual({
      kind: 'static',
      aisType: 5,
      mmsi: 351_759_000,
      callsign: '3FOF8',
      name: 'EVER DIADEM',
      epfd: 1,
    });
  });

  it('reads "not available" text as undefined, as gpsd reads "@@J130B" as ""', () => {
    expect(decodeStaticVoyage(loaded(staticVoyage({ callsign: '@@J130B', name: '' })), 1)).toMatchObject({
      callsign: undefined,
      name: undefined,
    });
  });

  it('decodes a message cut after the EPFD and refuses one cut before', () => {
    const { payload } = staticVoyage({ epfd: 15 }).armour();
    expect(decodeStaticVoyage(loaded(payload.slice(0, 46)), 1)).toMatchObject({ epfd: 15 });
    expect(decodeStaticVoyage(loaded(payload.slice(0, 45)), 1)).toMatchObject({ ok: false, code: 'AIS_PAYLOAD' });
  });
});
