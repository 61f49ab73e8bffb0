/**
 * A worker of the analysis pool (pool.ts): runs the pure per-file pipeline of @nianbao/audit
 * (`analyze`: extract → parse) off the store's thread.
 */
import { parentPort } from 'node:worker_threads';
import { defaultAuditor } from './auditor';
import type { AnalysisTask } from './pool';

const auditor = defaultAuditor();

parentPort!.on('message', async ({ id, bytes, file, overrides }: AnalysisTask) => {
  try {
    parentPort!.postMessage({ id, result: await auditor.analyze(bytes, file, overrides) });
  } catch (e) {
    parentPort!.postMessage({ id, error: (e as Error).message });
  }
});
