/**
 * Issue 19: every seed and corpus report, printed with a grey watermark and a red seal over the 落款,
 * rasterised (the seeds at 200 dpi, the corpus at 150 dpi), turned slightly and sprinkled with noise,
 * wrapped into an image-only PDF (packages/extract/scripts/make-scanned.ts) and read back by OCR,
 * gives the cells and the findings of its text version. Only a figure OCR could not read surely may
 * differ: its row is marked doubtful, and the audit says `extract.uncertain` for it instead.
 *
 * Slow: every page is read by OCR (some 3 CPU seconds a page: 000 has 3 pages, 30 s wall at load 20;
 * all five, 21 pages, would take about a minute of CPU).
 */
import { join } from 'node:path';
import type { ParsedReport } from '@nianbao/model';
import { describe, expect, it } from 'vitest';
import { REFERENCE_SOURCES as SOURCES, ROOT, analyzedReport as report } from './reference-reports';

const SCANNED = join(ROOT, 'packages/extract/fixtures/scanned');
const doubtfulRows = (r: ParsedReport) => Object.values(r.reading ?? {}).flatMap((t) => t.doubtfulRows);
/** The cells, but those of rows OCR marked doubtful. */
const cells = (r: ParsedReport, doubtful: string[]) =>
  Object.entries(r.cells)
    .filter(([k]) => !doubtful.some((row) => k.startsWith(row + '.')))
    .map(([k, c]) => [k, c.state, c.value]);
/**
 * Findings but `extract.uncertain`, and but those on what OCR marked doubtful (a section whose
 * heading it may have misread: its structure findings are withheld); spaces in quoted headings
 * (「1、 总体情况」) are the printer's, not the report's.
 */
const findings = (r: ParsedReport, doubtful: string[]) =>
  r.findings
    .filter((f) => f.rule !== 'extract.uncertain' && !doubtful.some((d) => f.rule.startsWith('structure.section-') && f.fingerprint?.endsWith(':' + d)))
    .map((f) => [f.severity, f.rule, f.message.replace(/\s+/g, '')]);

/**
 * Per report, what OCR could not be sure of and says so (the doubtful rows and sections, and the
 * `extract.uncertain` notices), and the text's findings the scan holds back because they rest on a
 * table with a doubtful row (a blank or a 勾稽关系 on figures not surely read: `withheld`, by
 * fingerprint; low-confidence cells may lower recall, never precision). 004's 「98850元」 gives its `value.unit` from the scan as from the
 * text: table 二 is read surely since an unsure figure is read again alone on white. 000's headings 「1、」「5、」 are read right but, not numbered 一、…六、,
 * are withheld as possibly misread; its 六 is missing in the text too.
 */
const UNSURE: Record<string, { doubtful: string[]; notices: string[]; withheld?: string[] }> = {
  '000_91e0e63c20f568b3.txt': {
    doubtful: ['s1', 's5', 's6'],
    notices: [
      '第一部分“总体情况”、第五部分“存在的主要问题及改进情况”、第六部分“其他需要报告的事项”的标题由扫描图片识别，序号或标题可能未读出，请人工核对原文',
    ],
  },
  // a lone 0 of table 三 stays unsure even read alone on white (a speck run into it)
  '004_52ba3b16510502cd.txt': {
    doubtful: ['t3.unable.unclear'],
    notices: ['表三“（四）3.补正后申请内容仍不明确”行的数字读取不确定，请人工核对原文'],
  },
  // 150 dpi: a lone 0 of table 三 stays unsure even read alone on white; the headings are numbered
  // 一、… from 主动公开 on, as in the text, so they are withheld as possibly misread
  'shanghai-shi-kexue-jishu-weiyuanhui_2024.md': {
    doubtful: ['t3.denied.stateSecret', 's2', 's3', 's4', 's5', 's6'],
    notices: [
      '表三“（三）1.属于国家秘密”行的数字读取不确定，请人工核对原文',
      '第二部分“主动公开政府信息情况”、第三部分“收到和处理政府信息公开申请情况”、第四部分“政府信息公开行政复议、行政诉讼情况”、第五部分“存在的主要问题及改进情况”、第六部分“其他需要报告的事项”的标题由扫描图片识别，序号或标题可能未读出，请人工核对原文',
    ],
    withheld: ['table.cell-blank:t3.carriedForward:total', 'balance.unverifiable:t3-flow:total', 'balance.unverifiable:t3-applicants:t3.carriedForward'],
  },
  // 150 dpi: 「15」 and 「12」 read 「1.5」 and 「1.2」 (a speck beside the 1 taken for a point), unsure, so
  // their rows are doubtful and no figure of them is used
  'shanghai-shi-renminzhengfu-bangongting_2025.md': {
    doubtful: ['t3.carriedOver', 't3.denied.safetyStability', 't3.otherHandling.other', 's5'],
    notices: [
      '表三“二、上年结转政府信息公开申请数量”、“（三）3.危及“三安全一稳定””、“（六）3.其他”等行的数字读取不确定，请人工核对原文',
      '第五部分“存在的主要问题及改进情况”的标题由扫描图片识别，序号或标题可能未读出，请人工核对原文',
    ],
  },
  // its row （六）1. is cut by the page break (no ruling line under its first part): read whole, blanks kept
  'suqian-shuyangxian-fazhangaigeju_2023.html': { doubtful: [], notices: [] },
};

describe('the seeds and the corpus, scanned and read by OCR, read as their text versions', () => {
  for (const source of SOURCES) {
    const name = source.split('/').pop()!;
    const unsure = UNSURE[name];
    // a reference report whose scan's outcomes are not measured yet
    if (!unsure) {
      it.todo(`${name}: the same cells and findings, but extract.uncertain where a figure was unreadable`);
      continue;
    }
    it(`${name}: the same cells and findings, but extract.uncertain where a figure was unreadable`, async () => {
      const [text, scan] = await Promise.all([report(source), report(join(SCANNED, name.replace(/\.[^.]+$/, '.pdf')))]);
      expect(scan.ocr).toBe(true);
      const doubtful = doubtfulRows(scan);
      expect(doubtful).toEqual(unsure.doubtful);
      expect(cells(scan, doubtful)).toEqual(cells(text, doubtful));
      const withheld = unsure.withheld ?? [];
      expect(withheld.filter((w) => text.findings.some((f) => f.fingerprint === w))).toEqual(withheld);
      const held = (f: ParsedReport['findings'][number]) => withheld.includes(f.fingerprint ?? '');
      expect(findings(scan, doubtful)).toEqual(findings({ ...text, findings: text.findings.filter((f) => !held(f)) }, doubtful));
      expect(scan.findings.filter((f) => f.rule === 'extract.uncertain').map((f) => f.message)).toEqual(unsure.notices);
    }, 900_000);
  }
});
