/** `popflow plot <figure.json>`: redraw a figure from its JSON data file alone, without recomputing. */
import { Option, type Command } from 'commander';
import { FIGURE_FORMATS, redrawFigure, type FigureFormat } from '../../reports/plot.ts';
import { userPath } from '../paths.ts';

interface PlotOptions {
  format?: FigureFormat;
  width?: string;
  out?: string;
}

export function register(program: Command): void {
  program
    .command('plot')
    .summary('redraw a figure from its JSON data file')
    .description(
      'Redraw a figure from the JSON file written beside it (its data and styling), as PDF (default), SVG or PNG, ' +
        'at one-column (3.5in) or two-column (7in) width, without recomputing anything. Layout problems found ' +
        'by the figure check are printed on stderr.',
    )
    .argument('<figure.json>', 'a figure data file written by a run, e.g. out/erf-width/loss.json')
    .addOption(new Option('--format <format>', 'output format').choices([...FIGURE_FORMATS]))
    .option('--width <width>', 'figure width: 3.5in, 7in, or any length in in, cm, mm or pt')
    .option('-o, --out <file>', 'output file (default: beside the JSON, with the format as extension)')
    .addHelpText('after', '\nExamples:\n  $ npx popflow plot out/erf-width/loss.json --format pdf --width 3.5in\n  $ npx popflow plot reports/saad-solla/plateau.json --format svg --out plateau.svg')
    .action(async (figure: string, opts: PlotOptions) => {
      const { path, problems } = await redrawFigure(userPath(figure), { ...opts, out: opts.out === undefined ? undefined : userPath(opts.out) });
      for (const p of problems) process.stderr.write(`figure check: ${p}\n`);
      process.stdout.write(`${path}\n`);
    });
}
