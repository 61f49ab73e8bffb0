/**
 * A finding's message id and data go to the findings table and come back (migration 0007), and a row
 * stored before message ids — both null — reads as it was written: its message, no id, no data.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderMessage } from '@nianbao/audit';
import { Store } from './store';

const ROOT = join(import.meta.dirname, '../../..');
const XINYU = readFileSync(join(ROOT, 'data/samples/004_52ba3b16510502cd.txt'));
const DRIZZLE = join(import.meta.dirname, '../../db/drizzle');
/** The statements of migration 0007 that fill message ids of older rows (the ones after its two columns). */
const backfill = readFileSync(join(DRIZZLE, readdirSync(DRIZZLE).find((f) => f.startsWith('0007_'))!), 'utf8')
  .split('--> statement-breakpoint')
  .filter((s) => /^\s*(--[^\n]*\n\s*)*UPDATE/.test(s));
const COPIED = 'originality.copied-across-agencies';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-findings-'));
  store = new Store({ path: join(dir, 'test.db') });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('stored findings', () => {
  it('keep their message id and data, from which the message renders again', async () => {
    const [r] = await store.ingest([{ name: 'seeds/004.txt', bytes: XINYU }]);
    const { findings } = (await store.queries.report(r!.reportId!))!;
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.messageId).toEqual(expect.any(String));
      expect(renderMessage(f.rule, f.messageId!, f.data)).toBe(f.message);
    }
    const title = findings.find((f) => f.rule === 'structure.section-title')!;
    expect(title).toMatchObject({ messageId: 'differs', data: { section: expect.stringMatching(/^第.部分/) } });
  });

  it('stored before message ids read back with their text alone', async () => {
    const [r] = await store.ingest([{ name: 'seeds/004.txt', bytes: XINYU }]);
    const before = (await store.queries.report(r!.reportId!))!.findings;
    store.db.$client.prepare('update findings set message_id = null, data = null').run();
    const after = (await store.queries.report(r!.reportId!))!.findings;
    expect(after.map((f) => f.message)).toEqual(before.map((f) => f.message));
    for (const f of after) {
      expect(f).not.toHaveProperty('messageId');
      expect(f).not.toHaveProperty('data');
    }
  });

  it('of a copied narrative, stored before message ids, get them from their text when it is the rule’s wording (migration 0007)', async () => {
    const [r] = await store.ingest([{ name: 'seeds/004.txt', bytes: XINYU }]);
    const sqlite = store.db.$client;
    const add = (ordinal: number, message: string) =>
      sqlite
        .prepare("insert into findings (report_id, ordinal, rule, severity, category, cells, message, fingerprint) values (?, ?, ?, 'warning', 'conformity', '[]', ?, ?)")
        .run(r!.reportId!, 100 + ordinal, COPIED, message, `${COPIED}:${ordinal}`);
    const named = renderMessage(COPIED, 'copied', { agency: '沭阳县发展和改革局', similarity: 96 });
    add(1, named);
    add(2, '正文与“甲局”同年度报告高度雷同');
    expect(backfill).toHaveLength(1);
    for (const statement of backfill) sqlite.prepare(statement).run();
    const rows = sqlite.prepare<[], { message: string; message_id: string | null; data: string | null }>(`select message, message_id, data from findings where rule = '${COPIED}' order by ordinal`).all();
    expect(rows).toEqual([
      { message: named, message_id: 'copied', data: JSON.stringify({ agency: '沭阳县发展和改革局', similarity: 96 }) },
      { message: '正文与“甲局”同年度报告高度雷同', message_id: null, data: null },
    ]);
  });
});
