import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACTS, jsonSchemaText } from '../../src/cli/json-schemas.js';
import { updateReadme } from '../../src/cli/readme-tables.js';

describe('README generated tables', () => {
  it('document every configuration key, error code and ignored reason (regenerate: npm run docs)', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    expect(updateReadme(readme)).toBe(readme);
  });

  it.each(Object.keys(CONTRACTS) as Array<keyof typeof CONTRACTS>)(
    'has a current docs/schemas/%s.schema.json (npm run docs)',
    (name) => {
      const file = resolve(import.meta.dirname, `../../docs/schemas/${name}.schema.json`);
      expect(readFileSync(file, 'utf8')).toBe(jsonSchemaText(name));
    },
  );
});
