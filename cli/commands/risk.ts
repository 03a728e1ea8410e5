/** `popflow risk <spec>`: the population risk of a model as a formula, with the integrals it uses. */
import type { Command } from 'commander';
import { parseCommitteeSpec } from '../../src/committee/index.ts';
import { riskFormula } from '../../src/integrals/index.ts';
import { collect, emit } from '../output.ts';
import { readSpecJson } from '../spec.ts';

interface RiskOptions {
  latex?: boolean;
  out?: string;
  set?: string[];
}

/** Placeholders for the parts of a spec that the risk does not use, so that only `model` is checked. */
const UNUSED = { dynamics: { kind: 'gradient-flow' }, init: { kind: 'random', d: 10_000, scale: 1, seed: 0 }, times: [0, 1] };

export function register(program: Command): void {
  program
    .command('risk')
    .summary('the population risk of a model as a formula')
    .description(
      'Print the population risk ε_g(Q, R, T) of a committee model in closed form, with the Gaussian integrals it uses. ' +
        'Only the model is read: a full spec (its "model" field) or a file holding just the model object.',
    )
    .argument('<spec>', 'committee spec or model (JSON)')
    .option('--latex', 'LaTeX instead of plain text')
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .option('--set <path=value>', 'override a field, e.g. model.activation=tanh (repeatable)', collect)
    .addHelpText('after', '\nExamples:\n  $ npx popflow risk examples/erf-flow.json\n  $ npx popflow risk examples/quadratic-risk.json --latex')
    .action(async (file: string, opts: RiskOptions) => {
      const json = readSpecJson(file, opts.set);
      const model = 'model' in json ? json.model : json;
      const { activation, teacherActivation, a, aStar } = parseCommitteeSpec({ ...UNUSED, model }).model;
      const formula = riskFormula({ activation, teacherActivation, a, aStar }, { latex: opts.latex === true });
      await emit(opts.out, formula.document + '\n');
    });
}
