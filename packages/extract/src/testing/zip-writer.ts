import { deflateSync } from 'fflate';
import { crc32 } from '../zip';

export interface RawEntry {
  /** A string is written as UTF-8; bytes as given (GBK names from Chinese Windows). */
  name: string | Uint8Array;
  data?: Uint8Array;
  /** General-purpose flags; default: bit 11 (UTF-8) when a string name is not ASCII. */
  flags?: number;
  stored?: boolean;
  /** Lie about the uncompressed size, as a crafted zip bomb does. */
  declaredSize?: number;
  extra?: Uint8Array;
  /** Already deflated data (with its CRC and size): one big body reused for many entries. */
  deflated?: { body: Uint8Array; crc: number; size: number };
}

/**
 * Writes a zip byte by byte, so that tests can reproduce what real archivers write (GBK names with
 * bit 11 unset, Info-ZIP extra fields) and what attackers write (lying sizes, '../' paths).
 */
export function writeZip(entries: RawEntry[]): Uint8Array {
  const local: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = typeof e.name === 'string' ? new TextEncoder().encode(e.name) : e.name;
    const flags = e.flags ?? (typeof e.name === 'string' && /[^\x00-\x7f]/.test(e.name) ? 0x800 : 0);
    const data = e.data ?? new Uint8Array(0);
    const body = e.deflated?.body ?? (e.stored ? data : deflateSync(data));
    const crc = e.deflated?.crc ?? crc32(data);
    const size = e.deflated?.size ?? data.length;
    const extra = e.extra ?? new Uint8Array(0);
    const fields = (h: DataView, at: number) => {
      h.setUint16(at, 20, true);
      h.setUint16(at + 2, flags, true);
      h.setUint16(at + 4, e.stored ? 0 : 8, true);
      h.setUint32(at + 10, crc, true);
      h.setUint32(at + 14, body.length, true);
      h.setUint32(at + 18, e.declaredSize ?? size, true);
      h.setUint16(at + 22, name.length, true);
      h.setUint16(at + 24, extra.length, true);
    };
    const lh = new DataView(new ArrayBuffer(30));
    lh.setUint32(0, 0x04034b50, true);
    fields(lh, 4);
    const ch = new DataView(new ArrayBuffer(46));
    ch.setUint32(0, 0x02014b50, true);
    ch.setUint16(4, 20, true);
    fields(ch, 6);
    ch.setUint32(42, offset, true);
    local.push(new Uint8Array(lh.buffer), name, extra, body);
    central.push(new Uint8Array(ch.buffer), name, extra);
    offset += 30 + name.length + extra.length + body.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, cdSize, true);
  end.setUint32(16, offset, true);
  const parts = [...local, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(parts.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

let gbkTable: Map<string, number[]> | undefined;

/** GBK bytes of a string, as Chinese Windows writes file names (the inverse of TextDecoder('gbk')). */
export function gbk(s: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        const c = decoder.decode(new Uint8Array([lead, trail]));
        if (c.length === 1 && !gbkTable.has(c)) gbkTable.set(c, [lead, trail]);
      }
    }
  }
  return new Uint8Array(
    [...s].flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : (gbkTable!.get(c) ?? [0x3f]))),
  );
}
