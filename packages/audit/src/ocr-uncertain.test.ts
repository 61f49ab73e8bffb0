/**
 * A figure OCR read with low confidence (issue 19): its span in `Document.uncertain` makes its row
 * doubtful, the audit says `extract.uncertain` for it, and no finding about that row is raised against
 * the agency on a guessed value.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '@nianbao/extract';
import { parse } from '@nianbao/parser';
import { audit } from './index';

const SEED = join(import.meta.dirname, '../../../data/samples/004_52ba3b16510502cd.txt');

describe('a figure read by OCR with low confidence', () => {
  it('marks its row doubtful and gives extract.uncertain instead of a finding on a guessed value', async () => {
    const doc = await extract(readFileSync(SEED), '004.txt');
    const plain = parse(doc, { file: '004.txt', sha256: 'x' });
    const cell = plain.cells['t3.newReceived.naturalPerson']!;
    expect(cell.state).toBe('value');
    // OCR would have read a wrong digit here, unsure of it
    const text = doc.text.slice(0, cell.span![0]) + '9'.repeat(cell.span![1] - cell.span![0]) + doc.text.slice(cell.span![1]);
    const read = parse({ ...doc, text, uncertain: [cell.span!] }, { file: '004.txt', sha256: 'x' });
    expect(read.reading).toEqual({ t3: { confidence: 'low', doubtfulRows: ['t3.newReceived'] } });
    const rules = audit(read, { text }).findings.map((f) => f.rule);
    const plainRules = audit(plain, { text: doc.text }).findings.map((f) => f.rule);
    expect(rules).toContain('extract.uncertain');
    // the misread figure breaks table 三's identities, but they are not raised against the agency
    expect(rules.filter((r) => r.startsWith('balance.'))).toEqual(plainRules.filter((r) => r.startsWith('balance.')));
    expect(audit(read, { text }).findings.find((f) => f.rule === 'extract.uncertain')!.message).toBe(
      '表三“一、本年新收政府信息公开申请数量”行的数字读取不确定，请人工核对原文',
    );
  });
});

describe('a section heading of a report read by OCR', () => {
  it('without its numeral gives extract.uncertain, not structure.section-missing; read from text it is a finding', async () => {
    const doc = await extract(readFileSync(SEED), '004.txt');
    const at = doc.text.indexOf('一、政府信息公开工作的基本情况');
    expect(at).toBeGreaterThan(0);
    // the 「一」 of the heading lost as a speck, its 「、」 with it
    const text = doc.text.slice(0, at) + '  ' + doc.text.slice(at + 2);
    const asText = parse({ ...doc, text }, { file: '004.txt', sha256: 'x' });
    const asScan = parse({ ...doc, text, ocr: true }, { file: '004.txt', sha256: 'x' });
    expect(asScan.reading?.sections).toEqual({ confidence: 'low', doubtfulRows: ['s1'] });
    const structure = (r: typeof asText) =>
      audit(r, { text })
        .findings.filter((f) => f.rule.startsWith('structure.section-'))
        .map((f) => `${f.rule} ${f.fingerprint}`);
    // the seed's own 五 and 六 headings differ from the template's titles: raised either way
    const own = ['structure.section-title structure.section-title:s5', 'structure.section-title structure.section-title:s6'];
    expect(structure(asText)).toEqual(['structure.section-missing structure.section-missing:s1', ...own]);
    expect(structure(asScan)).toEqual(own);
    expect(audit(asScan, { text }).findings.filter((f) => f.rule === 'extract.uncertain').map((f) => f.message)).toEqual([
      '第一部分“总体情况”的标题由扫描图片识别，序号或标题可能未读出，请人工核对原文',
    ]);
  });
});
