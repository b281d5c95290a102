import { failure } from '../errors.js';
import type { Outcome } from './outcome.js';
import { checkReport } from './report-check.js';

/**
 * Normalised reports (`jamwatch.report/1`) as JSON text, one per line or Kafka message: the boundary where reports
 * written by other programs come in, so every one is validated against the contract (by `checkReport`, which gives
 * zod's verdict on `reportSchema` at a fifth of its cost).
 */
export function decodeReportJson(text: string): Outcome {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return failure('JSON_SYNTAX', `not JSON: ${(error as Error).message}`);
  }
  return checkReport(value);
}
