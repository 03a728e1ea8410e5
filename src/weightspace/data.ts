/** Finite data sets for weight-space experiments: Gaussian inputs and their labels. */
import type { Rng } from '../random.ts';
import { forward, type TwoLayerNet } from './network.ts';

/** n inputs of dimension d, stored row-major in `x` (n × d), with labels `y` (length n). */
export interface Dataset {
  n: number;
  d: number;
  x: Float64Array;
  y: Float64Array;
}

/** x_i ~ N(0, I_d) and labels y_i ~ N(0, 1) independent of x (pure memorisation: any fit is interpolation). */
export function randomLabelDataset(n: number, d: number, rng: Rng): Dataset {
  const x = rng.fillNormal(new Float64Array(n * d));
  const y = rng.fillNormal(new Float64Array(n));
  return { n, d, x, y };
}

/** x_i ~ N(0, I_d) and y_i = teacher(x_i) + noise · ζ_i, ζ_i ~ N(0, 1). */
export function teacherDataset(teacher: TwoLayerNet, n: number, rng: Rng, noise = 0): Dataset {
  const d = teacher.d;
  const x = rng.fillNormal(new Float64Array(n * d));
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = forward(teacher, x, i * d) + (noise > 0 ? noise * rng.normal() : 0);
  return { n, d, x, y };
}
