import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandZip, extract, metaFromFileName, ZIP_LIMITS } from './index';
import { gbk, writeZip } from './testing/zip-writer';
import { crc32 } from './zip';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const SEEDS = join(import.meta.dirname, '../../../data/samples');
const CORPUS = join(import.meta.dirname, '../../../../shared/corpus');
const shuyang = new Uint8Array(readFileSync(join(CORPUS, 'suqian-shuyangxian-fazhangaigeju_2023.html')));
const xinyuDocx = new Uint8Array(readFileSync(join(FIXTURES, '004_52ba3b16510502cd.docx')));
const nankai = new Uint8Array(readFileSync(join(SEEDS, '000_91e0e63c20f568b3.txt')));
const names = (r: ReturnType<typeof expandZip>) => r.entries.map((e) => e.name);

describe('expandZip', () => {
  it('unpacks a batch zipped on Chinese Windows: GBK names without the UTF-8 flag, in folders', async () => {
    const zip = writeZip([
      { name: gbk('2023年报/'), flags: 0 },
      { name: gbk('2023年报/沭阳县发展和改革局2023年政府信息公开年度报告.html'), data: shuyang, flags: 0 },
      {
        name: gbk('2023年报/新余市/2019年新余市文广新旅局政府信息公开工作年度报告.docx'),
        data: xinyuDocx,
        flags: 0,
        stored: true,
      },
    ]);
    const r = expandZip(zip, '年报.zip');
    expect(r.errors).toEqual([]);
    expect(names(r)).toEqual([
      '2023年报/沭阳县发展和改革局2023年政府信息公开年度报告.html',
      '2023年报/新余市/2019年新余市文广新旅局政府信息公开工作年度报告.docx',
    ]);
    expect(r.entries[0]!.bytes).toEqual(shuyang);
    expect(r.entries[1]!.bytes).toEqual(xinyuDocx);
    // what ingest does next
    expect(metaFromFileName(r.entries[0]!.name)).toEqual({ agency: '沭阳县发展和改革局', year: 2023 });
    expect((await extract(r.entries[1]!.bytes, r.entries[1]!.name)).format).toBe('docx');
  });

  it('reads UTF-8 names flagged (7-Zip), unflagged (macOS) or in an Info-ZIP Unicode Path field, and skips macOS and Office junk', () => {
    const raw = gbk('旧名.txt');
    const unicodeName = new TextEncoder().encode('南开区文化和旅游局.txt');
    const field = new Uint8Array(4 + 5 + unicodeName.length);
    const v = new DataView(field.buffer);
    v.setUint16(0, 0x7075, true);
    v.setUint16(2, 5 + unicodeName.length, true);
    field[4] = 1;
    v.setUint32(5, crc32(raw), true);
    field.set(unicodeName, 9);
    const zip = writeZip([
      { name: '标记/报告.txt', data: nankai },
      { name: '未标记/报告.txt', data: nankai, flags: 0 },
      { name: raw, data: nankai, flags: 0, extra: field },
      { name: '__MACOSX/未标记/._报告.txt', data: nankai },
      { name: '未标记/.DS_Store', data: nankai },
      { name: '未标记/~$报告.docx', data: nankai },
      { name: '未标记/Thumbs.db', data: nankai },
    ]);
    const r = expandZip(zip, 'mac.zip');
    expect(names(r)).toEqual(['标记/报告.txt', '未标记/报告.txt', '南开区文化和旅游局.txt']);
    expect(r.errors).toEqual([]);
  });

  it('opens a zip inside the zip, but not a zip inside that one', () => {
    const deeper = writeZip([{ name: 'c.txt', data: nankai }]);
    const inner = writeZip([
      { name: 'b.txt', data: nankai },
      { name: 'deeper.zip', data: deeper },
    ]);
    const r = expandZip(
      writeZip([
        { name: 'a.txt', data: nankai },
        { name: '区县/inner.zip', data: inner },
      ]),
      '上传.zip',
    );
    expect(names(r)).toEqual(['a.txt', '区县/inner.zip/b.txt']);
    expect(r.errors).toEqual([
      {
        file: '区县/inner.zip/deeper.zip',
        error: {
          code: 'too-deep',
          message: '上传.zip 中的「区县/inner.zip/deeper.zip」是压缩包中的压缩包，嵌套超过 1 层，未打开',
        },
      },
    ]);
  });

  it('refuses paths that leave the folder (.., absolute, drive letters) and keeps the rest', () => {
    const r = expandZip(
      writeZip([
        { name: '../../etc/cron.d/x', data: nankai },
        { name: '/etc/passwd', data: nankai },
        { name: 'C:\\Windows\\win.ini', data: nankai },
        { name: '报告/../../外面.txt', data: nankai },
        { name: '报告/南开.txt', data: nankai },
      ]),
      'evil.zip',
    );
    expect(names(r)).toEqual(['报告/南开.txt']);
    expect(r.errors.map((e) => [e.file, e.error.code])).toEqual([
      ['../../etc/cron.d/x', 'unsafe-path'],
      ['/etc/passwd', 'unsafe-path'],
      ['C:/Windows/win.ini', 'unsafe-path'],
      ['报告/../../外面.txt', 'unsafe-path'],
    ]);
    expect(r.errors[0]!.error.message).toBe(
      'evil.zip 中的「../../etc/cron.d/x」路径不安全（含“..”、绝对路径或盘符），已拒绝',
    );
  });

  it('refuses a zip bomb by its compression ratio before inflating it, and one whose header lies about its size', () => {
    const zeros = new Uint8Array(8 * 2 ** 20);
    const r = expandZip(
      writeZip([
        { name: 'bomb.txt', data: zeros },
        { name: 'liar.txt', data: zeros, declaredSize: 1000 },
        { name: 'ok.txt', data: nankai },
      ]),
      'bomb.zip',
    );
    expect(names(r)).toEqual(['ok.txt']);
    expect(r.errors).toEqual([
      {
        file: 'bomb.txt',
        error: {
          code: 'zip-bomb',
          message: 'bomb.zip 中的「bomb.txt」压缩比异常（超过 200 倍），疑似“压缩炸弹”，已拒绝',
        },
      },
      {
        file: 'liar.txt',
        error: {
          code: 'zip-bomb',
          message: 'bomb.zip 中的「liar.txt」解压后的实际大小超过记录的大小，疑似恶意构造的压缩包',
        },
      },
    ]);
  });

  it('applies the per-file, total and count limits with one message per refused file', () => {
    const files = [1, 2, 3, 4, 5].map((i) => ({ name: `${i}.txt`, data: nankai }));
    const size = nankai.length;
    expect(ZIP_LIMITS).toEqual({
      maxEntries: 5000,
      maxEntrySize: 100 * 2 ** 20,
      maxTotalSize: 512 * 2 ** 20,
      maxRatio: 200,
      maxDepth: 1,
    });

    const perFile = expandZip(writeZip(files), 'a.zip', { maxEntrySize: size - 1 });
    expect(perFile.entries).toEqual([]);
    expect(perFile.errors[0]!.error).toEqual({
      code: 'too-large',
      message: 'a.zip 中的「1.txt」解压后 6.7 KB，超过单个文件上限 6.7 KB，已跳过',
    });

    const total = expandZip(writeZip(files), 'a.zip', { maxTotalSize: 2 * size });
    expect(names(total)).toEqual(['1.txt', '2.txt']);
    expect(total.errors.map((e) => e.file)).toEqual(['3.txt', '4.txt', '5.txt']);
    expect(total.errors[0]!.error.message).toBe(
      'a.zip 中的「3.txt」已超出本次上传解压总量上限 13.4 KB，已跳过',
    );

    const count = expandZip(writeZip(files), 'a.zip', { maxEntries: 3 });
    expect(names(count)).toEqual(['1.txt', '2.txt', '3.txt']);
    expect(count.errors).toEqual([
      {
        file: 'a.zip',
        error: { code: 'too-large', message: 'a.zip：文件数超过上限 3 个，其余 2 个文件未读取' },
      },
    ]);
  });

  it('reports a truncated, corrupt or encrypted archive as errors, never throwing', () => {
    const zip = writeZip([
      { name: '南开.txt', data: nankai },
      { name: '沭阳.html', data: shuyang },
      { name: '加密.txt', data: nankai, flags: 1 },
    ]);
    const unreadable = (message: string) => ({
      entries: [],
      errors: [{ file: '批量.zip', error: { code: 'corrupt', message } }],
    });
    const noDirectory =
      '批量.zip：无法打开压缩包：找不到压缩包目录，文件不完整（可能下载中断）或不是 zip 文件';
    expect(expandZip(zip.subarray(0, zip.length - 30), '批量.zip')).toEqual(unreadable(noDirectory));
    expect(expandZip(new Uint8Array(0), '批量.zip')).toEqual(unreadable(noDirectory));
    expect(expandZip(shuyang, '批量.zip')).toEqual(unreadable(noDirectory));

    const damaged = zip.slice();
    damaged.fill(0x55, 300, 340); // inside 南开.txt's deflated data
    const r = expandZip(damaged, '批量.zip');
    expect(names(r)).toEqual(['沭阳.html']);
    expect(r.errors.map((e) => [e.file, e.error.code])).toEqual([
      ['南开.txt', 'corrupt'],
      ['加密.txt', 'encrypted'],
    ]);
    expect(r.errors[1]!.error.message).toBe('批量.zip 中的「加密.txt」文件已加密，无法读取');
  });
});
