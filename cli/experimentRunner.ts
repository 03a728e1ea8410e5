/**
 * Running registered experiments for `run` and `start`: each writes its report to `<out>/<name>/`,
 * caching every finished unit of work under `<cache>` (default `<out>/.cache`) so that a rerun, or a
 * run after an interruption, recomputes only what is missing. Progress and log lines share stderr.
 */
import { join } from 'node:path';
import { experiments } from '../experiments/index.ts';
import { diskCache } from '../experiments/context.ts';
import { createProgress } from '../reports/progress.ts';
import { verdictCounts, writeReport } from '../reports/report.ts';
import { userPath } from './paths.ts';

export interface RunnerOptions {
  quick: boolean;
  /** Output directory, as the user gave it (relative to the caller's directory). */
  out: string;
  /** Cache directory (default `<out>/.cache`). */
  cache?: string;
  /** Ignore cached runs (recompute and overwrite them). */
  fresh: boolean;
  /** The command line that made the reports, stated in each. */
  command: string;
}

/** Run one experiment and write its report; returns the one-line summary with verdict counts. */
export async function runExperiment(name: string, options: RunnerOptions): Promise<string> {
  const started = Date.now();
  const outDir = userPath(options.out);
  const { cached, counts } = diskCache(options.cache === undefined ? join(outDir, '.cache') : userPath(options.cache), options.fresh);
  const bar = createProgress(name, { stream: process.stderr, quantity: 'done' });
  const log = (msg: string): void => bar.log(`[${name}] ${msg}`);
  const data = await experiments[name].run({ quick: options.quick, log, progress: (t, end) => bar.update(t, end), cached });
  bar.stop();
  if (counts.total > 0) log(`reused ${counts.reused} of ${counts.total} runs from the cache${options.fresh ? ' (--fresh: none read)' : ''}`);
  const dir = join(outDir, name);
  const seconds = (Date.now() - started) / 1000;
  await writeReport(dir, data, {
    run: { mode: options.quick ? 'quick' : 'full', command: options.command },
    timing: { seconds, reusedRuns: counts.reused, runs: counts.total },
    order: Object.keys(experiments),
  });
  log(`wrote ${join(options.out, name, 'report.md')} (${seconds.toFixed(1)} s)`);
  return `[${verdictCounts(data.claims)}] ${data.summary}`;
}
