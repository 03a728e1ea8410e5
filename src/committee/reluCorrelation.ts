/**
 * The activation correlation of two ReLU units, the measure of specialisation in Tian (2019): for
 * (u, v) Gaussian with unit variances and correlation c = cos θ (the cosine between the two weight
 * vectors; ReLU is positively homogeneous, so the norms drop out),
 *   E[relu(u) relu(v)] = (sin θ + (π − θ) cos θ)/(2π),  E[relu(u)] = 1/√(2π),  Var relu(u) = ½ − 1/(2π),
 * so that corr(relu(u), relu(v)) = (sin θ + (π − θ) cos θ − 1)/(π − 1).
 */

/** Pearson correlation of relu(u) and relu(v) for unit-variance Gaussians with correlation `cos`. */
export function reluActivationCorrelation(cos: number): number {
  const c = Math.min(1, Math.max(-1, cos));
  const theta = Math.acos(c);
  return (Math.sin(theta) + (Math.PI - theta) * c - 1) / (Math.PI - 1);
}

/** The cosine at which {@link reluActivationCorrelation} equals `target` (it is increasing in the cosine). */
export function cosineForReluCorrelation(target: number): number {
  if (!(target > -1 / (Math.PI - 1) && target <= 1)) throw new RangeError(`correlation ${target} outside (−1/(π−1), 1]`);
  let lo = -1;
  let hi = 1;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (reluActivationCorrelation(mid) < target) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
