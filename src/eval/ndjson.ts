import type { z } from 'zod';

/**
 * Reads the JSON-lines files that `jamwatch eval` scores (`alerts.ndjson`, `cells.ndjson`): one value per non-blank
 * line, each validated by its schema. A bad line throws with its line number, since an evaluation on a partly read
 * file would be wrong without saying so.
 */
export function parseNdjson<T>(text: string, schema: z.ZodType<T>, what: string): T[] {
  const values: T[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new Error(`${what} line ${i + 1}: not JSON (${(error as Error).message})`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${what} line ${i + 1}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    values.push(parsed.data);
  }
  return values;
}
