/** Statistics for experiments: least-squares line and power-law fits, late-time decay laws, medians. */
export { fitLine, fitPowerLaw, type LineFit } from './linear-fit.ts';
export * from './decay.ts';
export { median } from './median.ts';
export { digamma } from './digamma.ts';
export { settleTime, settleIndex } from './settle.ts';
