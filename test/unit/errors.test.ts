import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { updateReadme } from '../../src/cli/readme-tables.js';

describe('README generated tables', () => {
  it('document every configuration key, error code and ignored reason (regenerate: npm run docs)', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    expect(updateReadme(readme)).toBe(readme);
  });
});
