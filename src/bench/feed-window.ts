import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../schema/scenario.js';
import { compileEmitters } from '../sim/emitters.js';
import { Simulation } from '../sim/simulation.js';
import { SIM_FILES } from '../sim/write.js';

/**
 * A window of a simulated scenario as feed files, for the latency bench: the lines the simulator delivers from
 * `leadMs` before the first emitter switches on until `followMs` after, written as `DIR/adsb.jsonl` (readsb
 * snapshots) and `DIR/ais.nmea` (AIVDM with tag blocks). The bench then lasts minutes, not the scenario's length.
 *
 * The cut is on each line's delivery time: a readsb snapshot's `now`, an AIS line's arrival (a late message keeps
 * its older `c:` time, as it would live). The simulator releases all parts of a multi-part AIS message together at
 * one delivery time (sim/ais/feed.ts), so a cut by time never splits a group.
 */
export interface FeedWindowOptions {
  leadMs: number;
  followMs: number;
}

export interface FeedWindow {
  files: { adsb: string; ais: string };
  /** When the first emitter switches on, epoch ms. */
  onsetMs: number;
  fromMs: number;
  toMs: number;
  lines: { adsb: number; ais: number };
}

/** The earliest time an emitter of the scenario is on, epoch ms (undefined for a scenario without emitters). */
export function firstOnset(scenario: Scenario): number | undefined {
  let onset: number | undefined;
  for (const emitter of compileEmitters(scenario)) {
    for (const w of emitter.windows) if (onset === undefined || w.fromMs < onset) onset = w.fromMs;
  }
  return onset;
}

export function writeFeedWindow(dir: string, scenario: Scenario, options: FeedWindowOptions): FeedWindow {
  const onsetMs = firstOnset(scenario);
  if (onsetMs === undefined) throw new Error(`scenario ${scenario.name} switches no emitter on`);
  const fromMs = onsetMs - options.leadMs;
  const toMs = onsetMs + options.followMs;
  const lines = { adsb: [] as string[], ais: [] as string[] };
  for (const line of new Simulation(scenario).lines()) {
    if (line.t >= toMs) break;
    if (line.t >= fromMs) lines[line.feed].push(line.text);
  }
  mkdirSync(dir, { recursive: true });
  const files = { adsb: join(dir, SIM_FILES.adsb), ais: join(dir, SIM_FILES.ais) };
  writeFileSync(files.adsb, linesText(lines.adsb));
  writeFileSync(files.ais, linesText(lines.ais));
  return { files, onsetMs, fromMs, toMs, lines: { adsb: lines.adsb.length, ais: lines.ais.length } };
}

function linesText(lines: string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
