/**
 * `popflow compare <spec>`: the ODE and the finite-d simulation from shared initial conditions, as a
 * report (overlay figures, deviation table). Wall-clock times go to the report's `timing` section, so
 * two runs of the same spec give identical data files otherwise.
 */
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { BACKEND_CHOICES, compareOdeAndSimulation } from '../../src/simulate/index.ts';
import { createProgress } from '../../reports/progress.ts';
import { writeReport } from '../../reports/report.ts';
import { collect, commandLine } from '../output.ts';
import { userPath } from '../paths.ts';
import { readSpecJson } from '../spec.ts';

interface CompareOptions {
  backend?: string;
  out?: string;
  set?: string[];
}

export function register(program: Command): void {
  program
    .command('compare')
    .summary('ODE versus simulation from shared initial conditions')
    .description(
      'Simulate a finite-d network (online SGD or full-batch GD, several data seeds), start the ODE from its measured ' +
        'initial overlaps, and write a report with the overlays and the deviation against its tolerance. ' +
        'Exit code 0 when every d is within tolerance, 1 otherwise.',
    )
    .argument('<spec>', 'simulation spec (JSON); "d" may be a list of dimensions')
    .addOption(new Option('--backend <name>', 'simulation backend').choices(BACKEND_CHOICES))
    .option('-o, --out <dir>', 'report directory (default: out/compare)')
    .option('--set <path=value>', 'override a spec field, e.g. lr=0.2 (repeatable)', collect)
    .addHelpText('after', '\nExample:\n  $ npx popflow compare examples/compare-sgd.json --backend js --out out/compare-sgd')
    .action(async (file: string, opts: CompareOptions) => {
      const json = readSpecJson(file, opts.set);
      if (opts.backend !== undefined) json.backend = opts.backend;
      const out = opts.out ?? join('out', 'compare');
      const bar = createProgress('compare', { stream: process.stderr });
      const started = Date.now();
      const result = await compareOdeAndSimulation(json, { log: (msg) => bar.log(`[compare] ${msg}`), progress: (t, end) => bar.update(t, end) });
      bar.stop();
      const wallSeconds = result.simulations.map((s) => s.timing.wallSeconds);
      const simulations = result.simulations.map(({ timing: _, ...rest }) => rest);
      await writeReport(userPath(out), { ...result, simulations } as typeof result, {
        run: { mode: 'full', command: commandLine() },
        timing: { seconds: (Date.now() - started) / 1000, simulationSeconds: wallSeconds },
      });
      for (const row of result.deviations) {
        process.stdout.write(
          `d = ${row.d}: max |Δε_g| = ${row.maxAbs.toExponential(3)}, final |Δε_g| = ${row.finalAbs.toExponential(3)}, max relative ${row.maxRel.toExponential(3)} (tolerance ${row.tolerance.toExponential(3)}) ${row.within ? 'within' : 'OUTSIDE'}\n`,
        );
      }
      process.stdout.write(`report: ${join(out, 'report.html')}\n`);
      process.exitCode = result.deviations.every((r) => r.within) ? 0 : 1;
    });
}
