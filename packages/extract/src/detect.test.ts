/**
 * How a file is read: by its first bytes, then by its name (portals serve Word's web pages as .doc,
 * batches carry reports without extensions).
 */
import { describe, expect, it } from 'vitest';
import { detectKind } from './index';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));
const PK = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

describe('detectKind', () => {
  it.each<[string, Uint8Array, string, string | null]>([
    ['a PDF whatever its name', bytes('%PDF-1.7\n'), '报告.doc', 'pdf'],
    ['a zip named .docx', bytes(PK, 'anything'), '报告.docx', 'docx'],
    ['a zip named .zip', bytes(PK, 'word/document.xml'), '批量.zip', 'zip'],
    ['an unnamed zip holding word/', bytes(PK, '....word/document.xml'), '报告', 'docx'],
    ['an unnamed zip holding [Content_Types].xml', bytes(PK, '....[Content_Types].xml'), '报告.bin', 'docx'],
    ['an unnamed zip of reports', bytes(PK, '....2023/南开区.txt'), '报告.bin', 'zip'],
    ['an empty zip (end record first)', bytes([0x50, 0x4b, 0x05, 0x06]), '报告', 'zip'],
    ['a Word 97 file named .txt', bytes(OLE, 'x'), '报告.txt', 'doc'],
    ['a web page named .doc', bytes('\ufeff  <!DOCTYPE html><html>'), '报告.doc', 'html'],
    ['a web page after an XML prolog and comments', bytes('<?xml version="1.0"?>\n<!-- saved -->\n<html>'), '报告.doc', 'html'],
    ['an .htm name', bytes('正文'), '报告.htm', 'html'],
    ['a .shtml name', bytes('正文'), '报告.SHTML', 'html'],
    ['a .md name', bytes('# 报告'), '报告.md', 'text'],
    ['no extension', bytes('正文'), '报告', 'text'],
    ['a .docx name without the zip bytes', bytes('正文'), '报告.docx', 'docx'],
    ['a .doc name without Word bytes', bytes('正文'), '报告.doc', 'doc'],
    ['a .pdf name without the PDF bytes', bytes('正文'), '报告.pdf', 'pdf'],
    ['a .zip name without the zip bytes', bytes('正文'), '报告.zip', 'zip'],
    // a page image is read by OCR (issue 19)
    ['an image', bytes([0x89, 0x50, 0x4e, 0x47]), '报告.png', 'image'],
    ['a spreadsheet', bytes('a,b'), '报告.xlsx', null],
  ])('%s', (_, b, name, kind) => {
    expect(detectKind(b, name)).toBe(kind);
  });
});
