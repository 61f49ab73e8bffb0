/**
 * A worker of the analysis pool (pool.ts): runs the pure per-file pipeline of @nianbao/audit
 * (`analyze`: extract → parse), opens zip archives (`expandZip`) and re-reads a stored file
 * (`extract`: a scan's OCR takes seconds of CPU a page) off the store's and the API's thread.
 */
import { createHash } from 'node:crypto';
import { expandZip, extract as extractFile, type Document, type ZipExpansion } from '@nianbao/extract';
import type { ReportError } from '@nianbao/model';
import type { Overrides } from '@nianbao/parser';
import { defaultAuditor, type Analysis } from './auditor';

/** A zip archive's files with the SHA-256 of each. */
export interface HashedExpansion extends ZipExpansion {
  entries: (ZipExpansion['entries'][number] & { sha256: string })[];
}

const auditor = defaultAuditor();

export function analyze({ bytes, file, overrides, sha256 }: { bytes: Uint8Array; file: string; overrides: Overrides; sha256?: string }): Promise<Analysis | ReportError> {
  return auditor.analyze(bytes, file, overrides, sha256);
}

export function expand({ bytes, file }: { bytes: Uint8Array; file: string }): HashedExpansion {
  const expanded = expandZip(bytes, file);
  // each file hashed here and handed back in shared memory: the store's thread neither hashes
  // it nor copies it again when it goes to a worker for analysis
  const entries = expanded.entries.map((e) => {
    const shared = new Uint8Array(new SharedArrayBuffer(e.bytes.length));
    shared.set(e.bytes);
    return { name: e.name, bytes: shared, sha256: createHash('sha256').update(e.bytes).digest('hex') };
  });
  return { entries, errors: expanded.errors };
}

export function extract({ bytes, file }: { bytes: Uint8Array; file: string }): Promise<Document> {
  return extractFile(bytes, file);
}
