import { createHash } from 'node:crypto';
import { extract, ExtractError, metaFromFileName, type Document } from '@nianbao/extract';
import type { ParsedReport, ReportError } from '@nianbao/model';
import { parse, type Overrides } from '@nianbao/parser';
import { audit, type AuditContext } from './engine';

export interface Analysis {
  doc: Document;
  report: ParsedReport;
}

/**
 * The pure pipeline for one file: extract → parse → audit (`audit: false` stops after the parse: the
 * store audits once, with what it holds of other reports; `sha256`: the hash the caller already has).
 * A file that cannot be read is a value.
 */
export async function analyze(
  bytes: Uint8Array,
  file: string,
  overrides: Overrides = {},
  ctx: Omit<AuditContext, 'text'> = {},
  { audit: withAudit = true, sha256 = createHash('sha256').update(bytes).digest('hex') }: { audit?: boolean; sha256?: string } = {},
): Promise<Analysis | ReportError> {
  let doc: Document;
  try {
    doc = await extract(bytes, file);
  } catch (e) {
    if (e instanceof ExtractError) return { file, error: { code: e.code, message: e.message } };
    return { file, error: { code: 'corrupt', message: `${file}：文件无法读取（${(e as Error).message}）` } };
  }
  // the file name is one more source of metadata (沭阳县发展和改革局2023年….html): the parser weighs it
  const report = parse(doc, { file, sha256, overrides, fromFileName: metaFromFileName(file) });
  if (report.template === 'unknown' && !Object.values(report.sections).some((s) => s.present)) {
    return {
      file,
      error: { code: 'not-a-report', message: `${file}：未找到年度报告的章节或统计表，不像是政府信息公开工作年度报告` },
    };
  }
  if (!withAudit) return { doc, report };
  const { findings, score } = audit(report, { ...ctx, text: doc.text });
  return { doc, report: { ...report, findings, score } };
}
