/**
 * Word files as other tools write them (issue 20, scripts/MUTATION.md): headings numbered through
 * their paragraph style (Word's 标题 1 numbered 一、), a list whose first item is on its second level,
 * a document.xml pretty-printed with blanks between the elements, and a large picture in the file.
 */
import { describe, expect, it } from 'vitest';
import { fromDocx } from './docx';
import { writeZip, type RawEntry } from './testing/zip-writer';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const enc = (s: string) => new TextEncoder().encode(s);
const INTRO = '<w:p><w:r><w:t>本机关认真贯彻落实政府信息公开条例，全面推进政务公开工作。</w:t></w:r></w:p>';
/** 一、 on level 0 and （一） on level 1 (Word's 「%2」 is the level-1 count); then 3.1 style, from 3. */
const NUMBERING =
  `<w:numbering ${W}><w:abstractNum w:abstractNumId="0">` +
  '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>' +
  '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>' +
  '</w:abstractNum><w:abstractNum w:abstractNumId="1">' +
  '<w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:suff w:val="nothing"/></w:lvl>' +
  '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:suff w:val="space"/></w:lvl>' +
  '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>';

function wordFile(body: string, styles?: string, more: RawEntry[] = []): Uint8Array {
  return writeZip([
    { name: '[Content_Types].xml', data: enc('<?xml version="1.0"?><Types/>') },
    { name: 'word/numbering.xml', data: enc(NUMBERING) },
    ...(styles ? [{ name: 'word/styles.xml', data: enc(`<w:styles ${W}>${styles}</w:styles>`) }] : []),
    ...more,
    { name: 'word/document.xml', data: enc(`<w:document ${W}><w:body>${body}</w:body></w:document>`) },
  ]);
}
const lines = (bytes: Uint8Array) => fromDocx(bytes, 'r.docx').text.split('\n').filter(Boolean);
const styled = (style: string, text: string) =>
  `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;

describe('fromDocx: numbering through paragraph styles', () => {
  it('标题 1 numbered 一、 by its style, 标题 2 （一） by the style it is based on', () => {
    const styles =
      '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="3"><w:name w:val="heading 2"/><w:basedOn w:val="2"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>';
    const body =
      INTRO +
      styled('2', '总体情况') +
      styled('3', '主动公开') +
      styled('3', '依申请公开') +
      styled('2', '主动公开政府信息情况');
    expect(lines(wordFile(body, styles))).toEqual([
      '本机关认真贯彻落实政府信息公开条例，全面推进政务公开工作。',
      '一、总体情况',
      '（一）主动公开',
      '（二）依申请公开',
      '二、主动公开政府信息情况',
    ]);
  });

  it('a list whose first item is on its second level counts the first level from its start', () => {
    const item = (text: string) =>
      `<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
    expect(lines(wordFile(INTRO + item('规章') + item('规范性文件')))).toEqual([
      '本机关认真贯彻落实政府信息公开条例，全面推进政务公开工作。',
      '3.1 规章',
      '3.2 规范性文件',
    ]);
  });
});

describe('fromDocx: files from other tools', () => {
  it('a document.xml pretty-printed, blanks and line breaks between its elements', () => {
    const body = `\n  <w:p>\n    <w:r>\n      <w:t>本机关认真贯彻落实政府信息公开条例。</w:t>\n    </w:r>\n    <w:r>\n      <w:t>全面推进政务公开工作。</w:t>\n    </w:r>\n  </w:p>\n`;
    expect(lines(wordFile(body))).toEqual(['本机关认真贯彻落实政府信息公开条例。全面推进政务公开工作。']);
  });

  it('a picture past the size of any XML part is no reason to refuse the file: it is not read', () => {
    const picture = {
      name: 'word/media/image1.jpeg',
      data: new Uint8Array(16),
      stored: true,
      declaredSize: 40 * 2 ** 20,
    };
    expect(lines(wordFile(INTRO, undefined, [picture]))).toEqual([
      '本机关认真贯彻落实政府信息公开条例，全面推进政务公开工作。',
    ]);
  });
});
