/**
 * Rows of table 三 as `pdftotext -layout` prints them: each figure right-aligned under its column, a
 * blank cell left as spaces. A row with blanks has fewer figures than columns, and only the column
 * positions of the full rows around it say which cells they are.
 */
import { describe, expect, it } from 'vitest';
import { fromText, type Document } from '@nianbao/extract';
import { parse } from './index';
import { cellRows } from './testing';

/** A line as pdftotext lays it out: the label, then each figure right-aligned in a column of 8 characters. */
const line = (label: string, values: string[] = []) => label.padEnd(28, ' ') + values.map((v) => v.padStart(8, ' ')).join('');
const FULL = (n: string) => [n, '0', '0', '0', '0', '0', n];

const table = (rows: string[]) =>
  [
    '测试县人民政府2024年政府信息公开工作年度报告',
    '三、收到和处理政府信息公开申请情况',
    line('', ['自然人', '商业企业', '科研机构', '社会公益', '法律服务', '其他', '总计']),
    ...rows,
    '四、政府信息公开行政复议、行政诉讼情况',
  ].join('\n') + '\n';

const HEAD = [
  line('一、本年新收政府信息公开申请数量', FULL('10')),
  line('二、上年结转政府信息公开申请数量', FULL('2')),
];
const TAIL = [line('（七）总计', FULL('9')), line('四、结转下年度继续办理', FULL('3'))];

const t3 = (doc: Document) => {
  const r = parse(doc, { file: 'x.txt', sha256: '' });
  return { rows: Object.fromEntries(Object.entries(cellRows(r.cells)).filter(([k, v]) => k.startsWith('t3.') && !v.startsWith('ø'))), reading: r.reading };
};

describe('short rows of a laid-out table 三 are placed by the columns of the full rows', () => {
  it('two figures, three, six: each under its own column, the cells between them blank', () => {
    const { rows, reading } = t3(
      fromText(
        table([
          ...HEAD,
          line('三、本年度办理结果（一）予以公开', ['4', '', '', '', '', '', '4']),
          line('（二）部分公开（区分处理的，只计这一情形，不计其他情形）'),
          line('', ['3', '1', '', '', '', '', '4']),
          line('（三）不予公开 1.属于国家秘密', ['1', '', '0', '0', '0', '0', '1']),
          line('2.其他法律行政法规禁止公开', FULL('5')),
          ...TAIL,
        ]),
      ),
    );
    expect(rows).toEqual({
      't3.newReceived': '10 0 0 0 0 0 10',
      't3.carriedOver': '2 0 0 0 0 0 2',
      't3.granted': '4 _ _ _ _ _ 4',
      't3.partiallyGranted': '3 1 _ _ _ _ 4',
      't3.denied.stateSecret': '1 _ 0 0 0 0 1',
      't3.denied.lawProhibited': '5 0 0 0 0 0 5',
      't3.totalProcessed': '9 0 0 0 0 0 9',
      't3.carriedForward': '3 0 0 0 0 0 3',
    });
    expect(reading).toBeUndefined();
  });

  it('in a PDF, rows missing between rows that were read are named doubtful; in a text they are simply not there', () => {
    const text = table([...HEAD, line('三、本年度办理结果（一）予以公开', FULL('4')), line('（三）不予公开 1.属于国家秘密', FULL('1')), ...TAIL]);
    const between = ['t3.partiallyGranted'];
    const afterStateSecret = [
      't3.denied.lawProhibited', 't3.denied.safetyStability', 't3.denied.thirdParty', 't3.denied.internalAffairs',
      't3.denied.processInfo', 't3.denied.enforcementFile', 't3.denied.queryMatter', 't3.unable.notHeld',
      't3.unable.needsCreation', 't3.unable.unclear', 't3.notProcessed.complaint', 't3.notProcessed.duplicate',
      't3.notProcessed.publication', 't3.notProcessed.massRepeated', 't3.notProcessed.confirmation',
      't3.otherHandling.overdueCorrection', 't3.otherHandling.overdueFee', 't3.otherHandling.other',
    ];
    const fromPdf = t3({ ...fromText(text), format: 'pdf' });
    expect(fromPdf.reading).toEqual({ t3: { confidence: 'low', doubtfulRows: [...between, ...afterStateSecret] } });
    expect(fromPdf.rows['t3.denied.stateSecret']).toBe('1 0 0 0 0 0 1');
    expect(t3(fromText(text)).reading).toBeUndefined();
  });
});
