import { checkReport } from '../decode/report-check.js';
import { decodeReportJson } from '../decode/report-json.js';
import { reportSchema } from '../schema/report.js';
import { generateEntityReports } from './core-entity.js';

/**
 * Cost per report of the worker's boundary (`decodeReportJson`) and of its parts, on the worker bench's traffic
 * (core-entity.ts: 90 % aircraft with integrity fields, 10 % vessels) as the JSON texts the worker receives:
 * JSON.parse alone, zod's `reportSchema.safeParse` and the hand-written `checkReport` on the parsed values, and the
 * whole boundary with each of them. Set-up (generating, serialising, parsing) is outside the timed part. Each
 * measure repeats passes over the same reports, after one warm-up pass, until `minSeconds` of CPU time are spent,
 * and keeps the fastest pass in CPU time (process user + system): on a shared machine wall time measures the
 * neighbours.
 */
export interface ValidateBenchRow {
  step: string;
  microsPerReport: number;
  perSecond: number;
}

const CRAFT = 1_000;
const REPORTS = 100_000;

export function benchReportValidate(minSeconds = 1): ValidateBenchRow[] {
  const texts = generateEntityReports(CRAFT, REPORTS).map((report) => JSON.stringify(report));
  const values: unknown[] = texts.map((text) => JSON.parse(text));
  const steps: [string, () => number][] = [
    ['JSON.parse', () => parseAll(texts)],
    ['zod reportSchema.safeParse', () => zodAll(values)],
    ['checkReport', () => checkAll(values)],
    ['JSON.parse + zod (before)', () => parseAndZodAll(texts)],
    ['decodeReportJson (JSON.parse + checkReport)', () => decodeAll(texts)],
  ];
  return steps.map(([step, pass]) => {
    if (pass() !== REPORTS) throw new Error(`${step}: not every generated report was accepted`);
    let best = Number.POSITIVE_INFINITY;
    let spent = 0;
    while (spent < minSeconds) {
      const before = process.cpuUsage();
      pass();
      const used = process.cpuUsage(before);
      const seconds = (used.user + used.system) / 1e6;
      best = Math.min(best, seconds);
      spent += seconds;
    }
    return { step, microsPerReport: (best * 1e6) / REPORTS, perSecond: REPORTS / best };
  });
}

function parseAll(texts: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < texts.length; i++) if (JSON.parse(texts[i]!) !== null) n++;
  return n;
}

function zodAll(values: readonly unknown[]): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (reportSchema.safeParse(values[i]).success) n++;
  return n;
}

function checkAll(values: readonly unknown[]): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (checkReport(values[i]).ok) n++;
  return n;
}

function parseAndZodAll(texts: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < texts.length; i++) if (reportSchema.safeParse(JSON.parse(texts[i]!)).success) n++;
  return n;
}

function decodeAll(texts: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < texts.length; i++) if (decodeReportJson(texts[i]!).ok) n++;
  return n;
}
