import { describe, expect, it } from 'vitest';
import { decodeExtendedClassB } from '../../../../src/decode/ais/extended-class-b.js';
import { extendedClassB } from './ais-fixtures.js';
import { loaded } from './load.js';

describe('decodeExtendedClassB (message 19)', () => {
  it('decodes gpsd sample.aivdm type 19 with its name and EPFD', () => {
    const payload = 'C5N3SRgPEnJGEBT>NhWAwwo862PaLELTBJ:V00000000S0D:R220';
    const message = decodeExtendedClassB(loaded(payload), 367_059_850);
    expect(message).toMatchObject({ aisType: 19, aisClass: 'B', gs: 8.7, track: 335.9, heading: undefined });
    expect(message).toMatchObject({ name: 'CAPT.J.RIMES', epfd: 1, accuracy: false, raim: false });
    if (!('kind' in message)) return;
    expect(Math.round(message.lon! * 600_000)).toBe(-53_286_235);
    expect(Math.round(message.lat! * 600_000)).toBe(17_726_217);
  });

  it('reads RAIM at bit 305 and EPFD at 301–304', () => {
    expect(decodeExtendedClassB(loaded(extendedClassB({ raim: true, epfd: 3 })), 1)).toMatchObject({
      raim: true,
      epfd: 3,
    });
  });

  it('leaves an all-padding name out and refuses a payload without RAIM', () => {
    expect(decodeExtendedClassB(loaded(extendedClassB({ name: '' })), 1)).toMatchObject({ name: undefined });
    const short = loaded(extendedClassB().armour().payload.slice(0, 50));
    expect(decodeExtendedClassB(short, 1)).toMatchObject({ ok: false, code: 'AIS_PAYLOAD' });
  });
});
