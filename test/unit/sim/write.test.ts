import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/schema/scenario.js';
import { parseTruth } from '../../../src/schema/truth.js';
import { simulate } from '../../../src/sim/simulation.js';
import { SIM_FILES, writeSimulation } from '../../../src/sim/write.js';
import { loadScenario } from './fixtures.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'jamwatch-sim-'));
  dirs.push(d);
  return d;
}

describe('writeSimulation', () => {
  it('writes the feeds, the truth and the scenario as run, identical to the in-memory run', () => {
    const scenario = loadScenario('demo');
    const dir = tempDir();
    const progress: number[] = [];
    const written = writeSimulation(dir, scenario, { onProgress: (f) => progress.push(f) });
    const memory = simulate(scenario);
    expect(readFileSync(join(dir, SIM_FILES.adsb), 'utf8')).toBe(`${memory.adsbLines.join('\n')}\n`);
    expect(readFileSync(join(dir, SIM_FILES.ais), 'utf8')).toBe(`${memory.aisLines.join('\n')}\n`);
    expect(parseTruth(JSON.parse(readFileSync(join(dir, SIM_FILES.truth), 'utf8')))).toEqual(memory.truth);
    expect(parseScenario(JSON.parse(readFileSync(join(dir, SIM_FILES.scenario), 'utf8')))).toEqual(scenario);
    expect(written.lines).toEqual({ adsb: memory.adsbLines.length, ais: memory.aisLines.length });
    expect(progress.at(-1)).toBe(1);
    expect(progress.length).toBeGreaterThan(10);
  });

  it('records the seed it used when one is given', () => {
    const scenario = loadScenario('demo');
    const dir = tempDir();
    const written = writeSimulation(dir, { ...scenario, durationMin: 2 }, { seed: 99 });
    expect(written.truth.seed).toBe(99);
    expect(JSON.parse(readFileSync(written.files.scenario, 'utf8')).seed).toBe(99);
  });
});
