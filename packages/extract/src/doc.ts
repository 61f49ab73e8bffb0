import BufferReader from 'word-extractor/lib/buffer-reader.js';
import WordOleExtractor, { type Piece } from 'word-extractor/lib/word-ole-extractor.js';
import { assertPlausible } from './decode';
import { Layout, type LayoutCell } from './layout';
import { ExtractError, type Document } from './types';

// Marks that survive word-extractor's clean-up, for what its plain text no longer tells apart.
const CELL_PARAGRAPH = '\x0e'; // a paragraph end inside a cell
const ROW_END = '\x0f';
const CELL_END = '\x10';
const LINE_BREAK = '\x11'; // a manual line break (Shift+Enter)

interface TableFlags {
  inTable: boolean;
  rowEnd: boolean;
}

/**
 * sprmPFInTable, sprmPFTtp (the row-end mark) and sprmPItap (table depth) in a paragraph's properties;
 * sprmPHugePapx moves them to the Data stream (a wide row's properties do not fit in the FKP page).
 */
function tableFlags(
  grpprl: Uint8Array,
  data: Buffer,
  flags: TableFlags = { inTable: false, rowEnd: false },
): TableFlags {
  const view = new DataView(grpprl.buffer, grpprl.byteOffset, grpprl.byteLength);
  for (let p = 0; p + 2 < grpprl.length;) {
    const sprm = view.getUint16(p, true);
    p += 2;
    if (sprm === 0x2416) flags.inTable = grpprl[p] !== 0;
    else if (sprm === 0x2417) flags.rowEnd = grpprl[p] !== 0;
    else if (sprm === 0x6649 && p + 4 <= grpprl.length) flags.inTable ||= view.getUint32(p, true) > 0;
    else if (sprm === 0x6646 && p + 4 <= grpprl.length) {
      const at = view.getUint32(p, true);
      if (at + 2 <= data.length)
        tableFlags(data.subarray(at + 2, at + 2 + data.readUInt16LE(at)), data, flags);
    }
    const size = [1, 1, 2, 4, 2, 2, -1, 3][sprm >> 13]!;
    // sprmTDefTable's operand has a 2-byte length (MS-DOC 2.6.6)
    if (sprm === 0xd608) p += p + 2 <= grpprl.length ? view.getUint16(p, true) + 1 : grpprl.length;
    else p += size < 0 ? grpprl[p]! + 1 : size;
  }
  return flags;
}

/** Rewrites the paragraph marks of the file range [start, end) in place (same length, as pieces require). */
function mark(pieces: Piece[], start: number, end: number, rowEnd: boolean) {
  for (const piece of pieces) {
    const from = Math.max(start, piece.startFilePos);
    const to = Math.min(end, piece.startFilePos + piece.size);
    if (from >= to) continue;
    const chars = piece.text.split('');
    for (let pos = from; pos < to; pos += piece.bpc) {
      const i = (pos - piece.startFilePos) / piece.bpc;
      if (rowEnd && pos + piece.bpc >= end) chars[i] = ROW_END;
      else if (chars[i] === '\r') chars[i] = CELL_PARAGRAPH;
      else if (chars[i] === '\x07') chars[i] = CELL_END;
    }
    piece.text = chars.join('');
  }
}

/**
 * word-extractor reads the text; this tells it which paragraphs are in tables (the PAPX of the FKP
 * pages, MS-DOC 2.9.177), which plain text cannot: a cell's paragraphs, an empty cell and a tab in
 * the text all look alike there.
 */
class TableAwareExtractor extends WordOleExtractor {
  private data = Buffer.alloc(0);

  override async extractWordDocument(document: unknown, buffer: Buffer) {
    // fEncrypted in the FIB: the text would be noise
    if (buffer.length > 0x0b && buffer.readUInt16LE(0x0a) & 0x0100) throw new Error('encrypted');
    try {
      this.data = await this.streamBuffer(await this.documentStream(document, 'Data'));
    } catch {
      // no Data stream: no huge paragraph properties either
    }
    return super.extractWordDocument(document, buffer);
  }

  override writeParagraphProperties(buffer: Buffer, tableBuffer: Buffer): void {
    const fc = buffer.readUInt32LE(0x0102);
    const lcb = buffer.readUInt32LE(0x0106);
    const plc = tableBuffer.subarray(fc, fc + lcb);
    const n = (lcb - 4) / 8;
    for (let i = 0; i < n; i++) {
      const page = plc.readUInt32LE((n + 1) * 4 + i * 4);
      const fkp = buffer.subarray(page * 512, page * 512 + 512);
      if (fkp.length < 512) continue;
      const runs = fkp[511]!;
      for (let j = 0; j < runs; j++) {
        const bx = fkp[(runs + 1) * 4 + j * 13]! * 2;
        if (!bx) continue;
        const cb = fkp[bx]!;
        const at = cb ? bx + 1 : bx + 2;
        const grpprl = fkp.subarray(at + 2, at + (cb ? 2 * cb - 1 : 2 * fkp[bx + 1]!)); // after the style index
        const { inTable, rowEnd } = tableFlags(grpprl, this.data);
        if (inTable || rowEnd)
          mark(this._pieces, fkp.readUInt32LE(j * 4), fkp.readUInt32LE(j * 4 + 4), rowEnd);
      }
    }
    for (const piece of this._pieces) piece.text = piece.text.replace(/\x0b/g, LINE_BREAK);
  }
}

/** Word 97–2003 (.doc): the main text (no headers, footers, notes or text boxes) and its tables. */
export async function fromDoc(bytes: Uint8Array, fileName: string): Promise<Document> {
  let body: string;
  try {
    const reader = new BufferReader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    await reader.open();
    body = (await new TableAwareExtractor().extract(reader)).getBody({ filterUnicode: false });
  } catch (e) {
    if (e instanceof Error && e.message === 'encrypted') {
      throw new ExtractError('encrypted', `${fileName}：Word 文件已加密（设置了打开密码），无法读取`);
    }
    throw new ExtractError(
      'corrupt',
      `${fileName}：无法读取 Word 97-2003（.doc）文件：文件已损坏或不是 Word 文档`,
    );
  }
  const layout = new Layout();
  let rows: LayoutCell[][] = [];
  let row: LayoutCell[] = [];
  let lines: string[] = [];
  let current = '';
  const endTable = () => {
    if (row.length) rows.push(row);
    if (rows.length) layout.table(rows);
    rows = [];
    row = [];
  };
  for (const ch of body + '\n') {
    if (ch === '\n') {
      endTable();
      layout.paragraph(current);
    } else if (ch === CELL_PARAGRAPH) {
      lines.push(current);
    } else if (ch === CELL_END) {
      row.push({ text: [...lines, current].join('\n') });
      lines = [];
    } else if (ch === ROW_END) {
      rows.push(row);
      row = [];
    } else {
      current += ch === LINE_BREAK ? '\n' : ch;
      continue;
    }
    current = '';
  }
  const text = layout.text;
  assertPlausible(text, fileName);
  return { format: 'doc', text, tables: layout.tables, meta: {} };
}
