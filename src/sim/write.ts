import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../schema/scenario.js';
import type { Truth } from '../schema/truth.js';
import { Simulation } from './simulation.js';

/**
 * The file edge of the simulator: writes `DIR/adsb.jsonl` (aircraft.json snapshots, one per line),
 * `DIR/ais.nmea` (AIVDM sentences with tag blocks), `DIR/truth.json` and `DIR/scenario.json` (the scenario as run,
 * defaults filled in, with the seed used). Lines are buffered into large writes.
 */
export const SIM_FILES = {
  adsb: 'adsb.jsonl',
  ais: 'ais.nmea',
  truth: 'truth.json',
  scenario: 'scenario.json',
} as const;

const FLUSH_CHARS = 1 << 20;

export interface WriteSimulationOptions {
  seed?: number;
  /** Called about once per simulated minute with the fraction done (0..1). */
  onProgress?: (fraction: number) => void;
}

export interface WrittenSimulation {
  dir: string;
  files: { adsb: string; ais: string; truth: string; scenario: string };
  truth: Truth;
  lines: { adsb: number; ais: number };
}

export function writeSimulation(
  dir: string,
  scenario: Scenario,
  options: WriteSimulationOptions = {},
): WrittenSimulation {
  mkdirSync(dir, { recursive: true });
  const files = {
    adsb: join(dir, SIM_FILES.adsb),
    ais: join(dir, SIM_FILES.ais),
    truth: join(dir, SIM_FILES.truth),
    scenario: join(dir, SIM_FILES.scenario),
  };
  const sim = new Simulation(scenario, options.seed);
  const sinks = { adsb: new LineSink(files.adsb), ais: new LineSink(files.ais) };
  const span = sim.endMs - sim.startMs;
  let nextProgress = sim.startMs;
  try {
    for (const line of sim.lines()) {
      sinks[line.feed].write(line.text);
      if (options.onProgress && line.t >= nextProgress) {
        options.onProgress(Math.min(1, (line.t - sim.startMs) / span));
        nextProgress = line.t + 60_000;
      }
    }
  } finally {
    sinks.adsb.close();
    sinks.ais.close();
  }
  const truth = sim.truth();
  writeFileSync(files.truth, `${JSON.stringify(truth, null, 2)}\n`);
  writeFileSync(files.scenario, `${JSON.stringify({ ...scenario, seed: sim.seed }, null, 2)}\n`);
  options.onProgress?.(1);
  return { dir, files, truth, lines: { adsb: sinks.adsb.lines, ais: sinks.ais.lines } };
}

class LineSink {
  private readonly fd: number;
  private buffer: string[] = [];
  private chars = 0;
  lines = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(line: string): void {
    this.buffer.push(line);
    this.chars += line.length + 1;
    this.lines++;
    if (this.chars >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, `${this.buffer.join('\n')}\n`);
    this.buffer = [];
    this.chars = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
