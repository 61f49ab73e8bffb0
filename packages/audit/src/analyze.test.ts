/**
 * analyze(): bytes in, a parsed and audited report (or a typed error for the file) out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';

const XINYU = readFileSync(join(import.meta.dirname, '../../../data/samples/004_52ba3b16510502cd.txt'));

describe('analyze', () => {
  it('parses without auditing when asked: no findings, no score', async () => {
    const r = await analyze(XINYU, '新余.txt', {}, {}, { audit: false });
    if ('error' in r) throw new Error(r.error.message);
    expect([r.report.findings, r.report.score, r.report.template, r.report.year]).toEqual([[], null, '2019', 2019]);
  });

  it('audits by default', async () => {
    const r = await analyze(XINYU, '新余.txt');
    if ('error' in r) throw new Error(r.error.message);
    expect(r.report.score?.grade).toBe('优秀');
  });

  it('a readable text that is no report is an error for that file', async () => {
    const text = new TextEncoder().encode('各位同事：\n下周一上午九点在三楼会议室召开全体干部职工大会，请准时参加，不得无故缺席。会议期间请将手机调至静音状态。\n');
    expect(await analyze(text, '通知.txt')).toEqual({
      file: '通知.txt',
      error: { code: 'not-a-report', message: '通知.txt：未找到年度报告的章节或统计表，不像是政府信息公开工作年度报告' },
    });
  });

  it('an unreadable file is a typed error, not a throw', async () => {
    expect(await analyze(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]), '坏.pdf')).toEqual({ file: '坏.pdf', error: { code: 'corrupt', message: '坏.pdf：PDF 文件已损坏或不完整，无法打开' } });
  });
});
