import { describe, expect, it } from 'vitest';
import { alertLine } from '../../../../src/adapters/influx/line-protocol.js';
import type { Alert } from '../../../../src/schema/alert.js';

const at = (iso: string) => `2026-01-10T${iso}Z`;

function message(status: Alert['status'], updatedAt: string, extra: Partial<Alert> = {}): Alert {
  return {
    schema: 'jamwatch.alert/1',
    id: 'jam-841f0d3ffffffff-20260110T160500Z',
    kind: 'jamming',
    status,
    severity: 'high',
    score: 9.4,
    startedAt: at('16:05:00'),
    updatedAt: at(updatedAt),
    area: { cells: ['841f0d3ffffffff'], resolution: 4, center: { lat: 54.6, lon: 19.9 }, radiusKm: 60 },
    affected: { aircraft: 4, vessels: 0 },
    observed: { aircraft: 11, vessels: 0 },
    evidence: [],
    ...extra,
  };
}

const timeOf = (line: string) => Number(line.split(' ').at(-1));

describe('alertLine', () => {
  it('stamps every message at its publication, so the latest point of an alert is its current state', () => {
    // As the demo replay gives them: updates while the ending event's cells expire, then the resolution, whose
    // endedAt (the last anomalous tick) is earlier than those updates.
    const lifecycle = [
      message('open', '16:05:00'),
      message('update', '16:27:30'),
      message('update', '16:29:45'),
      message('resolved', '16:35:30', { endedAt: at('16:25:30') }),
    ];
    const times = lifecycle.map((m) => timeOf(alertLine(m)));
    expect(times).toEqual(lifecycle.map((m) => Date.parse(m.updatedAt)));
    expect(times.at(-1)).toBe(Math.max(...times));
  });

  it('keeps the first open point when the event reopens under its id (same startedAt, later open)', () => {
    const first = alertLine(message('open', '16:05:00'));
    const again = alertLine(message('open', '16:40:00'));
    expect(timeOf(again)).toBeGreaterThan(timeOf(first));
  });

  it('writes the alert contract’s fields, the emitter only when located', () => {
    const line = alertLine(message('update', '16:10:30', { emitter: { lat: 54.57, lon: 19.86, errorKm: 72 } }));
    expect(line).toBe(
      'gnss_alert,id=jam-841f0d3ffffffff-20260110T160500Z,kind=jamming,severity=high ' +
        'lat=54.6,lon=19.9,radius_km=60,emitter_lat=54.57,emitter_lon=19.86,error_km=72,score=9.4,aircraft=4i,' +
        `vessels=0i,cells="841f0d3ffffffff",status="update" ${Date.parse(at('16:10:30'))}`,
    );
    expect(alertLine(message('open', '16:05:00'))).not.toContain('emitter_');
  });

  it('writes where spoofed craft claim to be, for a spoofing alert', () => {
    const line = alertLine(message('open', '16:05:00', { kind: 'spoofing', spoofTarget: { lat: 33.82, lon: 35.49 } }));
    expect(line).toContain(',target_lat=33.82,target_lon=35.49,');
    expect(alertLine(message('open', '16:05:00'))).not.toContain('target_');
  });
});
