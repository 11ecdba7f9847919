import type { Store } from '../store/store.ts';
import type { Metrics } from './metrics.ts';

/** What routes are given: the store to read and write through, and the metrics to report. */
export interface ServerContext {
  store: Store;
  metrics: Metrics;
}
