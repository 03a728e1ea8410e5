/**
 * The simulation and comparison spec as a zod schema: the committee spec's `model` and `times`, the
 * discrete dynamics, and the finite-size settings, with every default filled in by the schema. Its
 * JSON Schema is schema/compare-spec.schema.json (`npm run schema`).
 */
import { z } from 'zod';
import { BACKEND_CHOICES } from '../simulate/backendChoices.ts';
import { gd, matrix, modelSchema, schemaKey, timesSchema } from './committee.ts';
import { strictObject } from './zod.ts';

const seed = z.int().min(0).default(1).describe('Seed of the initial weights (shared by every run).');

const simulationOnlineSgd = strictObject(
  {
    kind: z.literal('online-sgd'),
    lr: z.number().positive().describe('Learning rate η of the first layer.'),
    lrSecondLayer: z.number().min(0).optional().describe('Learning rate of the second layer (default: lr).'),
  },
  'Online SGD, one fresh sample (or a mini-batch of `batch`) per step; time α = steps/d.',
);

const randomWeights = strictObject(
  {
    scale: z.number().positive().default(1).describe('Standard deviation of the student weight entries.'),
    seed,
  },
  'Student entries N(0, scale²); teacher rows orthonormal, scaled by √d.',
);
const weightsWithOverlaps = strictObject(
  {
    Q: matrix('Student-student overlaps at step 0, m×m.'),
    R: matrix('Student-teacher overlaps at step 0, m×m* (the teacher has T = I).'),
    seed,
  },
  'Weights with exactly these overlaps at every d (Q − R Rᵀ must be positive definite).',
);

/** The simulation spec (`popflow compare`; `d` may be a list there, and `compare` sets its tolerance). */
export const simulationSpecSchema = strictObject(
  {
    $schema: schemaKey,
    model: modelSchema,
    dynamics: z.discriminatedUnion('kind', [simulationOnlineSgd, gd]).describe('Discrete dynamics: online SGD or full-batch GD.'),
    times: timesSchema.describe('Output times (α for online SGD, t = kη for GD): a list, or {end, points, spacing}.'),
    d: z
      .union([z.int().min(1), z.array(z.int().min(1)).min(1)], { error: () => 'an integer ≥ 1, or a list of them (for compare)' })
      .describe('Input dimension; for compare, a list of dimensions.'),
    n: z.int().min(1).optional().describe('Training-set size (full-batch GD only).'),
    batch: z.int().min(1).optional().describe('Mini-batch size (online SGD only; default 1).'),
    seeds: z
      .union([z.int().min(1).max(1000), z.array(z.int().min(0)).min(1)], { error: () => 'a count from 1 to 1000, or a non-empty list of integer seeds' })
      .default(1)
      .describe('Data seeds: a count (seeds 1…k) or a list; one run per seed.'),
    init: z.union([randomWeights, weightsWithOverlaps], { error: () => '{"scale", "seed"} or {"Q", "R", "seed"}' }).prefault({}).describe('Initial weights: random, or with given overlaps.'),
    testSamples: z.int().min(1).default(10_000).describe('Fresh samples for the test error when ε_g has no closed form.'),
    backend: z.enum(BACKEND_CHOICES).default('auto').describe('Compute backend.'),
    workers: z.int().min(0).max(64).default(0).describe('Worker threads (0 = automatic).'),
    compare: strictObject(
      { toleranceConstant: z.number().positive().optional().describe('K of the relative tolerance K/√d (online SGD) or K·√(d/n) (GD).') },
      'Settings of `popflow compare`.',
    ).optional(),
  },
  'popflow simulation spec: finite-d online SGD or GD, compared with the ODE of the same model.',
);

/** A simulation spec as written, with every default filled in. */
export type SimulationSpecJson = z.output<typeof simulationSpecSchema>;
