/**
 * Executors for sweeps. Both run the same command per shard, `popflow sweep run <file> --shard i
 * --shards n`, so a shard does the same work wherever it runs; they differ only in who starts it:
 * - local: a pool of child processes on this machine, one per core by default;
 * - slurm: one array job, `sbatch --array=0-(n−1)%K`, each task taking `$SLURM_ARRAY_TASK_ID`.
 */
import { execFile, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeFileAtomic } from './atomicWrite.ts';

const run = promisify(execFile);

/** How to start popflow again from this process: node, its flags (e.g. the tsx loader), the entry script. */
export function popflowCommand(): string[] {
  return [process.execPath, ...process.execArgv, process.argv[1]];
}

/**
 * Run shards 0 … shards−1 as child processes, at most `parallel` at once (default: the cores), each
 * `command ++ [--shard, i, --shards, n]`. Their stdout lines go to `onLine`; resolves with each
 * shard's exit code.
 */
export async function runLocalPool(
  command: string[],
  shards: number,
  options: { parallel?: number; onLine?: (shard: number, line: string) => void; cwd?: string } = {},
): Promise<number[]> {
  const parallel = Math.max(1, Math.min(options.parallel ?? availableParallelism(), shards));
  const codes = new Array<number>(shards).fill(-1);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < shards) {
      const shard = next++;
      codes[shard] = await new Promise<number>((done) => {
        const child = spawn(command[0], [...command.slice(1), '--shard', String(shard), '--shards', String(shards)], {
          cwd: options.cwd,
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let buffer = '';
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk: string) => {
          buffer += chunk;
          const lines = buffer.split('\n');
          buffer = lines.pop()!;
          for (const l of lines) options.onLine?.(shard, l);
        });
        child.on('close', (code) => done(code ?? 1));
      });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return codes;
}

/** Options of a SLURM submission (each maps to an `#SBATCH` line; absent ones are left to the cluster). */
export interface SlurmOptions {
  partition?: string;
  /** Wall-time limit per task, SLURM syntax ("30:00", "2:00:00"). */
  time?: string;
  /** Memory per task, SLURM syntax ("4G"). */
  mem?: string;
  /** Most tasks running at once (the `%K` of `--array`). */
  arrayParallelism?: number;
  /** Array indices to submit (default all shards): resubmit a failed task alone with [k]. */
  tasks?: number[];
}

/**
 * The batch script of a sweep: `#SBATCH` lines from the options, then the shard command with
 * `$SLURM_ARRAY_TASK_ID`. Logs go to `<dir>/slurm/%A_%a.out`. Pure text: the caller writes it.
 */
export function slurmScript(name: string, dir: string, command: string[], shards: number, o: SlurmOptions, cwd: string): string {
  const quote = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const tasks = o.tasks && o.tasks.length > 0 ? o.tasks.join(',') : `0-${shards - 1}`;
  const lines = [
    '#!/bin/bash',
    `#SBATCH --job-name=popflow-${name}`,
    `#SBATCH --array=${tasks}${o.arrayParallelism ? `%${o.arrayParallelism}` : ''}`,
    `#SBATCH --output=${join(dir, 'slurm', '%A_%a.out')}`,
    '#SBATCH --ntasks=1',
    '#SBATCH --cpus-per-task=1',
  ];
  if (o.partition) lines.push(`#SBATCH --partition=${o.partition}`);
  if (o.time) lines.push(`#SBATCH --time=${o.time}`);
  if (o.mem) lines.push(`#SBATCH --mem=${o.mem}`);
  lines.push(
    `cd ${quote(cwd)}`,
    `exec ${command.map(quote).join(' ')} --shard "$SLURM_ARRAY_TASK_ID" --shards ${shards}`,
    '',
  );
  return lines.join('\n');
}

/** Write the script to `<dir>/slurm/job.sh` and submit it with `sbatch --parsable`; returns the job id. */
export async function submitSlurm(script: string, dir: string): Promise<{ jobId: string; scriptPath: string }> {
  const scriptPath = join(dir, 'slurm', 'job.sh');
  await writeFileAtomic(scriptPath, script);
  let stdout: string;
  try {
    ({ stdout } = await run('sbatch', ['--parsable', scriptPath]));
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    throw new Error(err.code === 'ENOENT' ? 'sbatch not found: is this a SLURM login node?' : `sbatch failed: ${(err.stderr ?? err.message).trim()}`);
  }
  return { jobId: stdout.trim().split(';')[0], scriptPath };
}
