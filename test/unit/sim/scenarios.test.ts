import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, scenarioSchema } from '../../../src/schema/scenario.js';
import { Simulation } from '../../../src/sim/simulation.js';
import { loadScenario, SCENARIO_DIR } from './fixtures.js';

const files = readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.json'));

describe('scenario library', () => {
  it('has the scenarios the project documents', () => {
    expect(files.sort()).toEqual(
      ['baltic-jamming', 'black-sea-teleport', 'demo', 'east-med-spoofing', 'quiet-day'].map((n) => `${n}.json`),
    );
  });

  it.each(files)('%s is valid and named after its file', (file) => {
    const scenario = parseScenario(JSON.parse(readFileSync(join(SCENARIO_DIR, file), 'utf8')));
    expect(`${scenario.name}.json`).toBe(file);
    expect(scenario.description.length).toBeGreaterThan(40);
  });

  it('keeps each kind of interference in its scenario', () => {
    const baltic = loadScenario('baltic-jamming');
    expect(baltic.jammers[0]!.reachKm).toBe(300);
    expect(baltic.durationMin).toBeGreaterThanOrEqual(120);
    const med = loadScenario('east-med-spoofing');
    expect(med.spoofers.map((s) => s.mode)).toContain('point');
    const black = loadScenario('black-sea-teleport');
    expect(black.spoofers.map((s) => s.mode).sort()).toEqual(['circle', 'point']);
    const quiet = loadScenario('quiet-day');
    expect(quiet.jammers).toEqual([]);
    expect(quiet.spoofers).toEqual([]);
    expect(quiet.durationMin).toBeGreaterThanOrEqual(360);
    expect(quiet.coverageHoles.length).toBeGreaterThan(0);
    for (const [key, value] of Object.entries(quiet.nuisances)) {
      if (key.endsWith('Fraction')) expect(value, key).toBeGreaterThan(0);
    }
  });

  it('runs the demo in a few seconds', () => {
    const began = performance.now();
    const sim = new Simulation(loadScenario('demo'));
    let lines = 0;
    for (const _ of sim.lines()) lines++;
    expect(lines).toBeGreaterThan(2000);
    expect(performance.now() - began).toBeLessThan(5000);
    const demo = loadScenario('demo');
    expect(demo.durationMin).toBeGreaterThanOrEqual(20);
    expect(demo.durationMin).toBeLessThanOrEqual(30);
    expect(demo.jammers).toHaveLength(1);
  });

  it('rejects a route to an unknown airport and an emitter without reach', () => {
    const demo = JSON.parse(readFileSync(join(SCENARIO_DIR, 'demo.json'), 'utf8'));
    demo.air.routes[0].to = 'XXXX';
    const r = scenarioSchema.safeParse(demo);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['air', 'routes', 0, 'to']);
    const noReach = JSON.parse(readFileSync(join(SCENARIO_DIR, 'demo.json'), 'utf8'));
    delete noReach.jammers[0].reachKm;
    expect(scenarioSchema.safeParse(noReach).success).toBe(false);
  });
});
