/**
 * The committee-machine spec as a zod schema: the JSON a user writes, with every default filled in by
 * the schema. The JSON Schema in `schema/` is generated from it (`npm run schema`). Checks that tie
 * fields together (shapes against m and m*, positive semidefinite overlaps, activation expressions,
 * increasing times) are in `checks.ts`.
 */
import { z } from 'zod';
import { METHOD_NAMES } from '../../solvers/types.ts';
import { BUILT_IN_ACTIVATIONS } from '../integrals/activation.ts';
import { strictObject } from './zod.ts';

const positive = () => z.number().positive();
const nonNegative = () => z.number().min(0);
export const matrix = (what: string) => z.array(z.array(z.number())).describe(what);
export const schemaKey = z.string().describe('URL or path of this JSON Schema, for editors (ignored by popflow).').optional();

export const activation = z
  .string()
  .min(1)
  .describe(`A built-in name (${Object.keys(BUILT_IN_ACTIVATIONS).join(', ')}) or a mathjs expression in x, such as "tanh(x)".`);

export const modelSchema = strictObject(
  {
    kind: z.literal('committee').default('committee'),
    activation: activation.describe('Student activation σ. ' + activation.description),
    teacherActivation: activation.describe('Teacher activation σ* (default: the student activation).').optional(),
    a: z.array(z.number()).min(1).describe('Student second-layer weights (initial values when trained); m = a.length.'),
    aStar: z.array(z.number()).min(1).describe('Teacher second-layer weights; m* = aStar.length.'),
    trainSecondLayer: z.boolean().default(false).describe('Train the student second layer a.'),
    noise: nonNegative().default(0).describe('Label-noise standard deviation (enters the online-SGD noise term).'),
  },
  'A two-layer committee machine: student Σ_j a_j σ(w_j·x/√d) learning teacher Σ_k a*_k σ*(w*_k·x/√d).',
);

export const gradientFlow = strictObject({ kind: z.literal('gradient-flow') }, 'Gradient flow on the population risk.');
export const onlineSgd = strictObject(
  {
    kind: z.literal('online-sgd'),
    lr: positive().describe('Learning rate η of the first layer.'),
    lrSecondLayer: nonNegative().optional().describe('Learning rate of the second layer (default: lr).'),
    weightDecay: nonNegative().default(0).describe('Weight decay λ (ODE only).'),
  },
  'Online SGD, one fresh sample per step; time α = steps/d.',
);
export const gd = strictObject(
  {
    kind: z.literal('gd'),
    lr: positive().describe('Step size η; iterate k sits at t = kη.'),
    tolerance: positive().default(1e-3).describe('Relative gap between GD and the flow that counts as leaving the flow.'),
  },
  'Full-batch gradient descent on the population risk (the exact overlap map).',
);
export const dynamicsSchema = z.discriminatedUnion('kind', [gradientFlow, onlineSgd, gd]);

const overlapsInit = strictObject(
  {
    kind: z.literal('overlaps').default('overlaps'),
    Q: matrix('Student-student overlaps, m×m, symmetric.'),
    R: matrix('Student-teacher overlaps, m×m*.'),
    T: matrix('Teacher-teacher overlaps, m*×m*, symmetric; [[Q, R], [Rᵀ, T]] must be positive semidefinite.'),
  },
  'Initial overlaps given directly.',
);
const randomInit = strictObject(
  {
    kind: z.literal('random'),
    d: z.int().min(1).describe('Input dimension of the random draw (at least m and m*).'),
    scale: positive().describe('Standard deviation of the student weight entries.'),
    seed: z.int().min(0).default(1).describe('Seed of the draw.'),
  },
  'Overlaps of random weights at dimension d: teacher orthonormal rows scaled by √d, student entries N(0, scale²).',
);
const simulationInit = strictObject(
  {
    kind: z.literal('fromSimulation').default('fromSimulation'),
    fromSimulation: z.string().min(1).describe('Path of an initial-overlaps file written by a simulation.'),
  },
  "A simulation's initial overlaps, read from its file.",
);
export const committeeInitSchema = z.union([overlapsInit, randomInit, simulationInit], {
  error: () => '{"Q", "R", "T"} (overlaps), {"kind": "random", "d", "scale", "seed"} or {"fromSimulation": file}',
});

export const timesList = z.array(nonNegative()).min(2).describe('Output times, non-negative and strictly increasing.');
export const timesRange = strictObject(
  {
    end: positive().describe('Last output time.'),
    points: z.int().min(2).max(1_000_000).describe('Number of output times, t = 0 included.'),
    spacing: z.enum(['linear', 'log']).default('linear').describe('linear on [0, end], or t = 0 then geometric from min to end.'),
    min: positive().optional().describe('First positive time of log spacing (default end·10⁻⁴).'),
  },
  'Evenly spaced output times.',
);
export const timesSchema = z.union([timesList, timesRange], { error: () => 'a list of output times, or {"end", "points", "spacing", "min"}' });

export const solverSchema = strictObject(
  {
    method: z.enum(METHOD_NAMES).default('dopri5').describe('Integrator.'),
    rtol: z.number().min(1e-15).max(1).default(1e-10).describe('Relative tolerance.'),
    atol: positive().default(1e-12).describe('Absolute tolerance.'),
    maxSteps: z.int().min(1).default(1_000_000).describe('Step budget.'),
  },
  'ODE integrator settings.',
);

export const stopSchema = strictObject(
  { lossBelow: positive().optional().describe('Stop when ε_g falls below this value (time-to-ε).') },
  'Terminal condition.',
);

export const eventsSchema = strictObject(
  {
    lossBelow: z.array(positive()).default([]).describe('Record when ε_g first falls below each threshold.'),
    plateauSlope: positive().optional().describe('Plateau entry/exit when |d ln ε_g / d ln t| crosses this value.'),
    specialisation: z.number().min(0).max(1).optional().describe('Record when a teacher unit has a student unit with normalised overlap above this value.'),
  },
  'Events located along the way.',
);

/** The committee spec (`popflow ode`, `popflow risk`). */
export const committeeSpecSchema = strictObject(
  {
    $schema: schemaKey,
    model: modelSchema,
    dynamics: dynamicsSchema.default({ kind: 'gradient-flow' }).describe('Training dynamics (default gradient flow).'),
    init: committeeInitSchema.describe('Initial condition: overlaps, a random draw at dimension d, or a simulation file.'),
    times: timesSchema.describe('Output times: a list, or {end, points, spacing}.'),
    solver: solverSchema.prefault({}),
    stop: stopSchema.prefault({}),
    events: eventsSchema.prefault({}),
  },
  'popflow committee spec: order-parameter ODE of a two-layer teacher-student network.',
);

/** A committee spec as written, with every default filled in. */
export type CommitteeSpecJson = z.output<typeof committeeSpecSchema>;
