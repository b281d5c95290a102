import { EntityStage } from '../core/entity/entity-stage.js';
import { isFailure } from '../decode/json-field.js';
import { checkObservation } from '../decode/observation-check.js';
import { checkReport } from '../decode/report-check.js';
import { decodeReportJson } from '../decode/report-json.js';
import { observationSchema } from '../schema/observation.js';
import { reportSchema } from '../schema/report.js';
import { generateEntityReports } from './core-entity.js';

/**
 * Cost per record of the worker's boundaries, on the worker bench's traffic (core-entity.ts: 90 % aircraft with
 * integrity fields, 10 % vessels) as the JSON texts the worker receives, and of their parts: JSON.parse alone, zod's
 * safeParse and the hand-written check on the parsed values, and the whole boundary with each of them. Reports as
 * the entity tasks read them (`decodeReportJson`), observations as the region tasks read them (the entity stage's
 * output for that traffic: JSON.parse + `checkObservation`). Set-up (generating, running the entity stage,
 * serialising, parsing) is outside the timed part. Each measure repeats passes over the same records, after one
 * warm-up pass, until `minSeconds` of CPU time are spent, and keeps the fastest pass in CPU time (process user +
 * system): on a shared machine wall time measures the neighbours.
 */
export interface ValidateBenchRow {
  step: string;
  microsPerRecord: number;
  perSecond: number;
}

const CRAFT = 1_000;
const REPORTS = 100_000;
/** The worker bench's 1M reports of 10k craft: ~110k observations, ~11 per craft. */
const OBSERVATION_CRAFT = 10_000;
const OBSERVATION_REPORTS = 1_000_000;

export function benchReportValidate(minSeconds = 1): ValidateBenchRow[] {
  const texts = generateEntityReports(CRAFT, REPORTS).map((report) => JSON.stringify(report));
  const values: unknown[] = texts.map((text) => JSON.parse(text));
  return measureSteps(
    [
      ['JSON.parse', () => parseAll(texts)],
      ['zod reportSchema.safeParse', () => zodAll(reportSchema, values)],
      ['checkReport', () => checkReportAll(values)],
      ['JSON.parse + zod (before)', () => parseAndZodAll(reportSchema, texts)],
      ['decodeReportJson (JSON.parse + checkReport)', () => decodeAll(texts)],
    ],
    texts.length,
    minSeconds,
  );
}

export function benchObservationValidate(minSeconds = 1): ValidateBenchRow[] {
  const stage = new EntityStage();
  const texts: string[] = [];
  for (const report of generateEntityReports(OBSERVATION_CRAFT, OBSERVATION_REPORTS)) {
    const obs = stage.process(report);
    if (obs !== null) texts.push(JSON.stringify(obs));
  }
  const values: unknown[] = texts.map((text) => JSON.parse(text));
  return measureSteps(
    [
      ['JSON.parse', () => parseAll(texts)],
      ['zod observationSchema.safeParse', () => zodAll(observationSchema, values)],
      ['checkObservation', () => checkObservationAll(values)],
      ['JSON.parse + zod (before)', () => parseAndZodAll(observationSchema, texts)],
      ['JSON.parse + checkObservation (region task)', () => parseAndCheckObservationAll(texts)],
    ],
    texts.length,
    minSeconds,
  );
}

/** Each step's fastest pass over `records` records; a pass returns how many it accepted (all must be). */
function measureSteps(steps: [string, () => number][], records: number, minSeconds: number): ValidateBenchRow[] {
  return steps.map(([step, pass]) => {
    if (pass() !== records) throw new Error(`${step}: not every generated record was accepted`);
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
    return { step, microsPerRecord: (best * 1e6) / records, perSecond: records / best };
  });
}

function parseAll(texts: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < texts.length; i++) if (JSON.parse(texts[i]!) !== null) n++;
  return n;
}

function zodAll(schema: typeof reportSchema | typeof observationSchema, values: readonly unknown[]): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (schema.safeParse(values[i]).success) n++;
  return n;
}

function checkReportAll(values: readonly unknown[]): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (checkReport(values[i]).ok) n++;
  return n;
}

function checkObservationAll(values: readonly unknown[]): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!isFailure(checkObservation(values[i]))) n++;
  return n;
}

function parseAndZodAll(schema: typeof reportSchema | typeof observationSchema, texts: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < texts.length; i++) if (schema.safeParse(JSON.parse(texts[i]!)).success) n++;
  return n;
}

function decodeAll(texts: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < texts.length; i++) if (decodeReportJson(texts[i]!).ok) n++;
  return n;
}

function parseAndCheckObservationAll(texts: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < texts.length; i++) if (!isFailure(checkObservation(JSON.parse(texts[i]!)))) n++;
  return n;
}
