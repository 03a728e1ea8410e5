/** Quadratic networks in high dimension: matrix model, exact reduction, both d → ∞ limits. */
export * from './blocks.ts';
export * from './matrixFlow.ts';
export * from './subspaces.ts';
export * from './wachter.ts';
export * from './limits.ts';
export * from './run.ts';
export * from './stall.ts';
