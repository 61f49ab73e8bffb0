import type { CellPosition, Span } from '@nianbao/model';

/** One cell of a table grid as the source document has it (not yet mapped to a template key). */
export interface DocCell {
  /** The cell's text exactly as in `Document.text` between span[0] and span[1] (may be blank). */
  text: string;
  span: Span;
  colSpan: number;
  rowSpan: number;
  /** Where the cell is on the page, for a PDF. */
  position?: CellPosition;
}

export type DocRow = DocCell[];

export interface DocTable {
  rows: DocRow[];
  span: Span;
}

/** What a source told us besides its body (portal metadata tables, document properties, file name). */
export interface DocMeta {
  title?: string;
  publisher?: string;
  /** ISO date, yyyy-mm-dd. */
  publishedOn?: string;
}

export type SourceFormat = 'text' | 'layout' | 'markdown' | 'html' | 'docx' | 'doc' | 'pdf';

/**
 * The result of extraction: the normalised text a reviewer sees in the report view, and the table
 * grids found in it. Every cell span is a character offset range into `text`.
 */
export interface Document {
  format: SourceFormat;
  text: string;
  tables: DocTable[];
  meta: DocMeta;
  /** The encoding the bytes were decoded from, for text formats. */
  encoding?: string;
  /** Read by OCR (a scan or a photograph), in whole or in part. */
  ocr?: boolean;
  /** Spans of table cells whose figures OCR read with low confidence: not to be taken as read. */
  uncertain?: Span[];
}

export type ExtractErrorCode =
  | 'unsupported-format'
  | 'encoding'
  | 'empty'
  | 'corrupt'
  | 'ocr-needed'
  | 'too-large'
  // refused entries of an uploaded archive (zip.ts)
  | 'zip-bomb'
  | 'too-deep'
  | 'unsafe-path'
  | 'encrypted';

/** A file that cannot be read: a value at the edge, carried to the per-file result. */
export class ExtractError extends Error {
  constructor(
    readonly code: ExtractErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ExtractError';
  }
}
