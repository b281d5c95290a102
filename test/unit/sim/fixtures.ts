import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseScenario, type Scenario, type ScenarioInput } from '../../../src/schema/scenario.js';

export const SCENARIO_DIR = resolve(import.meta.dirname, '../../../config/scenarios');

export function loadScenario(name: string): Scenario {
  return parseScenario(JSON.parse(readFileSync(resolve(SCENARIO_DIR, `${name}.json`), 'utf8')));
}

/**
 * A small sea-and-air scenario around a spoofer off a coast: one lane passes 10–20 km from it, one route flies
 * over it, and receivers hear everything. No nuisances, so every effect comes from the spoofer.
 */
export function spoofScenario(mode: 'point' | 'circle' | 'offset'): Scenario {
  const input: ScenarioInput = {
    name: `spoof-${mode}`,
    start: '2026-04-01T10:00:00Z',
    durationMin: 40,
    seed: 11,
    area: { south: 43, west: 35, north: 47, east: 41 },
    receivers: [
      { id: 'adsb-1', domain: 'adsb', lat: 45, lon: 38, rangeKm: 500, antennaM: 100 },
      { id: 'ais-1', domain: 'ais', lat: 44.6, lon: 37.9, rangeKm: 150, antennaM: 200 },
    ],
    air: {
      airports: [
        { code: 'AAAA', lat: 43.2, lon: 36.0 },
        { code: 'BBBB', lat: 46.8, lon: 40.5 },
      ],
      routes: [
        { from: 'AAAA', to: 'BBBB', departuresPerHour: 12 },
        { from: 'BBBB', to: 'AAAA', departuresPerHour: 12 },
      ],
    },
    sea: {
      lanes: [
        {
          id: 'coast',
          path: [
            { lat: 44.5, lon: 37.2 },
            { lat: 44.55, lon: 38.6 },
          ],
          vessels: 12,
          speedKn: [10, 14],
          widthKm: 2,
        },
      ],
    },
    nuisances: {
      chronicBadFraction: 0,
      groundNacp0Fraction: 0,
      version0Fraction: 0,
      mlatFraction: 0,
      degradedOnEntryFraction: 0,
      aisDuplicateFraction: 0,
      aisLateFraction: 0,
      aisLossFraction: 0,
    },
    spoofers: [
      {
        id: 'sp',
        lat: 44.7,
        lon: 37.9,
        altitudeM: 200,
        reachKm: 150,
        on: [{ fromMin: 5, toMin: 30 }],
        mode,
        target: { lat: 45.03, lon: 39.17, altFt: 100 },
        offsetKm: { east: 40, north: 30 },
        circleRadiusKm: 2,
        affectedFraction: 1,
        confidentS: [60, 120],
      },
    ],
  };
  return parseScenario(input);
}
