import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeSections } from '@nianbao/db';
import { Store } from './store';
import { NANKAI, XINYU } from './testing';

let dir: string;
let store: Store;
const open = () => new Store({ path: join(dir, 'test.db') });
const storedOf = (id: number) => store.db.$client.prepare<[number], { sections: Buffer | string }>('select sections from reports where id = ?').get(id)!.sections;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-sections-'));
  store = open();
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a report’s sections as stored', () => {
  it('are deflated behind a version byte and read back as parsed, on both seeds', async () => {
    const results = await store.ingest([
      { name: 'seeds/004.txt', bytes: XINYU },
      { name: 'seeds/000.txt', bytes: NANKAI },
    ]);
    for (const r of results) {
      const report = (await store.queries.report(r.reportId!))!;
      const json = JSON.stringify(report.sections);
      const stored = storedOf(r.reportId!);
      expect(Buffer.isBuffer(stored)).toBe(true);
      expect((stored as Buffer)[0]).toBe(1);
      expect(stored).toEqual(encodeSections(report.sections));
      // six headings and spans in a few dozen bytes rather than the JSON's ~1 KB
      expect((stored as Buffer).length).toBeLessThan(Buffer.byteLength(json) / 4);
      expect(Object.keys(report.sections)).toEqual(['s1', 's2', 's3', 's4', 's5', 's6']);
    }
  });

  it('still read from a row written before, which holds the JSON as text', async () => {
    const [r] = await store.ingest([{ name: 'seeds/004.txt', bytes: XINYU }]);
    const before = (await store.queries.report(r!.reportId!))!;
    store.db.$client.prepare('update reports set sections = ? where id = ?').run(JSON.stringify(before.sections), r!.reportId!);
    store.close();
    store = open();
    expect(typeof storedOf(r!.reportId!)).toBe('string');
    expect(await store.queries.report(r!.reportId!)).toEqual(before);
  });
});
