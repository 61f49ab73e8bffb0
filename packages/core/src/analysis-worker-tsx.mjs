// The analysis worker when running from the TypeScript sources (tsx, vitest): worker threads do not
// inherit tsx's loader, so it is registered here before the worker is loaded. The compiled build
// loads analysis-worker.js directly.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./analysis-worker.ts');

export const analyze = worker.analyze;
export const expand = worker.expand;
export const extract = worker.extract;
