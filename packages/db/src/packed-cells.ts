/**
 * A report's cells as one value (issue 17): ≈ 200 rows of a `cells` table cost ≈ 3 KB a report in
 * rows and b-tree pages, and each ingest wrote them one by one. Packed, they are a few hundred bytes
 * written once and read whole, which is how a report's cells are always read.
 *
 * Layout (version 1), every integer an unsigned LEB128 varint, signed ones zigzag-encoded:
 *   version · count · per cell, in key id order:
 *     key id − previous key id · flags · [value] · [pad] · [raw] · [span start − previous span end, span length]
 *     · [unit] · [note] · [page, left, top, right, bottom]
 * flags: bits 0–2 the state; 3 value present; 4 raw is the value as written by `String` (not stored);
 * 5 span; 6 that text follows a pad of n spaces, ASCII or ideographic (`　　0`, as tables align
 * figures: half the cells), the pad's code (n − 1) × 2 + (ideographic ? 1 : 0) stored instead of the
 * text; 7 unit; 8 note; 9 position (flags is itself a varint, one byte but for PDF cells). A number is a zigzag varint when it is
 * a small integer, else a tag and its float64 (see `writeNumber`). Text is its UTF-8 length and bytes.
 */
import type { Cell } from '@nianbao/model';

export const PACKED_CELLS_VERSION = 1;

const STATES = ['value', 'blank', 'dash', 'text', 'absent'] as const satisfies readonly Cell['state'][];
const STATE_CODE = new Map<Cell['state'], number>(STATES.map((s, i) => [s, i]));

const HAS_VALUE = 1 << 3;
const RAW_IS_VALUE = 1 << 4;
const HAS_SPAN = 1 << 5;
const PADDED = 1 << 6;
const HAS_UNIT = 1 << 7;
const HAS_NOTE = 1 << 8;
const HAS_POSITION = 1 << 9;

const PAD = /^( +|\u3000+)/;

/** The pad code of `raw` as a pad before `text` (−1: it is not). */
function padOf(raw: string, text: string): number {
  if (raw.length <= text.length || !raw.endsWith(text)) return -1;
  const pad = PAD.exec(raw)?.[0];
  if (pad?.length !== raw.length - text.length) return -1;
  return (pad.length - 1) * 2 + (pad[0] === ' ' ? 0 : 1);
}

const padText = (code: number) => (code % 2 ? '\u3000' : ' ').repeat((code >> 1) + 1);

/** Numbers below this magnitude that are integers go as varints; others as float64. */
const SMALL = 2 ** 48;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

class Writer {
  private buf = new Uint8Array(1024);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private room(n: number) {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  uint(n: number) {
    this.room(8);
    while (n >= 0x80) {
      this.buf[this.length++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.length++] = n;
  }

  int(n: number) {
    this.uint(n < 0 ? -2 * n - 1 : 2 * n);
  }

  /** 0: the float64 follows; else the zigzag of the integer, plus one. */
  number(n: number) {
    if (Number.isInteger(n) && Math.abs(n) < SMALL && !Object.is(n, -0)) {
      this.uint((n < 0 ? -2 * n - 1 : 2 * n) + 1);
      return;
    }
    this.uint(0);
    this.room(8);
    this.view.setFloat64(this.length, n, true);
    this.length += 8;
  }

  text(s: string) {
    const bytes = encoder.encode(s);
    this.uint(bytes.length);
    this.room(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  bytes(): Buffer {
    return Buffer.from(this.buf.buffer, 0, this.length);
  }
}

class Reader {
  private at = 0;
  private readonly view: DataView;

  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  uint(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = this.buf[this.at++];
      if (b === undefined) throw new Error('packed cells: truncated');
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 0x80;
    }
  }

  int(): number {
    const z = this.uint();
    return z % 2 ? -(z + 1) / 2 : z / 2;
  }

  number(): number {
    const z = this.uint();
    if (z > 0) return (z - 1) % 2 ? -z / 2 : (z - 1) / 2;
    const n = this.view.getFloat64(this.at, true);
    this.at += 8;
    return n;
  }

  text(): string {
    const n = this.uint();
    const s = decoder.decode(this.buf.subarray(this.at, this.at + n));
    this.at += n;
    return s;
  }
}

/** A report's cells packed, in key id order (`idOf`: a key's id, interned already). */
export function packCells(cellMap: Record<string, Cell>, idOf: (key: string) => number): Buffer {
  return packCellEntries(Object.keys(cellMap).map((key) => [idOf(key), cellMap[key]!]));
}

/** Cells by key id packed (sorted here: the order they are read back in). */
export function packCellEntries(list: [number, Cell][]): Buffer {
  const entries = [...list].sort((a, b) => a[0] - b[0]);
  const w = new Writer();
  w.uint(PACKED_CELLS_VERSION);
  w.uint(entries.length);
  let previousId = 0;
  let previousEnd = 0;
  for (const [id, c] of entries) {
    const hasValue = c.value !== null;
    const text = hasValue ? String(c.value) : '';
    const pad = hasValue ? padOf(c.raw, text) : -1;
    const rawIsValue = hasValue && (pad >= 0 || c.raw === text);
    let flags = STATE_CODE.get(c.state)!;
    if (hasValue) flags |= HAS_VALUE;
    if (rawIsValue) flags |= RAW_IS_VALUE;
    if (pad >= 0) flags |= PADDED;
    if (c.span) flags |= HAS_SPAN;
    if (c.unit != null) flags |= HAS_UNIT;
    if (c.note != null) flags |= HAS_NOTE;
    if (c.position) flags |= HAS_POSITION;
    w.uint(id - previousId);
    previousId = id;
    w.uint(flags);
    if (hasValue) w.number(c.value!);
    if (pad >= 0) w.uint(pad);
    if (!rawIsValue) w.text(c.raw);
    if (c.span) {
      w.int(c.span[0] - previousEnd);
      w.int(c.span[1] - c.span[0]);
      previousEnd = c.span[1];
    }
    if (c.unit != null) w.text(c.unit);
    if (c.note != null) w.text(c.note);
    if (c.position) for (const n of [c.position.page, ...c.position.box]) w.number(n);
  }
  return w.bytes();
}

/** The cells of a packed value, keys in key id order as they were packed (`keyOf`: a key id's key). */
export function unpackCells(data: Uint8Array, keyOf: (id: number) => string): Record<string, Cell> {
  const r = new Reader(data);
  const version = r.uint();
  if (version !== PACKED_CELLS_VERSION) throw new Error(`packed cells: unknown version ${version}`);
  const out: Record<string, Cell> = {};
  let id = 0;
  let previousEnd = 0;
  for (let n = r.uint(); n > 0; n--) {
    id += r.uint();
    const flags = r.uint();
    const value = flags & HAS_VALUE ? r.number() : null;
    const pad = flags & PADDED ? padText(r.uint()) : '';
    const raw = flags & RAW_IS_VALUE ? pad + String(value) : r.text();
    let span: Cell['span'] = null;
    if (flags & HAS_SPAN) {
      const start = previousEnd + r.int();
      previousEnd = start + r.int();
      span = [start, previousEnd];
    }
    const cell: Cell = { raw, state: STATES[flags & 7]!, value, span };
    if (flags & HAS_UNIT) cell.unit = r.text();
    if (flags & HAS_NOTE) cell.note = r.text();
    if (flags & HAS_POSITION)
      cell.position = { page: r.number(), box: [r.number(), r.number(), r.number(), r.number()] };
    out[keyOf(id)] = cell;
  }
  return out;
}
