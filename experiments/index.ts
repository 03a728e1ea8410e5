/** Registry of experiments by name; the CLI runs `experiments[name]`. */
import type { Experiment } from './types.ts';
import { experiment as erfWidth } from './erf-width.ts';
import { experiment as arxiv210104243 } from './arxiv-2101-04243.ts';

export type { Experiment, ExperimentContext } from './types.ts';

export const experiments: Record<string, Experiment> = {
  [erfWidth.name]: erfWidth,
  [arxiv210104243.name]: arxiv210104243,
};
