import { failure } from '../errors.js';
import { reportSchema } from '../schema/report.js';
import { type Outcome, reported } from './outcome.js';

/**
 * Normalised reports (`jamwatch.report/1`) as JSON text, one per line or Kafka message: the boundary where reports
 * written by other programs come in, so every one is validated against the contract.
 */
export function decodeReportJson(text: string): Outcome {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return failure('JSON_SYNTAX', `not JSON: ${(error as Error).message}`);
  }
  const parsed = reportSchema.safeParse(value);
  if (parsed.success) return reported(parsed.data);
  const issue = parsed.error.issues[0]!;
  const where = issue.path.join('.') || '(report)';
  const code = issue.code === 'too_big' || issue.code === 'too_small' ? 'VALUE_RANGE' : 'JSON_SHAPE';
  return failure(code, `${where}: ${issue.message}`);
}
