import { decodeText, normaliseText } from './decode';
import { fromHtml } from './html';
import { fromText } from './text';
import { ExtractError, type Document } from './types';

export * from './types';
export { decodeText, normaliseText } from './decode';
export { tabTables, pipeTables, fromText } from './text';
export { fromHtml } from './html';
export { expandZip, ZIP_LIMITS, type ZipLimits, type ZipExpansion, type ZipError } from './zip';
export { metaFromFileName } from './filename';

export type FileKind = 'text' | 'html' | 'docx' | 'doc' | 'pdf' | 'zip';

/** Decides how to read a file from its first bytes, then its name. */
export function detectKind(bytes: Uint8Array, fileName: string): FileKind | null {
  const ext = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  const b = bytes;
  if (b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return 'pdf';
  if (b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05))
    return ext === 'docx' ? 'docx' : ext === 'zip' ? 'zip' : sniffZip(b);
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return 'doc';
  // a web page whatever its name: portals often serve Word's "save as web page" output as .doc
  const head = new TextDecoder('utf-8')
    .decode(b.subarray(0, 1024))
    .replace(/^\ufeff/, '')
    .trimStart()
    .toLowerCase();
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[^]*?-->\s*)*(?:<!doctype html|<html)/.test(head)) return 'html';
  if (['html', 'htm', 'shtml', 'xhtml'].includes(ext)) return 'html';
  if (['txt', 'text', 'md', 'markdown', 'csv', ''].includes(ext)) return 'text';
  if (ext === 'docx') return 'docx';
  if (ext === 'doc') return 'doc';
  if (ext === 'pdf') return 'pdf';
  if (ext === 'zip') return 'zip';
  return null;
}

function sniffZip(b: Uint8Array): FileKind {
  const head = new TextDecoder('latin1').decode(b.subarray(0, 2048));
  return head.includes('word/') || head.includes('[Content_Types].xml') ? 'docx' : 'zip';
}

/** Text and web pages: synchronous, no I/O; the hot path of ingest. */
export function extractText(bytes: Uint8Array, fileName: string, kind: 'text' | 'html'): Document {
  const { text, encoding } = decodeText(bytes, fileName);
  if (kind === 'html') return { ...fromHtml(text, fileName), encoding };
  return fromText(normaliseText(text), encoding);
}

/**
 * One file's bytes to a Document. Throws ExtractError for a file that cannot be read; zip archives
 * are batches, not documents: expand them with `expandZip` first.
 */
export async function extract(bytes: Uint8Array, fileName: string): Promise<Document> {
  const kind = detectKind(bytes, fileName);
  switch (kind) {
    case 'text':
    case 'html':
      return extractText(bytes, fileName, kind);
    case 'docx': {
      const { fromDocx } = await import('./docx');
      return fromDocx(bytes, fileName);
    }
    case 'doc': {
      const { fromDoc } = await import('./doc');
      return fromDoc(bytes, fileName);
    }
    case 'pdf': {
      const { fromPdf } = await import('./pdf');
      return fromPdf(bytes, fileName);
    }
    case 'zip':
      throw new ExtractError('unsupported-format', `${fileName}：压缩包是一批文件，请逐个导入其中的报告`);
    default:
      throw new ExtractError(
        'unsupported-format',
        `${fileName}：不支持的文件类型（支持 .txt .md .html .docx .doc .pdf 及 .zip 压缩包）`,
      );
  }
}
