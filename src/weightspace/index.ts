/** Finite two-layer networks in weight space: model, data, training loss, NTK Gram, full-batch GD. */
export { forward, linear, randomNet, relu, type NetInit, type PointActivation, type TwoLayerNet } from './network.ts';
export { randomLabelDataset, teacherDataset, type Dataset } from './data.ts';
export { squareLoss, type SquareLoss } from './loss.ts';
export { extremeEigenvalues, ntkGram } from './ntk.ts';
export { fullBatchGd, type GdOptions, type GdResult } from './gd.ts';
