/**
 * A worker of the analysis pool (pool.ts): runs the pure per-file pipeline of @nianbao/audit
 * (`analyze`: extract → parse) and opens zip archives (`expandZip`) off the store's thread.
 */
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { expandZip } from '@nianbao/extract';
import { defaultAuditor } from './auditor';
import type { AnalysisTask } from './pool';

const auditor = defaultAuditor();

parentPort!.on('message', async ({ id, kind, bytes, file, overrides }: AnalysisTask) => {
  try {
    if (kind === 'expand') {
      const expanded = expandZip(bytes, file);
      // each file hashed here and handed back in shared memory: the store's thread neither hashes
      // it nor copies it again when it goes to a worker for analysis
      const entries = expanded.entries.map((e) => {
        const shared = new Uint8Array(new SharedArrayBuffer(e.bytes.length));
        shared.set(e.bytes);
        return { name: e.name, bytes: shared, sha256: createHash('sha256').update(e.bytes).digest('hex') };
      });
      parentPort!.postMessage({ id, result: { entries, errors: expanded.errors } });
      return;
    }
    parentPort!.postMessage({ id, result: await auditor.analyze(bytes, file, overrides) });
  } catch (e) {
    parentPort!.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
