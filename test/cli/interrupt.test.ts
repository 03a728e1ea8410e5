/**
 * Nothing lost: an experiment killed midway keeps its finished runs in the cache and a rerun computes
 * only the rest; an `ode` run stopped by SIGTERM writes what it has with status `interrupted`.
 * These spawn the CLI from source, so they take tens of seconds.
 */
import test from 'ava';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cli, ROOT, spawnCli } from './helpers.ts';

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await condition()) return true;
    await sleep(100);
  }
  return false;
}

const entries = async (dir: string): Promise<string[]> =>
  existsSync(dir) ? (await readdir(dir)).filter((f) => /^[0-9a-f]{32}\.json$/.test(f)) : [];

/** Runs of the quick erf-width experiment: widths × seeds of its sweep. */
const RUNS = 4 * 4;

test('an experiment killed midway keeps its finished runs; the rerun recomputes only the others', async (t) => {
  const out = await mkdtemp(join(tmpdir(), 'popflow-kill-'));
  const cache = join(out, '.cache');
  const child = spawnCli(['run', 'erf-width', '--out', out], ROOT);
  const started = await waitFor(async () => (await entries(cache)).length >= 1, 240_000);
  // SIGKILL: no handler runs, as when a machine or job scheduler kills the process.
  child.kill('SIGKILL');
  t.is(await child.exit, 'SIGKILL');
  t.true(started, 'a first run was cached before the kill');
  const kept = await entries(cache);
  t.true(kept.length >= 1 && kept.length < RUNS, `${kept.length} of ${RUNS} runs cached at the kill`);
  for (const f of kept) {
    const entry = JSON.parse(await readFile(join(cache, f), 'utf8')) as { key: string; value: { status: string } };
    t.is(`${entry.key}.json`, f, 'every cache entry is whole and under its key');
    t.is(entry.value.status, 'success');
  }
  t.false(existsSync(join(out, 'erf-width', 'report.md')), 'no report before the experiment finished');

  const rerun = await cli('run', 'erf-width', '--out', out);
  t.is(rerun.code, 0, rerun.stderr);
  t.regex(rerun.stderr, new RegExp(`reused ${kept.length} of ${RUNS} runs`));
  t.is((await entries(cache)).length, RUNS);
  t.true(existsSync(join(out, 'erf-width', 'report.md')));

  const again = await cli('run', 'erf-width', '--out', out);
  t.regex(again.stderr, new RegExp(`reused ${RUNS} of ${RUNS} runs`));
  const fresh = await cli('run', 'erf-width', '--out', out, '--fresh');
  t.regex(fresh.stderr, new RegExp(`reused 0 of ${RUNS} runs`));
  const leftovers = (await readdir(join(out, 'erf-width'))).filter((f) => f.endsWith('.tmp'));
  t.deepEqual(leftovers, [], 'no temporary files left in the report directory');
});

test('ode stopped by SIGTERM writes the partial trajectory with status interrupted and exits 143', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'popflow-sigterm-'));
  // Discrete GD at a tiny step: 10⁶ cheap steps, long enough to be stopped midway.
  const child = spawnCli(
    ['ode', join(ROOT, 'examples', 'erf-flow.json'), '--set', 'dynamics={"kind":"gd","lr":0.0001}', '--set', 'times.end=100',
      '--out', 'run.json', '--checkpoint', 'partial.json', '--checkpoint-every', '0.5'],
    dir,
  );
  let ended = false;
  void child.exit.then(() => (ended = true));
  const checkpointed = await waitFor(async () => ended || existsSync(join(dir, 'partial.json')), 240_000);
  const endedEarly = ended;
  child.kill('SIGTERM');
  const code = await child.exit;
  t.true(checkpointed && !endedEarly, `a checkpoint was written while the run went on: ${child.output().stderr}`);
  t.is(code, 143, child.output().stderr);
  const partial = JSON.parse(await readFile(join(dir, 'partial.json'), 'utf8')) as { status: string; t: number[] };
  t.is(partial.status, 'interrupted');
  const result = JSON.parse(await readFile(join(dir, 'run.json'), 'utf8')) as { status: string; t: number[]; loss: number[]; provenance: { specHash: string } };
  t.is(result.status, 'interrupted');
  t.true(result.t.length >= 1 && result.t.at(-1)! < 100, `stopped before the end: t = ${result.t.at(-1)}`);
  t.true(result.loss.every(Number.isFinite));
  t.regex(result.provenance.specHash, /^[0-9a-f]{64}$/);
});
