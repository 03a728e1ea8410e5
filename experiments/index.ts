/** Registry of experiments by name; the CLI runs `experiments[name]`. */
import type { Experiment } from './types.ts';
import { experiment as erfWidth } from './erf-width.ts';

export type { Experiment, ExperimentContext } from './types.ts';

export const experiments: Record<string, Experiment> = {
  [erfWidth.name]: erfWidth,
};
