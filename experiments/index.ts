/**
 * Registry of experiments by name; the CLI runs `experiments[name]`. Order: the five seed papers
 * first, then the studies of the method itself (the report index follows this order).
 */
import type { Experiment } from './types.ts';
import { experiment as erfWidth } from './erf-width.ts';
import { experiment as martinBachBiroli } from './martin-bach-biroli.ts';
import { experiment as saadSolla } from './saad-solla.ts';
import { experiment as tian } from './tian-2019.ts';
import { experiment as wang } from './wang-2020.ts';
import { experiment as arxiv210104243 } from './arxiv-2101-04243.ts';
import { experiment as zhouGe2021 } from './zhou-ge-2021.ts';
import { experiment as sgdScaling } from './sgd-scaling.ts';

export type { Experiment, ExperimentContext } from './types.ts';

export const experiments: Record<string, Experiment> = {
  [wang.name]: wang,
  [tian.name]: tian,
  [martinBachBiroli.name]: martinBachBiroli,
  [zhouGe2021.name]: zhouGe2021,
  [arxiv210104243.name]: arxiv210104243,
  [saadSolla.name]: saadSolla,
  [erfWidth.name]: erfWidth,
  [sgdScaling.name]: sgdScaling,
};
