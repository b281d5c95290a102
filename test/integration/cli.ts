import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** Runs the built `jamwatch` CLI (npm test builds it first) with extra environment; resolves with its output. */
export function runCli(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const main = resolve(import.meta.dirname, '../../dist/src/cli/main.js');
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [main, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`jamwatch ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}
