/** Deep fully connected ReLU networks on a finite sample: model, gradients and full-batch GD. */
export { DeepBatch, randomDeepNet, type DeepNet } from './network.ts';
export { gramLambdaMax, sphereDataset, trainDeep, type DeepGdOptions, type DeepGdResult } from './train.ts';
