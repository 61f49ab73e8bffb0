import { ExtractError } from './types';


function tryDecode(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** UTF-16 without a BOM shows as many zero bytes, nearly all on one parity. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.2 && evenZero < pairs * 0.02) return 'utf-16le';
  if (evenZero > pairs * 0.2 && oddZero < pairs * 0.02) return 'utf-16be';
  return null;
}

/**
 * Decodes a text file: UTF-8 (with or without BOM), UTF-16 (BOM or sniffed), else GB18030 (a superset
 * of GBK and GB2312). Text that decodes to nonsense (binary junk, control characters) is an error for
 * the file rather than garbage for the database.
 */
export function decodeText(bytes: Uint8Array, fileName: string): { text: string; encoding: string } {
  let encoding: string;
  let text: string | null;
  // a UTF-8 BOM needs no branch of its own: TextDecoder drops it (UTF-16's BOMs name the byte order)
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    text = tryDecode(bytes.subarray(2), encoding);
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    text = tryDecode(bytes.subarray(2), encoding);
  } else {
    const utf16 = sniffUtf16(bytes);
    encoding = utf16 ?? 'utf-8';
    text = tryDecode(bytes, encoding);
    if (text === null && !utf16) {
      encoding = 'gb18030';
      text = tryDecode(bytes, encoding);
    }
  }
  if (text === null) {
    throw new ExtractError('encoding', `${fileName}：无法识别文件编码（既不是 UTF-8、UTF-16，也不是 GBK/GB18030）`);
  }
  assertPlausible(text, fileName);
  return { text, encoding };
}

let common: Uint8Array | undefined;
/**
 * The 3 755 常用字 of GB 2312 level 1 (rows 0xB0–0xD7), by code unit: over 99 % of the Chinese of any
 * report, a third or less of random characters (bytes that happen to decode, a wrong encoding).
 */
function commonChars(): Uint8Array {
  if (!common) {
    const bytes: number[] = [];
    for (let lead = 0xb0; lead <= 0xd7; lead++) for (let trail = 0xa1; trail <= 0xfe; trail++) bytes.push(lead, trail);
    const chars = new TextDecoder('gb18030').decode(new Uint8Array(bytes));
    common = new Uint8Array(0x10000);
    for (let i = 0; i < chars.length; i++) common[chars.charCodeAt(i)] = 1;
  }
  return common;
}

/**
 * Rejects decoded text that is not a Chinese document: control characters, no Chinese at all, or
 * "Chinese" that is mostly rare characters (binary junk or another encoding that happened to decode).
 */
export function assertPlausible(text: string, fileName: string): void {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const isCommon = commonChars();
  let controls = 0;
  let cjk = 0;
  let usual = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c >= 0x3400 && c <= 0x9fff) {
      cjk++;
      usual += isCommon[c]!;
    } else if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0x7f || c === 0xfffd) controls++;
  }
  if (!sample.trim()) throw new ExtractError('empty', `${fileName}：文件内容为空`);
  if (controls > Math.max(4, sample.length * 0.001)) {
    throw new ExtractError('encoding', `${fileName}：内容含大量控制字符或乱码，不是可读的文本文件`);
  }
  if (cjk < 20) {
    throw new ExtractError('encoding', `${fileName}：文件中几乎没有中文内容，不像是政府信息公开年度报告`);
  }
  if (cjk >= 50 && usual < cjk * 0.6) {
    throw new ExtractError(
      'encoding',
      `${fileName}：文字大多是生僻字，是乱码（编码无法识别或不是文本文件），不是可读的报告`,
    );
  }
}

/**
 * Line endings to \n, no BOM, no page breaks, no NUL characters (a text no reader shows, and one
 * PostgreSQL's text type cannot store); page-number lines (「-3-」「— 1 —」) dropped.
 */
export function normaliseText(text: string): string {
  return text
    .replace(/^\ufeff/, '')
    .replace(/\u0000/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '\n')
    .replace(/^[ \t\u3000]*[-—–]{1,2}[ \u3000]*\d{1,3}[ \u3000]*[-—–]{1,2}[ \t\u3000]*\n/gm, '');
}
