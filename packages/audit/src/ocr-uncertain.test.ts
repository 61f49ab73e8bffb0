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
