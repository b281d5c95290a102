import { describe, expect, it } from 'vitest';
import { decodeReportJson } from '../../../src/decode/report-json.js';

const good = {
  schema: 'jamwatch.report/1',
  src: 'adsb',
  id: 'icao:4ca2b1',
  t: 1767737534000,
  lat: 60.3,
  lon: 24.9,
  nacp: 0,
};

describe('decodeReportJson', () => {
  it('accepts a valid report', () => {
    const outcome = decodeReportJson(JSON.stringify(good));
    expect(outcome).toMatchObject({ ok: true, kind: 'report', report: good });
  });

  it('codes broken JSON, wrong types and absurd values apart', () => {
    expect(decodeReportJson('{"schema":')).toMatchObject({ ok: false, code: 'JSON_SYNTAX' });
    expect(decodeReportJson(JSON.stringify({ ...good, t: 'yesterday' }))).toMatchObject({
      ok: false,
      code: 'JSON_SHAPE',
      detail: expect.stringContaining('t:'),
    });
    expect(decodeReportJson(JSON.stringify({ ...good, id: 'icao:4CA2B1' }))).toMatchObject({
      ok: false,
      code: 'JSON_SHAPE',
    });
    expect(decodeReportJson(JSON.stringify({ ...good, lat: 123.4 }))).toMatchObject({
      ok: false,
      code: 'VALUE_RANGE',
      detail: expect.stringContaining('lat'),
    });
  });
});
