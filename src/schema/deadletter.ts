import { z } from 'zod';

/**
 * A dead letter (`jamwatch.deadletter`): bad input with the reason, so that nothing is lost silently and a person
 * can see what was wrong. `raw` holds the input as it came: text as is, binary (Beast) as base64.
 */
export const DEADLETTER_SCHEMA_ID = 'jamwatch.deadletter/1';

export const deadletterSchema = z.object({
  schema: z.literal(DEADLETTER_SCHEMA_ID),
  /** Error code from the closed list in src/errors.ts. */
  code: z.string(),
  detail: z.string(),
  /** Where the input came from: a file path, a URL, or a topic and partition/offset. */
  source: z.string(),
  raw: z.string(),
  encoding: z.enum(['utf8', 'base64']),
  /** Wall time the input was rejected, ms since the epoch. */
  at: z.number().int().min(0),
});

export type DeadLetter = z.infer<typeof deadletterSchema>;
