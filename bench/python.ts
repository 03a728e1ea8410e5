/**
 * The python side of the benchmarks: numpy/scipy scripts in bench/ that read a JSON job on stdin and
 * write JSON on stdout. numpy runs with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (they may be set on
 * this kind of machine and slow OpenBLAS down).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The environment for python3 + numpy: this process's, without the OpenBLAS overrides. */
export function numpyEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

/** The path of a script in bench/. */
export const benchScript = (name: string): string => fileURLToPath(new URL(`./${name}`, import.meta.url));

/** Run bench/`name` with `job` as JSON on stdin and return its JSON output; throws with python's stderr on failure. */
export function runPythonJob<T>(name: string, job: object): T {
  const script = benchScript(name);
  const child = spawnSync('python3', [script], { input: JSON.stringify(job), encoding: 'utf8', maxBuffer: 1 << 30, env: numpyEnv() });
  if (child.status !== 0) throw new Error(`python3 ${script} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as T;
}
