import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const MAIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');

export interface RunningCli {
  child: ChildProcess;
  /** Resolves with the exit code once the process is gone. */
  exit: Promise<number | null>;
  stdout(): string;
  stderr(): string;
}

/** Starts the built `jamwatch` CLI (npm test builds it first) with extra environment, for tests that signal it. */
export function startCli(args: string[], env: Record<string, string>): RunningCli {
  const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const exit = new Promise<number | null>((done) => child.once('close', (code) => done(code)));
  return { child, exit, stdout: () => stdout, stderr: () => stderr };
}

/** Runs the CLI to its end; resolves with its output. */
export async function runCli(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = startCli(args, env);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => {
      run.child.kill('SIGKILL');
      fail(new Error(`jamwatch ${args.join(' ')} did not finish in ${timeoutMs} ms\n${run.stderr()}`));
    }, timeoutMs);
  });
  try {
    const code = await Promise.race([run.exit, timeout]);
    return { code, stdout: run.stdout(), stderr: run.stderr() };
  } finally {
    clearTimeout(timer);
  }
}
