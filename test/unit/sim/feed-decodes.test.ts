import { beforeAll, describe, expect, it } from 'vitest';
import { AisDecoder } from '../../../src/decode/ais/decoder.js';
import type { Outcome } from '../../../src/decode/outcome.js';
import { ReadsbDecoder } from '../../../src/decode/readsb-json.js';
import { reportSchema } from '../../../src/schema/report.js';
import { type SimulationResult, simulate } from '../../../src/sim/simulation.js';
import { loadScenario } from './fixtures.js';

// The simulator's files must be what jamwatch's own decoders read: every line decodes without a failure.
let run: SimulationResult;
beforeAll(() => {
  run = simulate(loadScenario('demo'));
});

function tally(outcomes: Outcome[]) {
  const failures = outcomes.filter((o) => !o.ok);
  const reports = outcomes.flatMap((o) => (o.ok && o.kind === 'report' ? [o.report] : []));
  return { failures, reports };
}

describe('simulated feeds through the project decoders', () => {
  it('decodes every AIS line, with receive time and receiver from the tag block', () => {
    const decoder = new AisDecoder();
    const outcomes = run.aisLines.map((line) => decoder.decodeLine(line, 0));
    const { failures, reports } = tally(outcomes);
    expect(failures).toEqual([]);
    expect(reports.length).toBeGreaterThan(500);
    for (const r of reports.slice(0, 200)) {
      expect(reportSchema.safeParse(r).success).toBe(true);
      expect(r.t).toBeGreaterThanOrEqual(Date.parse('2026-01-10T16:00:00Z'));
      expect(r.receiver).toMatch(/^ais-/);
    }
    expect(reports.some((r) => r.posAvailable === false)).toBe(true);
    expect(reports.some((r) => r.aisClass === 'B')).toBe(true);
  });

  it('decodes every aircraft.json snapshot into position events', () => {
    const decoder = new ReadsbDecoder();
    const outcomes: Outcome[] = [];
    for (const line of run.adsbLines) decoder.decodeDocument(line, 0, (o) => outcomes.push(o));
    const { failures, reports } = tally(outcomes);
    expect(failures).toEqual([]);
    expect(reports.length).toBeGreaterThan(10_000);
    expect(reports.some((r) => r.nacp === 0 && r.onGround !== true)).toBe(true);
    expect(reports.some((r) => r.lastGoodAt !== undefined)).toBe(true);
    expect(reports.some((r) => r.posSource === 'mlat')).toBe(true);
  });
});
