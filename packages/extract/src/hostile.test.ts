/**
 * Hostile and broken files, as an upload may bring them: truncated or crafted archives, corrupt Word
 * and PDF files, binary junk named .txt, 50 MB on one line, markup nested 100 000 deep, scripts in a
 * page. Each is refused with its error code and a Chinese message naming the file, or read, in bounded
 * time and memory; never an exception of another kind, never a hang, never a script in the text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParsedReport } from '@nianbao/model';
// test-only: what the parser makes of the hostile text that extract lets through
import { parse } from '@nianbao/parser';
import { TreeParser } from './dom';
import { fromHtml } from './html';
import { expandZip, extract, ExtractError, TEXT_LIMITS, type Document, type ExtractErrorCode } from './index';
import { readPdf } from './pdf';
import { cellTexts } from './testing/grids';
import { writeZip } from './testing/zip-writer';

const SEEDS = join(import.meta.dirname, '../../../data/samples');
const CORPUS = join(import.meta.dirname, '../../../../shared/corpus');
const FIXTURES = join(import.meta.dirname, '../fixtures');
const SHUYANG = 'suqian-shuyangxian-fazhangaigeju_2023.html';
const shuyangHtml = readFileSync(join(CORPUS, SHUYANG), 'utf8');
const xinyu = new Uint8Array(readFileSync(join(SEEDS, '004_52ba3b16510502cd.txt')));
const xinyuDocx = new Uint8Array(readFileSync(join(FIXTURES, '004_52ba3b16510502cd.docx')));
const xinyuPdf = new Uint8Array(readFileSync(join(FIXTURES, '004_52ba3b16510502cd.pdf')));

const utf8 = (s: string) => new TextEncoder().encode(s);
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** Deterministic pseudo-random bytes. */
function junk(n: number, seed: number, from = 0, to = 255): Uint8Array {
  let x = seed;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = from + ((x >>> 16) % (to - from + 1));
  }
  return out;
}

/** extract() rejects with this code, and a Chinese message that names the file. */
async function refused(bytes: Uint8Array, name: string, code: ExtractErrorCode, message?: RegExp) {
  const error = await extract(bytes, name).then(
    (doc) => new Error(`read as ${doc.format}: ${JSON.stringify(doc.text.slice(0, 80))}`),
    (e: unknown) => e,
  );
  if (!(error instanceof ExtractError)) throw error;
  expect(error.code, error.message).toBe(code);
  expect(error.message.startsWith(`${name}：`), error.message).toBe(true);
  expect(error.message).toMatch(/[\u4e00-\u9fff]{4}/);
  if (message) expect(error.message).toMatch(message);
  return error;
}

/** A PDF written object by object; `xref` may point entries wherever a test wants. */
function pdf(objects: string[], xref: (offsets: number[]) => number[] = (o) => o): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const start = out.length;
  const entries = xref(offsets).map((n) => `${String(n).padStart(10, '0')} 00000 n \n`);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries.join('')}`;
  out += `trailer\n<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${start}\n%%EOF\n`;
  return latin1(out);
}
const onePage = (content: string) =>
  pdf([
    '<</Type/Catalog/Pages 2 0 R>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>',
    `<</Length ${content.length}>>\nstream\n${content}\nendstream`,
    '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>',
  ]);

const CONTENT_TYPES = {
  name: '[Content_Types].xml',
  data: utf8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
};
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const docx = (documentXml: string | Uint8Array) =>
  writeZip([
    CONTENT_TYPES,
    { name: 'word/document.xml', data: typeof documentXml === 'string' ? utf8(documentXml) : documentXml },
  ]);

// ---------------------------------------------------------------------------------------------

describe('archives: truncated, bombs, path traversal, nesting', () => {
  const batch = writeZip([
    { name: '新余.txt', data: xinyu },
    { name: '沭阳.html', data: utf8(shuyangHtml) },
  ]);

  it('a truncated zip is one error for the archive, never an exception', () => {
    for (const cut of [batch.length - 1, batch.length - 22, Math.floor(batch.length / 2), 100, 4, 0]) {
      const r = expandZip(batch.subarray(0, cut), '上传.zip');
      expect(r.entries).toEqual([]);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]!.file).toBe('上传.zip');
      expect(r.errors[0]!.error.code).toBe('corrupt');
      expect(r.errors[0]!.error.message).toMatch(/^上传\.zip：无法打开压缩包：/);
    }
  });

  it('a zip whose directory survives but whose data was cut loses the files cut, with their names', () => {
    // the directory of the whole archive, glued after the first half of its data
    const cdAt = new DataView(batch.buffer).getUint32(batch.length - 6, true);
    const glued = new Uint8Array([...batch.subarray(0, 200), ...batch.subarray(cdAt)]);
    new DataView(glued.buffer).setUint32(glued.length - 6, 200, true);
    const r = expandZip(glued, '上传.zip');
    expect(r.entries).toEqual([]);
    expect(r.errors.map((e) => [e.file, e.error.code])).toEqual([
      ['新余.txt', 'corrupt'],
      ['沭阳.html', 'corrupt'],
    ]);
    for (const e of r.errors) expect(e.error.message).toContain(`上传.zip 中的「${e.file}」`);
  });

  it('a zip given to extract() as a document is sent back as a batch', async () => {
    await refused(batch, '上传.zip', 'unsupported-format', /压缩包是一批文件/);
  });

  it('refuses zip bombs: by compression ratio before inflating, and by a header that lies', () => {
    const zeros = new Uint8Array(4 * 2 ** 20);
    const r = expandZip(
      writeZip([
        { name: '炸弹.txt', data: zeros },
        { name: '说谎.txt', data: zeros, declaredSize: 10_000 },
        { name: '新余.txt', data: xinyu },
      ]),
      '炸弹.zip',
    );
    expect(r.entries.map((e) => e.name)).toEqual(['新余.txt']);
    expect(r.errors.map((e) => [e.file, e.error.code])).toEqual([
      ['炸弹.txt', 'zip-bomb'],
      ['说谎.txt', 'zip-bomb'],
    ]);
    for (const e of r.errors) expect(e.error.message).toContain(`炸弹.zip 中的「${e.file}」`);
  });

  it('a .docx that is a bomb (document.xml of a lying size) is corrupt, not inflated', async () => {
    const xml = utf8(`<w:document ${W}><w:body>${'<w:p/>'.repeat(200_000)}</w:body></w:document>`);
    const bomb = writeZip([CONTENT_TYPES, { name: 'word/document.xml', data: xml, declaredSize: 1000 }]);
    await refused(bomb, '炸弹.docx', 'corrupt');
  });

  it('refuses path traversal, absolute paths and drive letters, with either slash', () => {
    const r = expandZip(
      writeZip([
        { name: '../逃逸.txt', data: xinyu },
        { name: '..\\..\\逃逸.txt', data: xinyu },
        { name: '报告/../../逃逸.txt', data: xinyu },
        { name: '/etc/cron.d/逃逸', data: xinyu },
        { name: 'D:\\逃逸.txt', data: xinyu },
        { name: '报告/新余.txt', data: xinyu },
      ]),
      '路径.zip',
    );
    expect(r.entries.map((e) => e.name)).toEqual(['报告/新余.txt']);
    expect(r.errors.map((e) => e.error.code)).toEqual(Array(5).fill('unsafe-path'));
    for (const e of r.errors) expect(e.error.message).toContain(`路径.zip 中的「${e.file}」路径不安全`);
  });

  it('opens a zip in the zip, not a zip in that one, however deep they go', () => {
    let nested = writeZip([{ name: '最深.txt', data: xinyu }]);
    for (let level = 5; level >= 1; level--) nested = writeZip([{ name: `第${level}层.zip`, data: nested }]);
    const r = expandZip(nested, '套娃.zip');
    expect(r.entries).toEqual([]);
    expect(r.errors).toEqual([
      {
        file: '第1层.zip/第2层.zip',
        error: {
          code: 'too-deep',
          message: '套娃.zip 中的「第1层.zip/第2层.zip」是压缩包中的压缩包，嵌套超过 1 层，未打开',
        },
      },
    ]);
  });

  it('counts the files of nested zips against one limit', () => {
    const inner = writeZip(Array.from({ length: 4 }, (_, i) => ({ name: `${i}.txt`, data: xinyu })));
    const r = expandZip(
      writeZip([
        { name: 'a.zip', data: inner },
        { name: 'b.zip', data: inner },
      ]),
      '多.zip',
      { maxEntries: 6 },
    );
    expect(r.entries).toHaveLength(4);
    expect(r.errors.map((e) => [e.file, e.error.code])).toEqual([['b.zip', 'too-large']]);
    expect(r.errors[0]!.error.message).toMatch(/^b\.zip：文件数超过上限 6 个/);
  });

  it('never throws on a mutated archive: every refusal names the archive or the file in it', () => {
    const zip = writeZip([
      { name: '新余.txt', data: xinyu },
      { name: '内层.zip', data: writeZip([{ name: '沭阳.html', data: utf8(shuyangHtml) }]) },
      { name: '新余.docx', data: xinyuDocx, stored: true },
    ]);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0.5, max: 1, noNaN: true }),
        (flips, keep) => {
          const bytes = zip.slice(0, Math.ceil(zip.length * keep));
          for (const [at, b] of flips) bytes[at % bytes.length] = b;
          const r = expandZip(bytes, '变异.zip');
          for (const e of r.errors) {
            expect(e.error.message).toMatch(/[\u4e00-\u9fff]/);
            expect(e.error.message.startsWith('变异.zip') || e.error.message.startsWith(`${e.file}：`)).toBe(true);
          }
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('corrupt Word files', () => {
  it('a truncated .docx is corrupt', async () => {
    await refused(xinyuDocx.subarray(0, Math.floor(xinyuDocx.length * 0.7)), '截断.docx', 'corrupt', /已损坏或不完整/);
  });

  it('a .docx with damaged compressed data is corrupt', async () => {
    const damaged = docx(`<w:document ${W}><w:body><w:p><w:r><w:t>${'政府信息公开'.repeat(50)}</w:t></w:r></w:p></w:body></w:document>`);
    damaged.fill(0x55, 120, 150);
    await refused(damaged, '损坏.docx', 'corrupt');
  });

  it('a zip named .docx without word/document.xml is not a Word file', async () => {
    await refused(writeZip([CONTENT_TYPES]), '空壳.docx', 'corrupt', /缺少正文部分 word\/document\.xml/);
  });

  it('a document.xml of binary garbage is corrupt', async () => {
    await refused(docx(junk(100_000, 1)), '乱码.docx', 'corrupt', /word\/document\.xml 已损坏/);
  });

  it('a document.xml that inflates past 16 MB is refused by its size, before it is inflated', async () => {
    const p = '<w:p><w:r><w:t>政府信息公开工作年度报告</w:t></w:r></w:p>';
    const xml = utf8(`<w:document ${W}><w:body>${p.repeat(Math.ceil(17 * 2 ** 20 / p.length))}</w:body></w:document>`);
    const big = docx(xml);
    expect(big.length).toBeLessThan(200_000);
    const started = performance.now();
    await refused(big, '巨大.docx', 'too-large', /word\/document\.xml 解压后有 \d+ MB，超过 16 MB 的上限/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('a document.xml cut off mid-paragraph keeps what arrived', async () => {
    const text = '南开区政府信息公开工作年度报告'.repeat(4);
    const doc = await extract(docx(`<w:document ${W}><w:body><w:p><w:r><w:t>${text}`), '半截.docx');
    expect(doc.text.trim()).toBe(text);
    // and what arrived is too little to be a report
    await refused(docx(`<w:document ${W}><w:body><w:p><w:r><w:t>政府信息公开`), '半截.docx', 'encoding');
  });

  it('a document.xml nested 100 000 tables deep is read in bounded time, without a stack overflow', async () => {
    const deep = `<w:document ${W}><w:body>${'<w:tbl><w:tr><w:tc>'.repeat(100_000)}<w:p><w:r><w:t>政府信息公开</w:t></w:r></w:p>`;
    await refused(docx(deep), '深.docx', 'empty');
  });

  it('a .doc of junk is corrupt', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...junk(20_000, 2)]);
    await refused(ole, '乱码.doc', 'corrupt');
  });
});

describe('corrupt PDFs', () => {
  it('junk after a PDF header is corrupt', async () => {
    await refused(new Uint8Array([...latin1('%PDF-1.7\n'), ...junk(300_000, 3)]), '乱码.pdf', 'corrupt', /PDF 文件已损坏/);
  });

  it('a truncated PDF is corrupt', async () => {
    await refused(xinyuPdf.subarray(0, Math.floor(xinyuPdf.length * 0.6)), '截断.pdf', 'corrupt');
  });

  it('a page whose content stream pdf.js cannot read is corrupt, not pdf.js’s own exception', async () => {
    const error = await refused(onePage('-\x7f BT ET'), '坏页.pdf', 'corrupt', /PDF 文件已损坏/);
    expect(error.cause).toBeDefined();
  });

  it('a PDF without text asks for OCR', async () => {
    await refused(onePage('0 0 m 100 100 l S'), '扫描.pdf', 'ocr-needed');
  });

  // the ruling lines are recorded in pdf.js's text pass (text-only mode): an operation that fails there
  // (a colour in the Pattern space, without a pattern) ends the lines, as it ended pdf.js's operator
  // list, and never the text
  it('a drawing operation that fails ends the ruling lines, not the text', async () => {
    const content = '72 650 m 500 650 l S /Pattern cs 0.5 sc BT /F1 12 Tf 72 700 Td (Hello world text) Tj ET 72 600 m 500 600 l S';
    const { pages } = await readPdf(onePage(content), '图案.pdf');
    expect(pages.map((p) => p.boxes.map((b) => b.str))).toEqual([['Hello world text']]);
    expect(pages[0]!.rules).toEqual([{ x0: 72, y0: 142, x1: 500, y1: 142 }]);
  });

  // pdfjs-dist 6.5.438's Catalog.getPageDict prefetches the top-level /Kids with xref.fetchAsync into a
  // cache; when the first is a bad xref entry, pdf.js rebuilds the xref and the other bad one's
  // rejection is never handled. Run in this thread, that killed the process (Node's
  // --unhandled-rejections=throw) once extract() had returned: pdf.js runs in a worker thread, where it
  // is dropped, and the same worker goes on to the next file.
  it('a page tree whose kids point at bad xref entries is refused, and leaves no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const listen = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', listen);
    const catalog = ['<</Type/Catalog/Pages 2 0 R>>', '<</Type/Pages/Kids[3 0 R 4 0 R 5 0 R]/Count 3>>'];
    const page = '<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>';
    try {
      // kids 4 and 5 point into object 1: the second page is damaged
      await refused(pdf([...catalog, page], (o) => [...o, o[0]! + 3, o[0]! + 5]), '坏目录.pdf', 'corrupt');
      // kids 3 and 5 do (read in pdf.js's recovery mode: pages without text); this one left the rejection
      const kids = pdf([...catalog, page, page, page], (o) => [o[0]!, o[1]!, o[0]! + 3, o[3]!, o[0]! + 5]);
      await refused(kids, '坏目录.pdf', 'ocr-needed');
      await new Promise((r) => setTimeout(r, 200));
      expect(unhandled).toEqual([]);
      expect((await extract(xinyuPdf, 'next.pdf')).format).toBe('pdf');
    } finally {
      process.off('unhandledRejection', listen);
    }
  });
});

describe('binary junk named .txt is refused as not text, never stored as garbage', () => {
  it('random bytes', async () => {
    await refused(junk(2 * 2 ** 20, 11), '乱码.txt', 'encoding', /控制字符或乱码|无法识别文件编码/);
  });

  it('random bytes without control characters (no valid encoding)', async () => {
    await refused(junk(100_000, 12, 0x20, 0xff), '乱码.txt', 'encoding');
  });

  it('bytes that all happen to be valid GBK: "Chinese" of rare characters', async () => {
    const pairs = junk(100_000, 13, 0x81, 0xfe).map((b, i) => (i % 2 ? 0xa1 + (b % 94) : b));
    await refused(pairs, '乱码.txt', 'encoding', /生僻字/);
  });

  it('random CJK characters in valid UTF-8', async () => {
    const chars = Array.from(junk(20_000, 14), (b, i) => String.fromCharCode(0x4e00 + ((b * 131 + i * 977) % 0x5200)));
    await refused(utf8(chars.join('')), '乱码.txt', 'encoding', /生僻字/);
  });

  it('an image renamed .txt', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...junk(50_000, 15)]);
    await refused(png, '截图.txt', 'encoding');
  });

  it('an empty or blank file', async () => {
    await refused(new Uint8Array(0), '空.txt', 'empty');
    await refused(utf8(' \n\t\u3000\n'), '空.txt', 'empty');
  });

  it('text with no Chinese', async () => {
    await refused(utf8('lorem ipsum dolor sit amet\n'.repeat(100)), 'english.txt', 'encoding', /几乎没有中文/);
  });
});

describe('huge inputs finish in bounded time and memory', () => {
  it('50 MB on one line is refused before it is decoded', async () => {
    const line = Buffer.alloc(50 * 2 ** 20, '政府信息公开工作年度报告 收到申请 12 件 ');
    // past its first KB, bytes that decoding would refuse as 'encoding': they are never looked at
    line.set(junk(2 ** 20, 5), 1024);
    const started = performance.now();
    await refused(line, '一行.txt', 'too-large', /50 MB，超过文本和网页文件 20 MB 的上限/);
    await refused(line, '一行.html', 'too-large');
    expect(performance.now() - started).toBeLessThan(250);
  });

  it('text over a million characters is refused before it is parsed', async () => {
    const line = utf8('政府信息公开工作年度报告收到申请12件'.repeat(Math.ceil(TEXT_LIMITS.maxChars / 19) + 1));
    await refused(line, '长.txt', 'too-large', /超过 100 万字的上限/);
  });

  it('a web page of over a million characters of text is refused', async () => {
    const p = `<p>${'政府信息公开工作年度报告收到申请12件'.repeat(100)}</p>`;
    const page = utf8(`<html><body>${p.repeat(Math.ceil(TEXT_LIMITS.maxChars / 1900) + 1)}</body></html>`);
    await refused(page, '长.html', 'too-large', /超过 100 万字的上限/);
  });

  it('a single line just under the limit is read and parsed', async () => {
    const line = '二、主动公开政府信息情况 第二十条 规章 12 件 '.repeat(Math.floor((TEXT_LIMITS.maxChars - 100) / 30));
    const doc = await extract(utf8(line), '一行.txt');
    expect(doc.text.length).toBeLessThanOrEqual(TEXT_LIMITS.maxChars);
    const report = parse(doc, { file: '一行.txt', sha256: '' });
    expect(ParsedReport.safeParse(report).success).toBe(true);
    expect(report.cells['t2.regulations.made']).toBeDefined();
  });

  it('a page of 30 000 small tables is read and parsed (parse once scanned every table for every line)', async () => {
    const page = '第二十条 政府信息公开\n' + '\t规章\n\t1\n\n说明\n'.repeat(30_000);
    const doc = await extract(utf8(page), '多表.txt');
    expect(doc.tables).toHaveLength(30_000);
    const report = parse(doc, { file: '多表.txt', sha256: '' });
    expect(report.cells['t2.regulations.made']).toMatchObject({ state: 'value', value: 1 });
  });

  it('numbers of hundreds of digits are text, not Infinity (which JSON stores as null)', async () => {
    const huge = new TextDecoder()
      .decode(xinyu)
      .replace(/^\t(\d+)$/gm, `\t${'9'.repeat(400)}`)
      .replace(/^\t0$/m, `\t${'一二三四五六七八九'.repeat(50)}`);
    const doc = await extract(utf8(huge), '大数.txt');
    const report = parse(doc, { file: '大数.txt', sha256: '' });
    const cells = Object.values(report.cells);
    expect(cells.filter((c) => c.raw.includes('9'.repeat(400))).length).toBeGreaterThan(0);
    for (const c of cells) {
      if (c.value !== null) expect(Number.isFinite(c.value)).toBe(true);
      if (c.raw.length > 300) expect(c).toMatchObject({ state: 'text', value: null });
    }
  });
});

describe('deeply nested HTML', () => {
  const original = fromHtml(shuyangHtml, SHUYANG);
  const wrap = (open: string, n: number) =>
    shuyangHtml.replace('<div class="article-content" id="zoomcon">', (m) => open.repeat(n) + m);

  it('htmlparser2 still has the stacks that TreeParser makes linear', () => {
    expect(new TreeParser({}, {}).linear).toBe(true);
  });

  it('reads elements named like the properties of every object (<constructor>, <__proto__>, <toString>)', () => {
    const doc = fromHtml(wrap('<constructor><__proto__ hasOwnProperty="1"><toString><valueOf>', 1), SHUYANG);
    expect(cellTexts(doc.tables)).toEqual(cellTexts(original.tables));
    expect(doc.meta).toEqual(original.meta);
  });

  it('keeps the tables and metadata of a report inside 100 000 unclosed <div>s', () => {
    const doc = fromHtml(wrap('<div>', 100_000), SHUYANG);
    expect(cellTexts(doc.tables)).toEqual(cellTexts(original.tables));
    expect(doc.meta).toEqual(original.meta);
  });

  it('reads 100 000 unclosed tables, rows and cells, stray end tags, <svg>s, each in bounded time', async () => {
    for (const [name, open] of [
      ['tables', '<table><tr><td>'],
      ['mixed', '<div><span><b><table><tr><td><p>'],
      ['strays', '<div></span></td>'],
      ['svg', '<svg>'],
      ['li', '<ul><li>'],
    ]) {
      const tags = open!.split('<').length - 1;
      const page = `<html><head><title>沭阳县发展和改革局2023年政府信息公开工作年度报告</title></head><body>${open!.repeat(100_000 / tags)}${'南开区政府信息公开工作年度报告'.repeat(5)}`;
      const doc = await extract(utf8(page), `${name}.html`).catch((e: unknown) => e);
      // read, or refused for what it is: never another exception
      if (doc instanceof Error) expect(doc, name).toBeInstanceOf(ExtractError);
      else expect((doc as Document).format).toBe('html');
    }
  });
});

describe('scripts, styles and event handlers never reach the text', () => {
  const MARK = /alert|pwned|evil|javascript|onerror|onload|onclick|expression|@import|document\.|window\./i;
  const hostile = `<!DOCTYPE html><html><head>
    <script>document.title="pwned"</script><SCRIPT type="text/javascript">alert(1)</SCRIPT>
    <style>@import url(evil.css); body{background:expression(alert(2))}</style>
    <meta http-equiv="refresh" content="0;url=javascript:alert(3)"><base href="javascript:alert(4)//">
    <title>沭阳县发展和改革局2023年政府信息公开工作年度报告</title></head>
    <body onload="alert(5)">
    <div id="zoomcon" onclick="alert(6)">
    <p onmouseover="alert(7)">一、总体情况：本机关认真贯彻落实政府信息公开条例，全面推进政务公开工作。</p>
    <img src=x onerror="alert(8)"><svg onload="alert(9)"><script>alert(10)</script></svg>
    <iframe src="javascript:alert(11)" srcdoc="<script>alert(12)</script>"></iframe>
    <object data="evil.swf"><embed src="evil.swf"></object><noscript><p>evil noscript</p></noscript>
    <template><p>evil template</p></template><textarea>evil textarea</textarea>
    <a href="javascript:alert(13)">二、主动公开政府信息情况</a>
    <math><mtext><script>alert(14)</script></mtext></math>
    <!-- <script>alert(16)</script> --><![CDATA[<script>alert(17)</script>]]>
    <p style="display:none">evil hidden</p><div hidden>evil hidden</div>
    <table><tr><td onclick="alert(18)">规章</td><td>1<script>alert(19)</script></td><td>0</td><td>5</td></tr></table>
    <p>三、收到和处理政府信息公开申请情况，本年新收政府信息公开申请数量为零。</p>
    </div>
    <script>alert(20)`;

  it('in a page read by its name', async () => {
    const doc = await extract(utf8(hostile), 'evil.html');
    expect(doc.text).toContain('本机关认真贯彻落实政府信息公开条例');
    expect(doc.text).toContain('二、主动公开政府信息情况');
    expect(doc.text).not.toMatch(MARK);
    expect(doc.text).not.toContain('<');
    for (const cell of doc.tables.flatMap((t) => t.rows.flat())) expect(cell.text).not.toMatch(MARK);
    expect(JSON.stringify(doc.meta)).not.toMatch(MARK);
  });

  it('in a page that calls itself .doc or .txt (read as a page by its bytes)', async () => {
    for (const name of ['evil.doc', 'evil.txt']) {
      const doc = await extract(utf8(hostile), name);
      expect(doc.format).toBe('html');
      expect(doc.text).not.toMatch(MARK);
    }
  });
});
