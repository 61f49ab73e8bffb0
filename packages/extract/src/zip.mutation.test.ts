/**
 * The zip directory's reading that mutation testing (issue 20, scripts/MUTATION.md) found no test
 * pinning down: a ZIP64 archive (what 7-Zip and Windows write for a batch past 65,535 files or
 * 4 GiB), its ZIP64 record damaged, a directory entry damaged or cut, and an Info-ZIP Unicode Path
 * field left stale by a tool that renamed the file.
 */
import { describe, expect, it } from 'vitest';
import { expandZip } from './index';
import { gbk, writeZip } from './testing/zip-writer';
import { crc32, listZip } from './zip';

const enc = (s: string) => new TextEncoder().encode(s);
const REPORTS = [
  {
    name: '2024年报/沭阳县发展和改革局2024年政府信息公开工作年度报告.txt',
    text: '沭阳县发展和改革局2024年政府信息公开工作年度报告\n一、总体情况\n',
  },
  {
    name: '2024年报/宿迁市司法局2024年政府信息公开工作年度报告.txt',
    text: '宿迁市司法局2024年政府信息公开工作年度报告\n一、总体情况\n',
  },
];

/** The positions of a signature in the bytes. */
function find(bytes: Uint8Array, sig: number): number[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at: number[] = [];
  for (let p = 0; p + 4 <= bytes.length; p++) if (v.getUint32(p, true) === sig) at.push(p);
  return at;
}

/**
 * The reports as a ZIP64 archive: the end record's count and directory offset at their "see ZIP64"
 * values, a ZIP64 end record and locator before it, and each entry's local offset in its ZIP64 extra
 * field (the central header's own at 0xffffffff), as 7-Zip writes them.
 */
function zip64(): Uint8Array {
  // stored, each with a 12-byte ZIP64 field: every local header's offset is known beforehand
  const data = REPORTS.map((r) => enc(r.text));
  const offsets = data.map((_, i) =>
    data.slice(0, i).reduce((n, d, j) => n + 30 + enc(REPORTS[j]!.name).length + 12 + d.length, 0),
  );
  const extra = (offset: number) => {
    const x = new DataView(new ArrayBuffer(12));
    x.setUint16(0, 0x0001, true);
    x.setUint16(2, 8, true);
    x.setBigUint64(4, BigInt(offset), true);
    return new Uint8Array(x.buffer);
  };
  const plain = writeZip(
    REPORTS.map((r, i) => ({ name: r.name, data: data[i]!, stored: true, extra: extra(offsets[i]!) })),
  );
  const v = new DataView(plain.buffer);
  const central = find(plain, 0x02014b50);
  for (const p of central) v.setUint32(p + 42, 0xffffffff, true);
  const eocd = plain.length - 22;
  const cdOffset = central[0]!;
  const cdSize = eocd - cdOffset;
  const record = new DataView(new ArrayBuffer(56 + 20 + 22));
  record.setUint32(0, 0x06064b50, true);
  record.setBigUint64(4, 44n, true);
  record.setUint16(12, 45, true);
  record.setUint16(14, 45, true);
  record.setBigUint64(24, BigInt(REPORTS.length), true);
  record.setBigUint64(32, BigInt(REPORTS.length), true);
  record.setBigUint64(40, BigInt(cdSize), true);
  record.setBigUint64(48, BigInt(cdOffset), true);
  record.setUint32(56, 0x07064b50, true); // the locator: where the ZIP64 end record is
  record.setBigUint64(56 + 8, BigInt(eocd), true);
  record.setUint32(56 + 16, 1, true);
  record.setUint32(76, 0x06054b50, true);
  record.setUint16(76 + 8, 0xffff, true);
  record.setUint16(76 + 10, 0xffff, true);
  record.setUint32(76 + 12, 0xffffffff, true);
  record.setUint32(76 + 16, 0xffffffff, true);
  const out = new Uint8Array(eocd + 98);
  out.set(plain.subarray(0, eocd));
  out.set(new Uint8Array(record.buffer), eocd);
  return out;
}

describe('ZIP64', () => {
  it('a ZIP64 archive: every report, from the offsets of its ZIP64 fields', () => {
    const r = expandZip(zip64(), '年报.zip');
    expect(r.errors).toEqual([]);
    expect(r.entries.map((e) => [e.name, new TextDecoder().decode(e.bytes)])).toEqual(
      REPORTS.map((x) => [x.name, x.text]),
    );
  });

  it('a ZIP64 locator pointing past the end, or at no ZIP64 record, is a damaged directory', () => {
    const past = zip64();
    const v = new DataView(past.buffer);
    const locator = past.length - 22 - 20;
    v.setBigUint64(locator + 8, BigInt(past.length - 50), true);
    expect(expandZip(past, '年报.zip').errors).toEqual([
      { file: '年报.zip', error: { code: 'corrupt', message: '年报.zip：无法打开压缩包：ZIP64 目录损坏' } },
    ]);
    const elsewhere = zip64();
    new DataView(elsewhere.buffer).setBigUint64(locator + 8, 0n, true);
    expect(() => listZip(elsewhere)).toThrow('ZIP64 目录损坏');
  });
});

describe('ZIP64 record in the end comment', () => {
  /** The archive with `comment` after its end record, and the locator pointing `back` bytes before the end. */
  const withComment = (comment: Uint8Array, back: number) => {
    const base = zip64();
    const out = new Uint8Array(base.length + comment.length);
    out.set(base);
    out.set(comment, base.length);
    const v = new DataView(out.buffer);
    v.setUint16(base.length - 2, comment.length, true);
    v.setBigUint64(base.length - 22 - 20 + 8, BigInt(out.length - back), true);
    return out;
  };

  it('is read where the locator says, even as the last bytes of the file', () => {
    const base = zip64();
    const record = base.slice(base.length - 98, base.length - 42);
    expect(listZip(withComment(record, 56)).map((e) => e.name)).toEqual(REPORTS.map((r) => r.name));
  });

  it('cut short by the end of the file, is a damaged directory', () => {
    const base = zip64();
    const head = base.slice(base.length - 98, base.length - 90);
    expect(() => listZip(withComment(head, 8))).toThrow(/^ZIP64 目录损坏$/);
  });
});

describe('the central directory', () => {
  const zip = writeZip(REPORTS.map((r) => ({ name: r.name, data: enc(r.text) })));

  it('an entry whose header signature is damaged: the archive cannot be opened', () => {
    const bad = Uint8Array.from(zip);
    bad[find(bad, 0x02014b50)[1]!] = 0x51;
    expect(expandZip(bad, '年报.zip').errors).toEqual([
      {
        file: '年报.zip',
        error: { code: 'corrupt', message: '年报.zip：无法打开压缩包：压缩包目录损坏或不完整' },
      },
    ]);
  });

  it('a directory that starts in the last bytes of the file (an end comment cut short) is incomplete', () => {
    // the end record's comment holds the first 10 bytes of a directory entry, and the end record
    // points there, as a download cut inside a rewritten archive leaves it
    const eocd = zip.length - 22;
    const cut = new Uint8Array(zip.length + 10);
    cut.set(zip);
    const v = new DataView(cut.buffer);
    v.setUint16(eocd + 20, 10, true);
    v.setUint32(zip.length, 0x02014b50, true);
    v.setUint16(eocd + 8, 1, true);
    v.setUint16(eocd + 10, 1, true);
    v.setUint32(eocd + 16, zip.length, true);
    expect(() => listZip(cut)).toThrow('压缩包目录损坏或不完整');
  });

  it('a directory entry that ends exactly at the end of the file is read', () => {
    // the same, with the whole 46-byte entry (no name) in the comment
    const eocd = zip.length - 22;
    const whole = new Uint8Array(zip.length + 46);
    whole.set(zip);
    const v = new DataView(whole.buffer);
    v.setUint16(eocd + 20, 46, true);
    v.setUint32(zip.length, 0x02014b50, true);
    v.setUint32(zip.length + 20, 7, true);
    v.setUint16(eocd + 8, 1, true);
    v.setUint16(eocd + 10, 1, true);
    v.setUint32(eocd + 16, zip.length, true);
    expect(listZip(whole)).toEqual([
      { name: '', flags: 0, method: 0, crc: 0, compressedSize: 7, size: 0, localOffset: 0 },
    ]);
  });
});

describe('Info-ZIP Unicode Path field', () => {
  it('is taken when its CRC is that of the name, and ignored when stale (the file renamed since)', () => {
    const name = '沭阳县发展和改革局2024年政府信息公开工作年度报告.txt';
    const field = (unicode: string, of: Uint8Array) => {
      const u = enc(unicode);
      const x = new DataView(new ArrayBuffer(9 + u.length));
      x.setUint16(0, 0x7075, true);
      x.setUint16(2, 5 + u.length, true);
      x.setUint8(4, 1);
      x.setUint32(5, crc32(of), true);
      const out = new Uint8Array(x.buffer);
      out.set(u, 9);
      return out;
    };
    const raw = gbk(name);
    const zip = writeZip([
      {
        name: enc('report.txt'),
        flags: 0,
        data: enc(REPORTS[0]!.text),
        extra: field(name, enc('report.txt')),
      },
      { name: raw, flags: 0, data: enc(REPORTS[0]!.text), extra: field('旧名称.txt', gbk('旧名称.txt')) },
    ]);
    expect(listZip(zip).map((e) => e.name)).toEqual([name, name]);
  });
});
