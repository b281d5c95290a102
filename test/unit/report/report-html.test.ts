import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { ringsOf, topologySchema } from '../../../src/core/land/topojson.js';
import { loadLandTopology, type ReplayResult, runReplay } from '../../../src/drivers/replay.js';
import { renderReport } from '../../../src/report/html.js';
import { parseScenario } from '../../../src/schema/scenario.js';
import { writeSimulation } from '../../../src/sim/write.js';
import {
  anomalousLevels,
  CELLS,
  EMITTER,
  JAM_ID,
  NASTY,
  reportInput,
  SPOOF_ID,
  TICKS,
  WEST,
  WEST_LAST_TICK,
} from './fixtures.js';

/**
 * report.html opened in a real browser: Debian's Chromium driven by playwright-core (no browser download). The
 * page must load from its file alone (no other request, no console error), draw the coast and the cells, and show
 * at each slider position exactly the cell levels and alert states the data hold for that time. The demo's page is
 * kept as test-artifacts/report.png.
 */
const CHROMIUM = process.env.JAMWATCH_CHROMIUM ?? '/usr/bin/chromium';
const ROOT = resolve(import.meta.dirname, '../../..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const DEMO = join(ROOT, 'config/scenarios/demo.json');
const LEVELS = ['none', 'low', 'medium', 'high'];

interface PageData {
  t0: number;
  ticks: number[];
  runs: number[][] | null;
  anomalous: Array<[number, number, number, number, number]>;
}

interface OpenPage {
  page: Page;
  url: string;
  errors: string[];
  requests: string[];
}

let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is needed for the report tests and is not at ${CHROMIUM}: run scripts/system-deps.sh (installs Debian's chromium) or set JAMWATCH_CHROMIUM to a Chromium binary`,
    );
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
});

async function open(file: string): Promise<OpenPage> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  const url = pathToFileURL(file).href;
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  return { page, url, errors, requests };
}

async function moveSlider(page: Page, tick: number): Promise<void> {
  await page.locator('#slider').fill(String(tick));
  expect(await page.locator('#slider').inputValue()).toBe(String(tick));
}

/** data-level of every cell, by cell id. */
async function shownLevels(page: Page): Promise<Map<string, string>> {
  const pairs = await page
    .locator('#cells [data-cell]')
    .evaluateAll((els) => els.map((el) => [el.getAttribute('data-cell')!, el.getAttribute('data-level')!] as const));
  return new Map(pairs);
}

function coloured(levels: Map<string, string>): number {
  return [...levels.values()].filter((l) => l === 'low' || l === 'medium' || l === 'high').length;
}

/** What the page data say each cell should show at tick i, worked out here independently of the page script. */
function expectedLevels(data: PageData, cells: string[], i: number): Map<string, string> {
  const out = new Map<string, string>();
  cells.forEach((cell, c) => {
    const runs = data.runs?.[c];
    let present = runs === undefined;
    for (let k = 0; runs !== undefined && k < runs.length; k += 2)
      if (runs[k]! <= i && i <= runs[k + 1]!) present = true;
    out.set(cell, present ? 'none' : 'absent');
  });
  for (const [tick, c, level] of data.anomalous) if (tick === i) out.set(cells[c]!, LEVELS[level]!);
  return out;
}

async function activeAlertIds(page: Page): Promise<string[]> {
  return page
    .locator('.alert-state[data-active]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-alert')!).sort());
}

describe('report.html of the demo replay, in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jamwatch-report-'));
  let result: ReplayResult;
  let opened: OpenPage;
  let data: PageData;
  let cells: string[];

  beforeAll(async () => {
    const sim = writeSimulation(join(dir, 'feed'), parseScenario(JSON.parse(readFileSync(DEMO, 'utf8'))));
    const input = { format: undefined, startTime: undefined, rate: 1, tzOffsetMinutes: undefined, receiver: undefined };
    result = await runReplay(
      [sim.files.adsb, sim.files.ais],
      { input, outDir: join(dir, 'out'), detection: loadConfig({ env: {} }).detection, progress: false },
      pino({ level: 'silent' }),
    );
    opened = await open(result.files.report);
    data = JSON.parse((await opened.page.locator('#report-data').textContent())!) as PageData;
    cells = await opened.page.locator('#cells [data-cell]').evaluateAll((els) => els.map((el) => el.dataset.cell!));
  });

  afterAll(async () => {
    await opened?.page.close();
  });

  it('loads from the file alone, without errors', () => {
    expect(opened.errors).toEqual([]);
    expect(opened.requests).toEqual([opened.url]);
    expect(readFileSync(result.files.report, 'utf8')).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
  });

  it('draws the coast and one outline per observed cell', async () => {
    const observed = new Set<string>();
    for (const line of readFileSync(result.files.cells, 'utf8').split('\n')) {
      if (line === '') continue;
      const row = JSON.parse(line) as { src: string; cell: string };
      if (row.src === 'all') observed.add(row.cell);
    }
    expect(observed.size).toBeGreaterThan(10);
    expect(new Set(cells)).toEqual(observed);
    const land = await opened.page.locator('path.land').getAttribute('d');
    expect(land?.match(/M/g)?.length ?? 0).toBeGreaterThan(3);
    expect(await opened.page.locator('path.land').isVisible()).toBe(true);
    const box = await opened.page.locator('#cells [data-cell]').first().boundingBox();
    expect(box!.width).toBeGreaterThan(5);
  });

  it('shows at each slider position the levels and alerts of that time', async () => {
    const { page } = opened;
    expect(Number(await page.locator('#slider').getAttribute('max'))).toBe(data.ticks.length - 1);
    await moveSlider(page, 0);
    const start = await shownLevels(page);
    expect(start).toEqual(expectedLevels(data, cells, 0));
    expect([...start.values()].filter((l) => l !== 'absent').length).toBeGreaterThan(0);
    const startAlerts = await activeAlertIds(page);

    // The tick with the most anomalous cells is inside an alert.
    const perTick = new Map<number, number>();
    for (const [tick] of data.anomalous) perTick.set(tick, (perTick.get(tick) ?? 0) + 1);
    const [busiest] = [...perTick.entries()].sort((a, b) => b[1] - a[1])[0]!;
    await moveSlider(page, busiest);
    const busy = await shownLevels(page);
    expect(busy).toEqual(expectedLevels(data, cells, busiest));
    expect(coloured(busy)).toBe(perTick.get(busiest));
    expect(coloured(busy)).not.toBe(coloured(start));

    const t = data.t0 + data.ticks[busiest]! * 1000;
    expect(await page.locator('#time').textContent()).toBe(
      `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`,
    );
    const active = await activeAlertIds(page);
    expect(active.length).toBeGreaterThan(0);
    expect(active).not.toEqual(startAlerts);
    const latest = [...new Map(result.alerts.map((a) => [a.id, a])).values()];
    const expected = new Set(
      latest
        .filter((a) => Date.parse(a.startedAt) <= t && (a.endedAt === undefined || t < Date.parse(a.endedAt)))
        .map((a) => a.id),
    );
    expect(new Set(active)).toEqual(expected);
    expect(await page.locator('.alert-area:visible').count()).toBe(active.length);
    // Emitters are drawn with the states that carry one, each with its error circle.
    const withEmitter = await page.locator('.alert-state[data-active]:has(.emitter)').count();
    expect(await page.locator('.emitter:visible').count()).toBe(withEmitter);
    expect(await page.locator('.emitter-error:visible').count()).toBe(withEmitter);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png') });
    expect(readFileSync(join(ARTIFACTS, 'report.png')).length).toBeGreaterThan(20_000);
  });

  it('lists one row per alert with the evidence of its last message', async () => {
    const { page } = opened;
    const latest = new Map(result.alerts.map((a) => [a.id, a]));
    expect(latest.size).toBeGreaterThan(0);
    const rows = page.locator('#alert-table tbody tr');
    expect(await rows.count()).toBe(latest.size);
    for (const [id, alert] of latest) {
      const text = await page.locator(`#alert-table tr[data-alert="${id}"]`).textContent();
      expect(text).toContain(id);
      expect(alert.evidence.length).toBeGreaterThan(0);
      for (const e of alert.evidence) expect(text).toContain(e.text);
    }
  });

  it('highlights an alert when its row is clicked, and moves the slider into it', async () => {
    const { page } = opened;
    await moveSlider(page, 0);
    const id = (await page.locator('#alert-table tbody tr').first().getAttribute('data-alert'))!;
    expect(await activeAlertIds(page)).not.toContain(id);
    await page.locator(`#alert-table tr[data-alert="${id}"]`).click();
    expect(await page.locator('#alert-table tr.selected').getAttribute('data-alert')).toBe(id);
    expect(Number(await page.locator('#slider').inputValue())).toBeGreaterThan(0);
    expect(await activeAlertIds(page)).toContain(id);
    expect(await page.locator(`.alert-state[data-alert="${id}"][data-selected][data-active]`).count()).toBe(1);
    expect(opened.errors).toEqual([]);
  });
});

describe('report.html of a run with a located emitter and a spoofing alert', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'jamwatch-report-')), 'report.html');
  let opened: OpenPage;

  beforeAll(async () => {
    const land = ringsOf(topologySchema.parse(loadLandTopology('110m')), 'land');
    writeFileSync(file, renderReport(reportInput(land)));
    opened = await open(file);
  });

  afterAll(async () => {
    await opened?.page.close();
  });

  it('steps through the alert states with the slider', async () => {
    const { page } = opened;
    expect(await page.locator('#slider').getAttribute('max')).toBe(String(TICKS - 1));
    // Ticks are 15 s apart: tick 4 is minute 1, 10 is minute 2.5, 14 minute 3.5, 18 minute 4.5, 24 minute 6.
    await moveSlider(page, 4);
    expect(await activeAlertIds(page)).toEqual([]);
    expect(await page.locator('.alert-area:visible').count()).toBe(0);

    await moveSlider(page, 10);
    expect(await activeAlertIds(page)).toEqual([JAM_ID]);
    expect(await page.locator('.emitter:visible').count()).toBe(0);

    await moveSlider(page, 14);
    expect(await activeAlertIds(page)).toEqual([JAM_ID]);
    expect(await page.locator('.emitter:visible').count()).toBe(1);
    const error = page.locator('.emitter-error:visible');
    expect(await error.count()).toBe(1);
    const area = page.locator('.alert-area:visible');
    // The drawn radii keep their ground ratio: 30 km error, 60 km area.
    const ratio = Number(await error.getAttribute('r')) / Number(await area.getAttribute('r'));
    expect(ratio).toBeCloseTo(EMITTER.errorKm / 60, 2);

    await moveSlider(page, 18);
    expect(await activeAlertIds(page)).toEqual([JAM_ID, SPOOF_ID].sort());
    expect(await page.locator('.spoof-target:visible').count()).toBe(1);

    await moveSlider(page, 24);
    expect(await activeAlertIds(page)).toEqual([SPOOF_ID]);
    expect(await page.locator('.emitter:visible').count()).toBe(0);
    expect(await page.locator('#alert-table tr.active').getAttribute('data-alert')).toBe(SPOOF_ID);
    expect(opened.errors).toEqual([]);
    expect(opened.requests).toEqual([opened.url]);
  });

  it('colours the cells of each tick, and leaves cells without craft blank', async () => {
    const { page } = opened;
    const levels = anomalousLevels();
    for (const tick of [0, 9, 10, 11, 12, 16, 21]) {
      await moveSlider(page, tick);
      const shown = await shownLevels(page);
      for (const cell of CELLS) {
        const expected =
          levels.get(tick)?.get(cell) ?? (cell === WEST && tick > WEST_LAST_TICK ? 'absent' : ('none' as const));
        expect(shown.get(cell), `${cell} at tick ${tick}`).toBe(
          typeof expected === 'number' ? LEVELS[expected] : expected,
        );
      }
    }
  });

  it('shows untrusted text as text', async () => {
    const { page } = opened;
    expect(await page.title()).toBe(`test run <${NASTY}>`);
    expect(await page.locator('.summary').textContent()).toContain(NASTY);
    expect(await page.locator(`#alert-table tr[data-alert="${SPOOF_ID}"] .evidence`).textContent()).toContain(
      `${NASTY} 1.23`,
    );
    expect(await page.locator('#alert-table b:text-is("bold")').count()).toBe(0);
  });

  it('plays the run forward from the play button', async () => {
    const { page } = opened;
    await moveSlider(page, 0);
    await page.locator('#play').click();
    await expect
      .poll(async () => Number(await page.locator('#slider').inputValue()), { timeout: 10_000 })
      .toBeGreaterThan(5);
    await page.locator('#play').click();
    const stopped = await page.locator('#slider').inputValue();
    await page.waitForTimeout(300);
    expect(await page.locator('#slider').inputValue()).toBe(stopped);
  });
});
