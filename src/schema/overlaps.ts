/**
 * The initial-overlaps file a simulation writes and the ODE can start from, as a zod schema. Its JSON
 * Schema is schema/initial-overlaps.schema.json (`npm run schema`).
 */
import { z } from 'zod';
import { matrix } from './committee.ts';
import { strictObject } from './zod.ts';

export const INITIAL_OVERLAPS_FORMAT = 'popflow-initial-overlaps/1';

export const initialOverlapsSchema = strictObject(
  {
    $schema: z.string().optional(),
    format: z.literal(INITIAL_OVERLAPS_FORMAT),
    d: z.int().min(1).describe('Input dimension of the simulation.'),
    scale: z.number().min(0).nullable().describe('Standard deviation of the student entries; null for weights built from given overlaps.'),
    seed: z.int().min(0).describe('Seed of the initial weights.'),
    Q: matrix('Q = WWᵀ/d at step 0, m×m.'),
    R: matrix('R = WW*ᵀ/d at step 0, m×m*.'),
    T: matrix('T = W*W*ᵀ/d, m*×m*.'),
    a: z.array(z.number()).min(1).describe('Student second layer, m entries.'),
    aStar: z.array(z.number()).min(1).describe('Teacher second layer, m* entries.'),
  },
  "popflow initial overlaps: a simulation's weights at step 0, reduced to their overlaps.",
);
