/**
 * Files that are not reports in any format we read: the error names what was actually received, so
 * that a clerk who uploaded the wrong attachment knows which one (not 「不是有效的 Word 文件」 for a
 * spreadsheet).
 */
import { describe, expect, it } from 'vitest';
import { extract, ExtractError } from './index';
import { writeZip } from './testing/zip-writer';

const text = (s: string) => new TextEncoder().encode(s);
const ooxml = (part: string) =>
  writeZip([
    { name: '[Content_Types].xml', data: text('<?xml version="1.0"?><Types/>') },
    { name: '_rels/.rels', data: text('<Relationships/>') },
    { name: part, data: text('<workbook/>') },
  ]);

async function failure(bytes: Uint8Array, name: string) {
  try {
    await extract(bytes, name);
  } catch (e) {
    if (e instanceof ExtractError) return [e.code, e.message];
    throw e;
  }
  throw new Error('read');
}

const SUPPORTED = '不能作为年度报告导入（支持 .txt .md .html .docx .doc .pdf 文件、.png .jpg .tif 页面图片及 .zip 压缩包）';

describe('a file of another kind is refused by its kind', () => {
  it.each([
    ['统计表.xlsx', ooxml('xl/workbook.xml'), 'Excel 表格（.xlsx）'],
    ['统计表.zip.xlsx', ooxml('xl/workbook.xml'), 'Excel 表格（.xlsx）'],
    // a spreadsheet renamed .zip is no batch of reports either
    ['附件.zip', ooxml('xl/workbook.xml'), 'Excel 表格（.xlsx）'],
    ['汇报.pptx', ooxml('ppt/presentation.xml'), 'PowerPoint 演示文稿（.pptx）'],
    ['年报.rar', Uint8Array.from([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00]), 'RAR 压缩包（.rar）'],
    ['notes.bin', Uint8Array.from([0, 1, 2, 3]), '扩展名为 .bin 的文件'],
  ])('%s', async (name, bytes, kind) => {
    expect(await failure(bytes, name)).toEqual([
      'unsupported-format',
      `${name}：收到的是${kind}，${SUPPORTED}`,
    ]);
  });
});
