import { decodeText, normaliseText } from './decode';
import { fromHtml } from './html';
import { fromText } from './text';
import { ExtractError, type Document } from './types';
import { MAX_TEXT_BYTES } from './zip';

export * from './types';
export { decodeText, normaliseText } from './decode';
export { tabTables, pipeTables, fromText } from './text';
export { fromHtml } from './html';
export { expandZip, ZIP_LIMITS, type ZipLimits, type ZipExpansion, type ZipError } from './zip';
export { metaFromFileName } from './filename';
export { startPdfReader } from './pdf-reader';

/** A page of a photographed report (.png .jpg .tif) as PNG or JPEG, for the report page to show. */
export async function pageImage(bytes: Uint8Array, page: number): Promise<{ type: 'image/png' | 'image/jpeg'; bytes: Buffer } | null> {
  return (await import('./ocr/image')).pageImage(bytes, page);
}

export type FileKind = 'text' | 'html' | 'docx' | 'doc' | 'pdf' | 'zip' | 'image';

/** Decides how to read a file from its first bytes, then its name. */
export function detectKind(bytes: Uint8Array, fileName: string): FileKind | null {
  const ext = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  const b = bytes;
  if (b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return 'pdf';
  if (b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05))
    return ext === 'docx' ? 'docx' : ext === 'zip' && !isOfficePackage(b) ? 'zip' : sniffZip(b);
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return 'doc';
  // a photograph or scan of a page (PNG, JPEG, TIFF): read by OCR; one named as text is refused as text
  if (isImage(b) && !TEXT_EXTENSIONS.includes(ext)) return 'image';
  // a web page whatever its name: portals often serve Word's "save as web page" output as .doc
  const head = new TextDecoder('utf-8')
    .decode(b.subarray(0, 1024))
    .replace(/^\ufeff/, '')
    .trimStart()
    .toLowerCase();
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[^]*?-->\s*)*(?:<!doctype html|<html)/.test(head)) return 'html';
  if (['html', 'htm', 'shtml', 'xhtml'].includes(ext)) return 'html';
  if (TEXT_EXTENSIONS.includes(ext) || ext === '') return 'text';
  if (ext === 'docx') return 'docx';
  if (ext === 'doc') return 'doc';
  if (ext === 'pdf') return 'pdf';
  if (ext === 'zip') return 'zip';
  return null;
}

const TEXT_EXTENSIONS = ['txt', 'text', 'md', 'markdown', 'csv', 'html', 'htm', 'shtml', 'xhtml'];

const isImage = (b: Uint8Array) =>
  (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) ||
  (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) ||
  (b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0x00) ||
  (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0x00 && b[3] === 0x2a);

/** An Office or OpenDocument file starts with its manifest, a batch of reports with a report. */
function isOfficePackage(b: Uint8Array): boolean {
  const nameLength = b[26]! | (b[27]! << 8);
  const first = new TextDecoder('latin1').decode(b.subarray(30, 30 + Math.min(nameLength, 64)));
  return first === '[Content_Types].xml' || first === 'mimetype';
}

function sniffZip(b: Uint8Array): FileKind | null {
  const head = new TextDecoder('latin1').decode(b.subarray(0, 2048));
  if (head.includes('word/')) return 'docx';
  // another Office or OpenDocument file (a spreadsheet, slides) is not a report, nor a batch
  if (/xl\/|ppt\/|mimetypeapplication\/vnd\.oasis\.opendocument\.(?!text)/.test(head)) return null;
  return head.includes('[Content_Types].xml') ? 'docx' : 'zip';
}

/** What a file we cannot read is, by its first bytes or its name: 「Excel 表格（.xlsx）」. */
export function foreignFormat(bytes: Uint8Array, fileName: string): string | null {
  const ext = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  const b = bytes;
  const head = new TextDecoder('latin1').decode(b.subarray(0, 2048));
  if (b[0] === 0x50 && b[1] === 0x4b) {
    if (head.includes('xl/') || ext === 'xlsx') return 'Excel 表格（.xlsx）';
    if (head.includes('ppt/') || ext === 'pptx') return 'PowerPoint 演示文稿（.pptx）';
    if (head.includes('opendocument.spreadsheet')) return 'OpenDocument 表格（.ods）';
    if (head.includes('opendocument.presentation')) return 'OpenDocument 演示文稿（.odp）';
    if (ext === 'ofd') return 'OFD 版式文件（.ofd）';
  }
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) {
    if (ext === 'xls' || ext === 'et') return 'Excel 97-2003 表格（.xls）';
    if (ext === 'ppt' || ext === 'dps') return 'PowerPoint 97-2003 演示文稿（.ppt）';
  }
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'PNG 图片';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'JPEG 图片';
  if ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0x00))
    return 'TIFF 图片';
  if (b[0] === 0x52 && b[1] === 0x61 && b[2] === 0x72 && b[3] === 0x21) return 'RAR 压缩包（.rar）';
  if (b[0] === 0x37 && b[1] === 0x7a && b[2] === 0xbc && b[3] === 0xaf) return '7z 压缩包（.7z）';
  if (head.startsWith('{\\rtf')) return 'RTF 文档（.rtf）';
  return ext ? `扩展名为 .${ext} 的文件` : null;
}

/**
 * What a report can be. An annual report is some ten thousand characters, its web page a few hundred
 * KB; far beyond these a file is not one, and reading it would cost seconds and hundreds of MB.
 */
export const TEXT_LIMITS: Readonly<{ maxBytes: number; maxChars: number }> = {
  /** Bytes of a text file or web page, checked before decoding (and on a zip entry's declared size). */
  maxBytes: MAX_TEXT_BYTES,
  /** Characters of the text read from any file, checked before it is parsed. */
  maxChars: 1_000_000,
};

const megabytes = (n: number) => `${Number((n / 2 ** 20).toFixed(1))} MB`;

function assertLength(length: number, fileName: string): void {
  if (length > TEXT_LIMITS.maxChars) {
    throw new ExtractError(
      'too-large',
      `${fileName}：正文有 ${length} 字，超过 ${TEXT_LIMITS.maxChars / 10_000} 万字的上限，不像是一份年度报告`,
    );
  }
}

function bounded(doc: Document, fileName: string): Document {
  assertLength(doc.text.length, fileName);
  return doc;
}

/** Text and web pages: synchronous, no I/O; the hot path of ingest. */
export function extractText(bytes: Uint8Array, fileName: string, kind: 'text' | 'html'): Document {
  if (bytes.length > TEXT_LIMITS.maxBytes) {
    throw new ExtractError(
      'too-large',
      `${fileName}：文件有 ${megabytes(bytes.length)}，超过文本和网页文件 ${megabytes(TEXT_LIMITS.maxBytes)} 的上限，不像是一份年度报告`,
    );
  }
  const { text, encoding } = decodeText(bytes, fileName);
  // plain text is checked before any work on it; a web page's text is less than its markup
  if (kind === 'text') assertLength(text.length, fileName);
  if (kind === 'html') return bounded({ ...fromHtml(text, fileName), encoding }, fileName);
  return bounded(fromText(normaliseText(text), encoding), fileName);
}

const FORMAT_NAME = {
  docx: 'Word 文件（.docx）',
  doc: 'Word 97-2003 文件（.doc）',
  pdf: 'PDF 文件',
  image: '图片',
} as const;

/**
 * One file's bytes to a Document. Throws ExtractError, and nothing else, for a file that cannot be
 * read; zip archives are batches, not documents: expand them with `expandZip` first.
 */
export async function extract(bytes: Uint8Array, fileName: string): Promise<Document> {
  const kind = detectKind(bytes, fileName);
  if (kind !== 'docx' && kind !== 'doc' && kind !== 'pdf' && kind !== 'image') return extractOne(bytes, fileName, kind);
  try {
    return await extractOne(bytes, fileName, kind);
  } catch (e) {
    if (e instanceof ExtractError) throw e;
    // the binary formats go through third-party readers (pdf.js, word-extractor), which throw
    // whatever they meet in a damaged file
    throw new ExtractError('corrupt', `${fileName}：${FORMAT_NAME[kind]}已损坏，无法读取`, { cause: e });
  }
}

async function extractOne(bytes: Uint8Array, fileName: string, kind: FileKind | null): Promise<Document> {
  switch (kind) {
    case 'text':
    case 'html':
      return extractText(bytes, fileName, kind);
    case 'docx': {
      const { fromDocx } = await import('./docx');
      return bounded(fromDocx(bytes, fileName), fileName);
    }
    case 'doc': {
      const { fromDoc } = await import('./doc');
      return bounded(await fromDoc(bytes, fileName), fileName);
    }
    case 'pdf': {
      const { fromPdf } = await import('./pdf');
      try {
        return bounded(await fromPdf(bytes, fileName), fileName);
      } catch (e) {
        // a scan: read by OCR (issue 19)
        if (!(e instanceof ExtractError) || e.code !== 'ocr-needed') throw e;
        const { fromScannedPdf } = await import('./ocr/index');
        const read = await fromScannedPdf(bytes, fileName).catch((o: unknown) => {
          // nothing legible in the images either: the file is what the PDF reader said
          throw o instanceof ExtractError && (o.code === 'empty' || o.code === 'ocr-needed') ? e : o;
        });
        return bounded(read.document, fileName);
      }
    }
    case 'image': {
      const { fromImages } = await import('./ocr/index');
      return bounded((await fromImages([bytes], fileName)).document, fileName);
    }
    case 'zip':
      // a real archive is expanded before extraction; one named .zip without zip's signature is junk
      if (bytes[0] !== 0x50 || bytes[1] !== 0x4b)
        throw new ExtractError('corrupt', `${fileName}：不是有效的 zip 压缩包（文件已损坏，或扩展名有误）`);
      throw new ExtractError('unsupported-format', `${fileName}：压缩包是一批文件，请逐个导入其中的报告`);
    default:
      throw new ExtractError(
        'unsupported-format',
        `${fileName}：收到的是${foreignFormat(bytes, fileName) ?? '无法识别类型的文件'}，不能作为年度报告导入（支持 .txt .md .html .docx .doc .pdf 文件、.png .jpg .tif 页面图片及 .zip 压缩包）`,
      );
  }
}
