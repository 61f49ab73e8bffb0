/**
 * For tests: the seeds and corpus reports whose printed and scanned renderings (fixtures of
 * packages/extract) must read like their text versions, and the whole reading of a file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedReport } from '@nianbao/model';
import { analyze } from './analyze';

export const ROOT = join(import.meta.dirname, '../../..');
export const REFERENCE_SOURCES = [
  join(ROOT, 'data/samples/000_91e0e63c20f568b3.txt'),
  join(ROOT, 'data/samples/004_52ba3b16510502cd.txt'),
  join(ROOT, '../shared/corpus/shanghai-shi-kexue-jishu-weiyuanhui_2024.md'),
  join(ROOT, '../shared/corpus/shanghai-shi-renminzhengfu-bangongting_2025.md'),
  join(ROOT, '../shared/corpus/suqian-shuyangxian-fazhangaigeju_2023.html'),
];

/** The report read from `file` (extract, parse, audit), or the reading's error thrown. */
export async function analyzedReport(file: string, name = file.split('/').pop()!): Promise<ParsedReport> {
  const r = await analyze(readFileSync(file), name);
  if ('error' in r) throw new Error(r.error.message);
  return r.report;
}
