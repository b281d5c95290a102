import { JamwatchError } from '../errors.js';

/**
 * Runs a command body and turns a JamwatchError into one clear message and exit code 1 (2 for usage errors),
 * instead of a stack trace. Anything else is a bug and keeps its stack.
 */
export async function runCommand(body: () => unknown): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof JamwatchError) {
      process.stderr.write(`jamwatch: ${error.code}: ${error.message}\n`);
      process.exitCode = error.code === 'USAGE' ? 2 : 1;
      return;
    }
    throw error;
  }
}
