// Placeholder: the parser is being written (Document → ParsedReport).
import type { Document } from '@nianbao/extract';
import type { ParsedReport } from '@nianbao/model';

export interface Overrides {
  agency?: string;
  year?: number;
  /** ISO date yyyy-mm-dd */
  published?: string;
}

export interface ParseInput {
  /** The path as given (goes to `file`). */
  file: string;
  sha256: string;
  overrides?: Overrides;
}

/** Document → the canonical model, with `findings: []` and `score: null` (the audit fills them). */
export function parse(_doc: Document, _input: ParseInput): ParsedReport {
  throw new Error('parser not implemented yet');
}
