import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { runReplay } from '../../../src/drivers/replay.js';
import { parseScenario } from '../../../src/schema/scenario.js';
import { writeSimulation } from '../../../src/sim/write.js';

const log = pino({ level: 'silent' });
const input = { format: undefined, startTime: undefined, rate: 1, tzOffsetMinutes: undefined, receiver: undefined };
const DEMO = resolve(import.meta.dirname, '../../../config/scenarios/demo.json');

describe('jamwatch replay on the built-in demo scenario', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jamwatch-replay-'));
  const sim = writeSimulation(join(dir, 'feed'), parseScenario(JSON.parse(readFileSync(DEMO, 'utf8'))));
  const detection = loadConfig({ env: {} }).detection;

  it('finds the jammer, writes the three outputs, and gives the same output twice', async () => {
    const runs = [];
    for (const name of ['a', 'b']) {
      runs.push(
        await runReplay(
          [sim.files.adsb, sim.files.ais],
          { input, outDir: join(dir, name), detection, progress: false },
          log,
        ),
      );
    }
    const [first, second] = runs as [Awaited<ReturnType<typeof runReplay>>, Awaited<ReturnType<typeof runReplay>>];
    expect(first.stats.invalidTotal).toBe(0);
    expect(first.alerts.some((a) => a.kind === 'jamming')).toBe(true);
    expect(first.rows).toBeGreaterThan(100);
    for (const file of ['alerts', 'cells'] as const) {
      expect(readFileSync(second.files[file], 'utf8')).toBe(readFileSync(first.files[file], 'utf8'));
    }
    const html = readFileSync(first.files.report, 'utf8');
    expect(html).toContain('<svg id="map"');
    expect(html).toContain(first.alerts[0]!.id);
  });
});
