/** Claims and the rules that judge them: types, verdict rules, confidence intervals. */
export * from './types.ts';
export * from './rules.ts';
export * from './intervals.ts';
export { claim } from './claim.ts';
export { leastSquaresAic, prefersModelWithin } from './preference.ts';
