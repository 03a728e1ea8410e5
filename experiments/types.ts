/**
 * The experiment contract: an experiment computes and returns report data; it never writes files or
 * draws figures itself (the CLI hands the data to `writeReport`).
 */
import type { ReportData } from '../reports/report.ts';

/** What the runner gives an experiment. */
export interface ExperimentContext {
  /** Small sizes that finish in well under a minute (CI and tests); false for the full experiment. */
  quick: boolean;
  /** One line of human-readable progress or diagnostics. */
  log: (msg: string) => void;
  /** Work done so far out of the total (runs finished, or model time reached), for a progress bar; optional. */
  progress?: (modelTime: number, endTime: number) => void;
  /**
   * Run one unit of work (one ODE solve, one simulation seed, …) described by `spec`, through the
   * runner's run cache: a finished run of the same spec by the same code is returned without being
   * recomputed. `spec` must name everything the result depends on (with defaults filled in). The
   * value must survive a JSON round trip: without a cache it is round-tripped all the same
   * ({@link uncached}), so an experiment behaves identically with and without one.
   */
  cached<T>(spec: unknown, compute: () => Promise<T> | T): Promise<T>;
}

/** One reproducible experiment: `run` computes and returns the data of its report. */
export interface Experiment {
  /** Registry key and report directory name, e.g. "arxiv-2101-04243". */
  name: string;
  title: string;
  run(ctx: ExperimentContext): Promise<ReportData>;
  /**
   * The experiment's ODE runs as a sweep spec (quick or full), for experiments whose runs are one:
   * `popflow sweep submit experiment:<name>` then computes them on any executor into the run cache
   * that `run` reads. The runs `run` makes through `ctx.cached` must be exactly these.
   */
  sweep?(quick: boolean): unknown;
}
