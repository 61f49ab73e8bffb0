import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPostgresUrl, openStorage } from './pg/open';
import { PgStorage } from './pg/storage';
import { storageEngines, type EitherStorage } from './pg/test-engines';
import { SqliteStorage } from './sqlite-storage';

const agency = (name: string) => ({ name, regionCode: null, level: null, kind: 'department' as const, createdAt: '2026-01-01T00:00:00.000Z', demo: false });

// every test on SQLite and on PostgreSQL (where a server can be had; under CI it must be)
describe.each(storageEngines())('$name storage transactions', (engine) => {
  let storage: EitherStorage;
  beforeEach(async () => {
    storage = await engine.open();
  }, 60_000);
  afterEach(async () => {
    await storage.close();
  });
  afterAll(() => engine.stop(), 60_000);

  it('commits what the function wrote, and rolls everything back when it rejects', async () => {
    const id = await storage.withTransaction((tx) => tx.insertAgency(agency('甲局')));
    expect((await storage.agency(id))?.name).toBe('甲局');
    await expect(
      storage.withTransaction(async (tx) => {
        await tx.insertAgency(agency('乙局'));
        throw new Error('disk on fire');
      }),
    ).rejects.toThrow('disk on fire');
    expect(await storage.agency(id + 1)).toBeUndefined();
  });

  it('makes a nested transaction a savepoint: its failure leaves the rest of the transaction', async () => {
    const ids = await storage.withTransaction(async (tx) => {
      const a = await tx.insertAgency(agency('甲局'));
      await tx.withTransaction(async (sp) => {
        await sp.insertAgency(agency('乙局'));
        throw new Error('one report fails');
      }).catch(() => undefined);
      const c = await tx.insertAgency(agency('丙局'));
      return [a, c];
    });
    expect(await Promise.all(ids.map(async (id) => (await storage.agency(id))?.name))).toEqual(['甲局', '丙局']);
    expect(await storage.agencyReportCount(ids[0]!)).toBe(0);
  });

  it('runs transactions of one connection one after the other, in the order they were asked for', async () => {
    const order: string[] = [];
    const run = (name: string) =>
      storage.withTransaction(async (tx) => {
        order.push(`${name} begins`);
        await tx.insertAgency(agency(name));
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push(`${name} ends`);
      });
    await Promise.all([run('甲局'), run('乙局')]);
    expect(order).toEqual(['甲局 begins', '甲局 ends', '乙局 begins', '乙局 ends']);
  });

  it('changes its change version when data changes', async () => {
    const before = await storage.changeVersion();
    expect(await storage.changeVersion()).toBe(before);
    await storage.withTransaction((tx) => tx.insertAgency(agency('甲局')));
    expect(await storage.changeVersion()).not.toBe(before);
  });

  it("opens the engine its url names, and sees another connection's commits in its change version", async () => {
    const url = await engine.url();
    const [a, b] = [await openStorage(url), await openStorage(url)];
    try {
      expect(a).toBeInstanceOf(engine.name === 'postgres' ? PgStorage : SqliteStorage);
      const before = await b.changeVersion();
      const id = await a.withTransaction((tx) => tx.insertAgency(agency('甲局')));
      expect(await b.changeVersion()).not.toBe(before);
      expect((await b.agency(id))?.name).toBe('甲局');
      // a write outside a transaction counts too
      const between = await b.changeVersion();
      await a.upsertSetting('office.name', '政务公开办', '2026-01-01 00:00:00');
      expect(await b.changeVersion()).not.toBe(between);
      expect(await b.setting('office.name')).toBe('政务公开办');
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('openStorage', () => {
  it('takes a postgres:// or postgresql:// url for PostgreSQL, anything else for a SQLite file', () => {
    expect(['postgres://u@h/db', 'postgresql://u:p@h:5432/db', 'POSTGRES://h/db'].map(isPostgresUrl)).toEqual([true, true, true]);
    expect(['data/nianbao.db', '/tmp/postgres.db', 'file:postgres://x', undefined].map(isPostgresUrl)).toEqual([false, false, false, false]);
  });
});
