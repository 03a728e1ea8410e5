/**
 * `plot <figure.json> [--format pdf|svg|png] [--width 3.5in|7in] [--out FILE]`: redraw a figure from
 * its JSON data file alone, without recomputing. A thin wrapper over `redrawFigure` in reports/.
 */
import { SpecError } from '../src/validate.ts';
import { redrawFigure, type FigureFormat, type RedrawOptions } from '../reports/plot.ts';
import type { Args } from './io.ts';

/** The options of `plot`, as typed values. */
export interface PlotOptions extends RedrawOptions {
  figure: string;
}

const FLAGS = new Set(['--format', '--width', '--out']);

/** Turn parsed arguments into PlotOptions, refusing unknown flags and flags without values. */
export function plotOptions(args: Args): PlotOptions {
  const figure = args.positional[0];
  if (figure === undefined || args.positional.length > 1) {
    throw new SpecError('plot <figure.json>', args.positional.join(' ') || undefined, 'one path to a figure JSON file');
  }
  const value = (flag: string): string | undefined => {
    const v = args.flags.get(flag);
    if (v === true) throw new SpecError(flag, true, 'a value');
    return v;
  };
  for (const flag of args.flags.keys()) {
    if (!FLAGS.has(flag)) throw new SpecError('plot flag', flag, [...FLAGS].join(', '));
  }
  const format = value('--format');
  if (format !== undefined && !['pdf', 'svg', 'png'].includes(format)) throw new SpecError('--format', format, 'pdf, svg or png');
  return { figure, format: format as FigureFormat | undefined, width: value('--width'), out: value('--out') };
}

/** Run `plot`: print the path written, and any layout problems the figure check found on stderr. */
export async function plotCommand(options: PlotOptions): Promise<number> {
  const { path, problems } = await redrawFigure(options.figure, options);
  for (const p of problems) process.stderr.write(`figure check: ${p}\n`);
  process.stdout.write(`${path}\n`);
  return 0;
}
