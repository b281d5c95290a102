import { z } from 'zod';
import { alertSchema } from '../schema/alert.js';
import { deadletterSchema } from '../schema/deadletter.js';
import { reportSchema } from '../schema/report.js';

/**
 * JSON Schema files of the message contracts, generated from the zod schemas, for programs in other languages:
 * docs/schemas/<name>.schema.json. `jamwatch docs` writes them; a test checks they are current.
 */
export const CONTRACTS = {
  report: reportSchema,
  alert: alertSchema,
  deadletter: deadletterSchema,
} as const;

export function jsonSchemaText(name: keyof typeof CONTRACTS): string {
  return `${JSON.stringify(z.toJSONSchema(CONTRACTS[name]), null, 2)}\n`;
}
