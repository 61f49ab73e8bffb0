/**
 * The JSON columns read back through the model's zod schemas, so that their types are inferred from
 * the one declaration of the canonical model rather than asserted at each read.
 */
import { Finding, ParsedReport, Score } from '@nianbao/model';

/** A JSON column of unknown shape (the audit log's details). */
export const parseJson = (text: string): unknown => JSON.parse(text);

export const sectionsOf = (text: string): ParsedReport['sections'] => ParsedReport.shape.sections.parse(JSON.parse(text));
export const cellKeysOf = (text: string): Finding['cells'] => Finding.shape.cells.parse(JSON.parse(text));
export const messageDataOf = (text: string): Finding['data'] => Finding.shape.data.parse(JSON.parse(text));
export const deductionsOf = (text: string): Score['deductions'] => Score.shape.deductions.parse(JSON.parse(text));

/** The message of whatever was thrown. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
