/**
 * A stand-in auditor for tests of the rankings and the API's reads: many reports told apart by their
 * file name, their scores made up so that every ranking filter and order has ties, nulls and pages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '@nianbao/audit';
import type { ParsedReport, Score } from '@nianbao/model';
import { defaultAuditor, type Auditor } from './auditor';

const ROOT = join(import.meta.dirname, '../../..');
const SEED = readFileSync(join(ROOT, 'data/samples/004_52ba3b16510502cd.txt'));
const GRADES: Score['grade'][] = ['优秀', '良好', '合格', '不合格'];

/**
 * Reports told apart by their file name (`agency-year`), with scores that tie a lot, some unscored
 * reports, two cities, both kinds and a few findings, so that every ranking filter and order has
 * ties, nulls and pages to get wrong.
 */
export async function rankingAuditor(): Promise<Auditor> {
  const base = await analyze(SEED, 'seed.txt');
  if ('error' in base) throw new Error(base.error.message);
  const real = defaultAuditor();
  const meta = (file: string) => {
    const [a = 0, y = 0] = file.replace(/\.txt$/, '').split('-').map(Number);
    return { a, y };
  };
  return {
    ...real,
    similarity: undefined,
    analyze: async (_bytes, file) => {
      const { a, y } = meta(file);
      const code = `36${a % 2 ? '05' : '01'}0${1 + (a % 3)}`;
      const report: ParsedReport = {
        ...base.report,
        file,
        sha256: file,
        year: y,
        agency: { name: `第${a}${a % 4 ? '局' : '县政府'}`, source: 'text', region: { code, name: code }, kind: a % 4 ? 'department' : 'government' },
      };
      return { doc: base.doc, report };
    },
    audit: (report) => {
      const { a, y } = meta(report.file);
      if ((a + y) % 9 === 0) return { findings: [], score: null };
      const total = 50 + ((a * 7 + y * 3) % 6) * 10;
      const grade = GRADES[total >= 90 ? 0 : total >= 80 ? 1 : total >= 60 ? 2 : 3]!;
      return {
        findings: base.report.findings.slice(0, a % 4),
        score: { total, grade, byCategory: { completeness: total * 0.4, accuracy: total * 0.3, conformity: total * 0.2, timeliness: total * 0.1 }, rubricVersion: 'test' },
      };
    },
  };
}

/** The files `rankingAuditor` reads: 60 agencies (a few missing a year) in 2023 and 2024. */
export function rankingFiles(): { name: string; bytes: Buffer }[] {
  const files = [];
  for (const y of [2023, 2024]) for (let a = 0; a < 60; a++) if ((a + y) % 11) files.push({ name: `${a}-${y}.txt`, bytes: Buffer.from(`${a}-${y}`) });
  return files;
}
