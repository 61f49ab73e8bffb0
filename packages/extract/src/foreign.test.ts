/**
 * Files that are not reports in any format we read: the error names what was actually received, so
 * that a clerk who uploaded the wrong attachment knows which one (not 「不是有效的 Word 文件」 for a
 * spreadsheet).
 */
import { describe, expect, it } from 'vitest';
import { extract, ExtractError, foreignFormat } from './index';
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

describe('foreignFormat: named by the first bytes, the extension only where the bytes leave it open', () => {
  const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0];
  const odf = (kind: string) =>
    writeZip([
      // ODF stores its mimetype first and uncompressed, so that it reads in the first bytes
      { name: 'mimetype', data: text(`application/vnd.oasis.opendocument.${kind}`), stored: true },
      { name: 'content.xml', data: text('<office:document-content/>') },
    ]);
  it.each<[string, Uint8Array, string | null]>([
    // the extension is what follows the last dot, not the first
    ['2024.01 统计表.xls', Uint8Array.from(OLE), 'Excel 97-2003 表格（.xls）'],
    ['汇报 v1.2.PPT', Uint8Array.from(OLE), 'PowerPoint 97-2003 演示文稿（.ppt）'],
    ['统计.ods', odf('spreadsheet'), 'OpenDocument 表格（.ods）'],
    ['汇报.odp', odf('presentation'), 'OpenDocument 演示文稿（.odp）'],
    ['年度报告', Uint8Array.from([0, 1, 2, 3]), null],
    ['年度报告.', Uint8Array.from([0, 1, 2, 3]), null],
  ])('%s', (name, bytes, kind) => {
    expect(foreignFormat(bytes, name)).toBe(kind);
  });

  it('a PNG only by its whole signature: bytes that merely start like one are named by their extension', () => {
    const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    expect(foreignFormat(Uint8Array.from(png), '扫描件.dat')).toBe('PNG 图片');
    for (let i = 0; i < 4; i++) {
      const damaged = png.map((b, j) => (j === i ? 0 : b));
      expect(foreignFormat(Uint8Array.from(damaged), '扫描件.dat'), `byte ${i} changed`).toBe('扩展名为 .dat 的文件');
    }
    // only the first byte, or the first two, or the last two of the signature
    for (const head of [[0x89, 0, 0, 0], [0x89, 0x50, 0, 0], [0, 0, 0x4e, 0x47], [0, 0, 0, 0x47]]) {
      expect(foreignFormat(Uint8Array.from([...head, 0, 0, 0, 0]), '扫描件.dat'), head.join(',')).toBe('扩展名为 .dat 的文件');
    }
  });
});
