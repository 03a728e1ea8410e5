/**
 * Progress of a long computation in model time: a cli-progress bar with the model time reached and an
 * ETA when the output is a terminal, otherwise plain log lines at most one per `intervalMs`.
 */
import { SingleBar, Presets } from 'cli-progress';

/**
 * Receives (model time reached, end time); `log` writes one line without breaking the bar (on a
 * terminal the bar is cleared, the line written and the bar redrawn below it); `stop` ends the bar or
 * writes the last line.
 */
export interface ProgressReporter {
  update(modelTime: number, endTime: number): void;
  log(line: string): void;
  stop(): void;
}

export interface ProgressOptions {
  /** Where to write; default process.stdout. A bar is drawn only when `stream.isTTY` is true. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Minimum milliseconds between plain log lines (default 5000). */
  intervalMs?: number;
  /** Clock in milliseconds (default Date.now); injectable for tests. */
  now?: () => number;
  /** What the numbers count, shown as `<quantity> = x / end` (default "t", model time). */
  quantity?: string;
}

/** A model time for display: 4 significant digits. */
const show = (t: number): string => String(Number(t.toPrecision(4)));

/** Seconds as "1h02m", "3m05s" or "12s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/**
 * A progress reporter labelled `label`. The ETA extrapolates linearly in model time from the first
 * update (adaptive integrators slow down on stiff stretches, so it is a guide).
 */
export function createProgress(label: string, options: ProgressOptions = {}): ProgressReporter {
  const stream = options.stream ?? process.stdout;
  const now = options.now ?? Date.now;
  const started = now();
  const quantity = options.quantity ?? 't';
  if (stream.isTTY) {
    const bar = new SingleBar(
      {
        stream,
        format: `${label} [{bar}] {percentage}% | ${quantity} = {t} / {T} | ETA {eta_formatted}`,
        hideCursor: true,
        etaBuffer: 50,
        // Redraw even when the text is unchanged, so that `log` can put the bar back after a line.
        forceRedraw: true,
      },
      Presets.shades_classic,
    );
    let begun = false;
    return {
      update(t, T) {
        if (!begun) {
          bar.start(T, 0, { t: show(t), T: show(T) });
          begun = true;
        }
        bar.setTotal(T);
        bar.update(Math.min(t, T), { t: show(t), T: show(T) });
      },
      log(text) {
        if (bar.isActive) {
          stream.write(`\r\x1b[2K${text}\n`);
          bar.render();
        } else {
          stream.write(`${text}\n`);
        }
      },
      stop: () => bar.stop(),
    };
  }
  const interval = options.intervalMs ?? 5000;
  // The first line waits one interval: an ETA from the first instants of a run means little.
  let lastWritten = started;
  let pending: [number, number] | undefined;
  // The ETA is measured from the first update, so that start-up time (loading, building integrals)
  // does not count as progress: remaining = (time since the first update) · (T − t)/(t − t_first).
  let first: { at: number; t: number } | undefined;
  const line = (t: number, T: number): void => {
    const elapsed = (now() - started) / 1000;
    const since = first === undefined ? 0 : (now() - first.at) / 1000;
    const advanced = first === undefined ? 0 : t - first.t;
    const eta = advanced > 0 ? formatDuration((since * (T - t)) / advanced) : '?';
    const percent = T > 0 ? Math.round((100 * t) / T) : 0;
    stream.write(`${label}: ${quantity} = ${show(t)} / ${show(T)} (${percent}%), elapsed ${formatDuration(elapsed)}, ETA ${eta}\n`);
    lastWritten = now();
  };
  return {
    update(t, T) {
      first ??= { at: now(), t };
      pending = [t, T];
      if (now() - lastWritten >= interval) {
        line(t, T);
        pending = undefined;
      }
    },
    log(text) {
      stream.write(`${text}\n`);
    },
    stop() {
      if (pending) line(...pending);
      pending = undefined;
    },
  };
}
