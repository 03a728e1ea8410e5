/**
 * Browser side of `#io/parallel`: a page has no Node worker threads, so full-batch GD runs on one
 * thread and asking for more is refused as a spec error.
 */
import { SpecError } from '../validate.ts';

export class ShardedGradient {
  /** Always throws: splitting the gradient over worker threads needs Node. */
  static start(..._args: unknown[]): Promise<never> {
    return Promise.reject(new SpecError('workers', 'more than 1', '1 in a browser (worker threads that split full-batch GD need Node)'));
  }
}
