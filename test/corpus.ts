import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The shared real-feed corpus lives beside the checkout (../shared/data), never inside the repository. */
export const CORPUS_DIR = resolve(import.meta.dirname, '../../shared/data');

/** Path of a corpus file; throws one clear line when the corpus folder or the file is missing. */
export function corpusPath(...parts: string[]): string {
  if (!existsSync(CORPUS_DIR)) {
    throw new Error(
      `real-feed corpus not found at ${CORPUS_DIR}: check out jamwatch beside ../shared (CI always has it)`,
    );
  }
  const path = resolve(CORPUS_DIR, ...parts);
  if (!existsSync(path)) throw new Error(`corpus file missing: ${path}`);
  return path;
}
