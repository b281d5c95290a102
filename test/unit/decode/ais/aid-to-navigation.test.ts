import { describe, expect, it } from 'vitest';
import { decodeAidToNavigation } from '../../../../src/decode/ais/aid-to-navigation.js';
import { aidToNavigation, tenThousandthMinutes } from './ais-fixtures.js';
import { loaded } from './load.js';

describe('decodeAidToNavigation (message 21)', () => {
  it('decodes gpsd sample.aivdm type 21 with its extended name', () => {
    const payload = 'E1mg=5J1T4W0h97aRh6ba84<h2d;W:Te=eLvH50```q' + ':D44QDlp0C1DU00';
    const message = decodeAidToNavigation(loaded(payload, 2), 123_456_789);
    expect(message).toMatchObject({ aisType: 21, aisClass: 'AtoN', name: 'CHINA ROSE MURPHY EXPRESS ALERT', epfd: 1 });
    expect(message).toMatchObject({ gs: undefined, track: undefined, heading: undefined, accuracy: false });
    if (!('kind' in message)) return;
    expect(Math.round(message.lon! * 600_000)).toBe(-73_619_155);
    expect(Math.round(message.lat! * 600_000)).toBe(28_752_371);
  });

  it('ends a short name at its padding, so junk in the extension bits is not appended (as gpsd)', () => {
    const writer = aidToNavigation({ name: 'AHAAHA ROCKS NORTH', extension: '>S+>N' });
    expect(decodeAidToNavigation(loaded(writer), 1)).toMatchObject({ name: 'AHAAHA ROCKS NORTH' });
    const full = aidToNavigation({ name: 'PUGET SOUND TSL TA  ', extension: '@DJD_!N' });
    expect(decodeAidToNavigation(loaded(full), 1)).toMatchObject({ name: 'PUGET SOUND TSL TA' });
  });

  it('reads EPFD, RAIM and accuracy, and refuses corrupt positions', () => {
    const writer = aidToNavigation({ epfd: 7, raim: true, accuracy: false });
    expect(decodeAidToNavigation(loaded(writer), 1)).toMatchObject({ epfd: 7, raim: true, accuracy: false, lat: 51 });
    const bad = aidToNavigation({ latRaw: tenThousandthMinutes(95) });
    expect(decodeAidToNavigation(loaded(bad), 1)).toMatchObject({ ok: false, code: 'VALUE_RANGE' });
    const short = loaded(aidToNavigation().armour().payload.slice(0, 40));
    expect(decodeAidToNavigation(short, 1)).toMatchObject({ ok: false, code: 'AIS_PAYLOAD' });
  });
});
