import { Inflate } from 'fflate';
import type { ExtractErrorCode } from './types';

export interface ZipLimits {
  /** Files read from one upload (nested archives included); the rest are reported, not read. */
  maxEntries: number;
  /** Bytes, uncompressed, per file. */
  maxEntrySize: number;
  /** Bytes, uncompressed, for the whole upload. */
  maxTotalSize: number;
  /** Uncompressed ÷ compressed size, checked for files over 1 MiB (small files may compress well). */
  maxRatio: number;
  /** How deep zips inside the zip are opened: 1 = a zip in the zip, not a zip in that one. */
  maxDepth: number;
  /**
   * Bytes, uncompressed, of a text file or web page (by its name): what extraction accepts
   * (TEXT_LIMITS.maxBytes), checked on the declared size so that a bigger one is never inflated.
   */
  maxTextSize?: number;
}

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 5000,
  maxEntrySize: 100 * 2 ** 20,
  maxTotalSize: 512 * 2 ** 20,
  maxRatio: 200,
  maxDepth: 1,
};

/** The default of `ZipLimits.maxTextSize`: extract's TEXT_LIMITS.maxBytes. */
export const MAX_TEXT_BYTES = 20 * 2 ** 20;

/** Names read as text or web pages (extract's detectKind by extension). */
const TEXT_NAME = /\.(?:txt|text|md|markdown|csv|html?|shtml|xhtml)$/i;

const RATIO_FLOOR = 2 ** 20;
const size = (n: number) =>
  n >= 2 ** 20 ? `${Number((n / 2 ** 20).toFixed(1))} MB` : `${Number((n / 1024).toFixed(1))} KB`;

export interface ZipError {
  file: string;
  error: { code: ExtractErrorCode; message: string };
}

export interface ZipExpansion {
  entries: { name: string; bytes: Uint8Array }[];
  errors: ZipError[];
}

/** One file of an archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

class ZipFault extends Error {
  constructor(
    readonly code: ExtractErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// 32-bit integers, not an Array of (heap) numbers above 2^31: several times faster on a 60 MB part
const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

export function crc32(bytes: Uint8Array, crc = 0): number {
  crc = ~crc;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * File names: UTF-8 when flagged (bit 11) or carried in an Info-ZIP Unicode Path field; otherwise the
 * bytes as the archiver wrote them, which on Chinese Windows is GBK: valid UTF-8 is taken as UTF-8
 * (macOS archives do not set the flag), anything else as GB18030.
 */
function decodeName(raw: Uint8Array, flags: number, extra: Map<number, Uint8Array>): string {
  if (flags & 0x800) return new TextDecoder('utf-8').decode(raw);
  const unicode = extra.get(0x7075);
  if (unicode && unicode.length > 5 && unicode[0] === 1) {
    const view = new DataView(unicode.buffer, unicode.byteOffset, unicode.byteLength);
    if (view.getUint32(1, true) === crc32(raw)) return new TextDecoder('utf-8').decode(unicode.subarray(5));
  }
  return utf8(raw) ?? new TextDecoder('gb18030').decode(raw);
}

function extraFields(bytes: Uint8Array): Map<number, Uint8Array> {
  const fields = new Map<number, Uint8Array>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let p = 0; p + 4 <= bytes.length;) {
    const id = view.getUint16(p, true);
    const len = view.getUint16(p + 2, true);
    fields.set(id, bytes.subarray(p + 4, Math.min(p + 4 + len, bytes.length)));
    p += 4 + len;
  }
  return fields;
}

const corrupt = (what: string) => new ZipFault('corrupt', what);

/** The central directory: every entry's name, sizes and where its data is. Throws ZipFault. */
export function listZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (p: number) => view.getUint16(p, true);
  const u32 = (p: number) => view.getUint32(p, true);
  const u64 = (p: number) => Number(view.getBigUint64(p, true));
  let eocd = -1;
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - 0xffff); p--) {
    if (u32(p) === 0x06054b50) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw corrupt('找不到压缩包目录，文件不完整（可能下载中断）或不是 zip 文件');
  let count = u16(eocd + 10);
  let offset = u32(eocd + 16);
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && u32(eocd - 20) === 0x07064b50) {
    const z = u64(eocd - 12);
    if (z + 56 > bytes.length || u32(z) !== 0x06064b50) throw corrupt('ZIP64 目录损坏');
    count = u64(z + 32);
    offset = u64(z + 48);
  }
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || u32(p) !== 0x02014b50) throw corrupt('压缩包目录损坏或不完整');
    const nameLen = u16(p + 28);
    const extraLen = u16(p + 30);
    if (p + 46 + nameLen + extraLen > bytes.length) throw corrupt('压缩包目录损坏或不完整');
    const extra = extraFields(bytes.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen));
    const entry: ZipEntry = {
      name: decodeName(bytes.subarray(p + 46, p + 46 + nameLen), u16(p + 8), extra),
      flags: u16(p + 8),
      method: u16(p + 10),
      crc: u32(p + 16),
      compressedSize: u32(p + 20),
      size: u32(p + 24),
      localOffset: u32(p + 42),
    };
    const zip64 = extra.get(0x0001);
    if (zip64) {
      // present only for the fields that overflowed, in this order
      const z = new DataView(zip64.buffer, zip64.byteOffset, zip64.byteLength);
      let q = 0;
      const next = () => (q + 8 <= z.byteLength ? Number(z.getBigUint64((q += 8) - 8, true)) : 0);
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localOffset === 0xffffffff) entry.localOffset = next();
    }
    entries.push(entry);
    p += 46 + nameLen + extraLen + u16(p + 32);
  }
  return entries;
}

/** An entry's bytes, never more than `maxSize` of them whatever the headers claim. Throws ZipFault. */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, maxSize: number): Uint8Array {
  if (entry.flags & 1) throw new ZipFault('encrypted', '文件已加密，无法读取');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const p = entry.localOffset;
  if (p + 30 > bytes.length || view.getUint32(p, true) !== 0x04034b50) throw corrupt('数据损坏或不完整');
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  if (start + entry.compressedSize > bytes.length) throw corrupt('数据不完整（压缩包可能被截断）');
  const data = bytes.subarray(start, start + entry.compressedSize);
  const limit = Math.min(entry.size, maxSize);
  let out: Uint8Array;
  if (entry.method === 0) {
    out = data.slice();
  } else if (entry.method === 8) {
    // streamed in small pieces so that a lying header cannot make us inflate gigabytes
    const chunks: Uint8Array[] = [];
    let produced = 0;
    const inflate = new Inflate((chunk) => {
      chunks.push(chunk);
      produced += chunk.length;
    });
    try {
      for (let i = 0; i < data.length || i === 0; i += 16384) {
        inflate.push(data.subarray(i, i + 16384), i + 16384 >= data.length);
        if (produced > limit)
          throw new ZipFault('zip-bomb', '解压后的实际大小超过记录的大小，疑似恶意构造的压缩包');
      }
    } catch (e) {
      if (e instanceof ZipFault) throw e;
      throw corrupt('压缩数据损坏');
    }
    out = new Uint8Array(produced);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
  } else {
    throw new ZipFault(
      'unsupported-format',
      `使用了不支持的压缩方式（${entry.method}），请用标准 zip（Deflate）重新压缩`,
    );
  }
  if (out.length !== entry.size || crc32(out) !== entry.crc) throw corrupt('数据损坏（校验失败）');
  return out;
}

const JUNK = /(?:^|\/)(?:__MACOSX\/|\.DS_Store$|Thumbs\.db$|desktop\.ini$|\._[^/]*$|~\$[^/]*$)/i;
const UNSAFE = /(?:^|\/)\.\.(?:\/|$)|^\/|^[a-zA-Z]:|\0/;

/**
 * The files of an uploaded archive, for the batch to extract one by one. Nothing throws: every file
 * that is refused (too big, a zip bomb, an unsafe path, encrypted, corrupt) or the whole archive when
 * it cannot be read, becomes an error naming the file and the reason, and the rest go on.
 */
export function expandZip(bytes: Uint8Array, zipName: string, limits: Partial<ZipLimits> = {}): ZipExpansion {
  const L = { ...ZIP_LIMITS, ...limits };
  const result: ZipExpansion = { entries: [], errors: [] };
  let count = 0;
  let total = 0;
  const refuse = (file: string, code: ExtractErrorCode, message: string) =>
    result.errors.push({ file, error: { code, message } });

  const expand = (archive: Uint8Array, prefix: string, depth: number) => {
    const label = prefix ? prefix.slice(0, -1) : zipName;
    let list: ZipEntry[];
    try {
      list = listZip(archive);
    } catch (e) {
      return refuse(
        label,
        'corrupt',
        `${label}：无法打开压缩包：${e instanceof ZipFault ? e.message : '文件已损坏'}`,
      );
    }
    let skipped = 0;
    for (const entry of list) {
      const name = entry.name.replace(/\\/g, '/');
      const file = prefix + name;
      if (name.endsWith('/') || JUNK.test(name)) continue;
      const problem = (code: ExtractErrorCode, why: string) =>
        refuse(file, code, `${zipName} 中的「${file}」${why}`);
      if (UNSAFE.test(name)) {
        problem('unsafe-path', '路径不安全（含“..”、绝对路径或盘符），已拒绝');
        continue;
      }
      if (count >= L.maxEntries) {
        skipped++;
        continue;
      }
      count++;
      if (entry.size > L.maxEntrySize) {
        problem('too-large', `解压后 ${size(entry.size)}，超过单个文件上限 ${size(L.maxEntrySize)}，已跳过`);
        continue;
      }
      if (total + entry.size > L.maxTotalSize) {
        problem('too-large', `已超出本次上传解压总量上限 ${size(L.maxTotalSize)}，已跳过`);
        continue;
      }
      if (entry.size > RATIO_FLOOR && entry.size > L.maxRatio * Math.max(entry.compressedSize, 1)) {
        problem('zip-bomb', `压缩比异常（超过 ${L.maxRatio} 倍），疑似“压缩炸弹”，已拒绝`);
        continue;
      }
      const maxText = L.maxTextSize ?? MAX_TEXT_BYTES;
      if (TEXT_NAME.test(name) && entry.size > maxText) {
        problem('too-large', `解压后 ${size(entry.size)}，超过文本和网页文件 ${size(maxText)} 的上限，已跳过`);
        continue;
      }
      let data: Uint8Array;
      try {
        data = readZipEntry(archive, entry, L.maxEntrySize);
      } catch (e) {
        problem(e instanceof ZipFault ? e.code : 'corrupt', e instanceof ZipFault ? e.message : '无法解压');
        continue;
      }
      total += data.length;
      if (/\.zip$/i.test(name)) {
        if (depth + 1 > L.maxDepth)
          problem('too-deep', `是压缩包中的压缩包，嵌套超过 ${L.maxDepth} 层，未打开`);
        else expand(data, `${file}/`, depth + 1);
        continue;
      }
      result.entries.push({ name: file, bytes: data });
    }
    if (skipped) {
      refuse(label, 'too-large', `${label}：文件数超过上限 ${L.maxEntries} 个，其余 ${skipped} 个文件未读取`);
    }
  };
  expand(bytes, '', 0);
  return result;
}
