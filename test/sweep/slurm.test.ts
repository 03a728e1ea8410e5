/**
 * Sweeps against a real SLURM scheduler: the one-node cluster of scripts/slurm-up (munge, slurmctld,
 * slurmd). Where none can be started (no slurm-wlm, not root), the tests skip with a notice.
 */
import test from 'ava';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const up = spawnSync(join(root, 'scripts', 'slurm-up'), { encoding: 'utf8' });
const haveSlurm = up.status === 0;
if (!haveSlurm) {
  process.stderr.write(`slurm tests: SKIPPED — no SLURM cluster could be started (${(up.stderr || up.error?.message || '').trim()})\n`);
}
const maybe = haveSlurm ? test.serial : test.skip;

const popflow = (args: string[]): { status: number; stdout: string; stderr: string } => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'cli', 'main.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
};

/** Wait until no task of `job` is pending or running (squeue lists nothing for it). */
async function waitForJob(job: string, seconds = 240): Promise<void> {
  for (let i = 0; i < seconds; i++) {
    const out = execFileSync('squeue', ['-h', '-j', job], { encoding: 'utf8' });
    if (out.trim() === '') return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`job ${job} still queued after ${seconds} s`);
}

const spec = {
  model: { activation: 'erf', a: [1, 1], aStar: [1, 1] },
  dynamics: { kind: 'gradient-flow' },
  init: { kind: 'random', d: 200, scale: 0.5, seed: 1 },
  times: { end: 20, points: 6, spacing: 'linear' },
};

maybe('an array job runs the sweep; a cancelled task is resubmitted alone; the collected table equals the local executor’s', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'popflow-slurm-'));
  const file = join(dir, 'seeds.sweep.json');
  await writeFile(file, JSON.stringify({ name: 'seeds', base: spec, grid: { 'init.seed': { range: [1, 4] } } }));
  const slurmOut = join(dir, 'slurm-out');

  // Two tasks at a time: tasks 2 and 3 wait, and task 3 is cancelled before it starts.
  const submitted = popflow(['sweep', 'submit', file, '--executor', 'slurm', '--array-parallelism', '2', '--out', slurmOut]);
  t.is(submitted.status, 0, submitted.stderr);
  const job = /submitted job (\d+)/.exec(submitted.stdout)![1];
  execFileSync('scancel', [`${job}_3`]);
  await waitForJob(job);
  const partial = popflow(['sweep', 'status', file, '--out', slurmOut]);
  t.is(partial.status, 1);
  t.regex(partial.stdout, /3\/4 done, 0 running, 0 failed, 1 missing/);
  t.regex(partial.stdout, /missing\trun 3\t\{"init\.seed":4\}/);

  const again = popflow(['sweep', 'submit', file, '--executor', 'slurm', '--tasks', '3', '--out', slurmOut]);
  t.is(again.status, 0, again.stderr);
  await waitForJob(/submitted job (\d+)/.exec(again.stdout)![1]);
  const done = popflow(['sweep', 'status', file, '--out', slurmOut]);
  t.is(done.status, 0, done.stdout);

  const collected = popflow(['sweep', 'collect', file, '--out', slurmOut]);
  t.is(collected.status, 0, collected.stderr);

  const localOut = join(dir, 'local-out');
  const local = popflow(['sweep', 'submit', file, '--executor', 'local', '--out', localOut]);
  t.is(local.status, 0, local.stderr);
  t.is(popflow(['sweep', 'collect', file, '--out', localOut]).status, 0);
  const table = (out: string): Promise<string> => readFile(join(out, 'sweeps', 'seeds', 'collected.csv'), 'utf8');
  t.is(await table(slurmOut), await table(localOut));

  // A rerun after completion does no work.
  const rerun = popflow(['sweep', 'run', file, '--out', slurmOut]);
  t.regex(rerun.stdout, /0 computed, 4 reused from the cache, 0 failed/);
});
