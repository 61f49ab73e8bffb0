/**
 * What the core's tests share: the two sample reports, 新余's report made into its next year, and an
 * auditor that fails on one file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultAuditor, type Auditor } from './auditor';

export const ROOT = join(import.meta.dirname, '../../..');
/** 南开区文化和旅游局's 2019 report. */
export const NANKAI = readFileSync(join(ROOT, 'data/samples/000_91e0e63c20f568b3.txt'));
/** 新余市文广新旅局's 2019 report. */
export const XINYU = readFileSync(join(ROOT, 'data/samples/004_52ba3b16510502cd.txt'));

/** 新余's report made into its 2020 report: the same narrative, and 上年结转 1 where 2019 carried 0 forward. */
export function xinyu2020(): Buffer {
  const lines = XINYU.toString('utf8').split('\n');
  const i = lines.findIndex((l) => l.includes('二、上年结转政府信息公开申请数量'));
  lines[i + 1] = '\t\u00a01'; // 自然人
  lines[i + 7] = '\t\u00a01'; // 总计
  return Buffer.from(lines.join('\n').replace(/2020/g, '2021').replace(/2019/g, '2020'));
}

/**
 * The real auditor, but storing `file` fails inside its transaction or savepoint (its signature is
 * computed there, after the agency was resolved).
 */
export function failingOn(file: string): Auditor {
  const real = defaultAuditor();
  return {
    ...real,
    similarity: {
      ...real.similarity!,
      signature: (report, text) => {
        if (report.file === file) throw new Error('disk on fire');
        return real.similarity!.signature(report, text);
      },
    },
  };
}
