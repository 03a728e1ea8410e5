/** Running the CLI in tests: in-process with captured output, or as a child process from source. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../cli/program.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const MAIN = fileURLToPath(new URL('../../cli/main.ts', import.meta.url));

/** Run the CLI in this process; stdout and stderr are captured (not printed). */
export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((chunk: string | Uint8Array) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await runCli(argv);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
}

/** The environment of a child CLI: npm's INIT_CWD and package variables removed, so paths resolve from `cwd`. */
export function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k === 'INIT_CWD' || k.startsWith('npm_')) delete env[k];
  return env;
}

/** Start the CLI from source (through tsx) as a child process in `cwd`. */
export function spawnCli(argv: string[], cwd: string): ChildProcess & { output: () => { stdout: string; stderr: string }; exit: Promise<number | string> } {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), MAIN, ...argv], { cwd, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += String(d)));
  child.stderr!.on('data', (d) => (stderr += String(d)));
  // Listen from the start, so that an early exit is not missed.
  const exit = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? String(signal))));
  return Object.assign(child, { output: () => ({ stdout, stderr }), exit });
}
