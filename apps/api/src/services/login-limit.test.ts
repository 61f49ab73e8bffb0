import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, SqliteAccounts } from '@nianbao/db';
import { openAccounts } from '@nianbao/db/pg';
import { storageEngines } from '@nianbao/db/pg/test-engines';
import { HashQueue, HashQueueFull, LoginThrottle, LOGIN_LIMIT } from './login-limit';

const later = () => {
  let done!: () => void;
  const p = new Promise<void>((r) => (done = r));
  return { p, done };
};

describe('HashQueue', () => {
  it('starts a clean client’s job at once while a flood waits, and refuses the flood beyond its size', async () => {
    const q = new HashQueue(1, 4);
    const gates = Array.from({ length: 10 }, later);
    const started: number[] = [];
    const flood = gates.map((g, i) =>
      q.run(() => 29, async () => {
        started.push(i);
        await g.p;
      }).then(() => 'done', (e) => (e instanceof HashQueueFull ? 'full' : 'error')),
    );
    expect(started).toEqual([0]); // one at a time for clients with attempts behind them
    let real = false;
    const clean = q.run(() => 0, async () => {
      real = true;
    });
    await clean;
    expect(real).toBe(true); // the slot kept for clean clients: no wait behind the flood
    gates.forEach((g) => g.done());
    expect(await Promise.all(flood)).toEqual(['done', 'done', 'done', 'done', 'done', 'full', 'full', 'full', 'full', 'full']);
  });

  it('a better-ranked job takes the place of the worst one waiting', async () => {
    const q = new HashQueue(1, 2);
    const g = later();
    const order: string[] = [];
    const job = (name: string, p: number) =>
      q.run(() => p, async () => {
        order.push(name);
        await g.p;
      }).catch(() => order.push(`${name}: full`));
    const all = [job('a', 5), job('b', 5), job('c', 9), job('d', 1)];
    g.done();
    await Promise.all(all);
    expect(order).toEqual(['a', 'c: full', 'd', 'b']);
  });
});

describe('LoginThrottle', () => {
  it('gives a successful attempt back and forgets that address’s failures for the login', async () => {
    const t = new LoginThrottle(new SqliteAccounts(openDatabase(':memory:')), { ...LOGIN_LIMIT, max: 2 });
    const a = await t.attempt('bf1', '10.0.0.1', 1000);
    expect('others' in a && a.others()).toBe(0);
    expect(await t.retryAfter('ｂｆ１ ', '10.0.0.1', 1000)).toBe(0);
    await t.attempt('bf1', '10.0.0.1', 1001);
    expect(await t.retryAfter(' bf1', '10.0.0.1', 1002)).toBe(LOGIN_LIMIT.windowMs / 1000);
    expect(await t.attempt('bf1', '10.0.0.1', 1002)).toEqual({ retryAfter: LOGIN_LIMIT.windowMs / 1000 });
    const other = await t.attempt('bf1', '10.0.0.2', 1003);
    if ('retryAfter' in other) throw new Error('blocked');
    await other.succeeded();
    expect(await t.retryAfter('bf1', '10.0.0.2', 1004)).toBe(0);
  });
});

const engines = storageEngines();
const opened: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const s of opened.splice(0)) await s.close();
  for (const e of engines) await e.stop();
});

describe.each(engines)('LoginThrottle on $name', (engine) => {
  const WINDOW = LOGIN_LIMIT.windowMs / 1000;
  const now = Date.parse('2026-01-04T08:00:00.000Z');
  const servers = async (limit: typeof LOGIN_LIMIT) => {
    const url = await engine.url();
    const storages = [await openAccounts(url), await openAccounts(url)];
    opened.push(...storages);
    return storages.map((s) => new LoginThrottle(s, limit));
  };

  it('two servers on one database share the budgets: guesses at once through both are counted up to them only', async () => {
    const [a, b] = await servers({ ...LOGIN_LIMIT, max: 3, maxPerAccount: 4, maxPerIp: 100 });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a! : b!).attempt('bf1', '10.0.0.1', now)));
    expect(results.filter((r) => 'others' in r)).toHaveLength(3);
    expect(results.filter((r) => 'retryAfter' in r)).toEqual(Array(5).fill({ retryAfter: WINDOW }));
    // the account's budget (4) leaves one guess from elsewhere, whichever server takes it
    expect(await b!.attempt('ｂｆ１', '10.0.0.2', now)).toHaveProperty('others');
    expect(await a!.attempt('bf1', '10.0.0.3', now + 1000)).toEqual({ retryAfter: WINDOW - 1 });
    expect(await a!.retryAfter('bf1', '10.0.0.1', now + 60_000)).toBe(WINDOW - 60);
    expect(await b!.retryAfter('bf1', '10.0.0.1', now + LOGIN_LIMIT.windowMs)).toBe(0);
  });

  it('ranks an address by its attempts in the window, as counted at this server’s latest attempt from it', async () => {
    const [a, b] = await servers(LOGIN_LIMIT);
    const first = await a!.attempt('u1', '10.0.0.7', now);
    if ('retryAfter' in first) throw new Error('blocked');
    expect(first.others()).toBe(0);
    await b!.attempt('u2', '10.0.0.7', now + 1);
    expect(first.others()).toBe(0); // the other server's attempt is not seen until this one counts again
    const third = await a!.attempt('u3', '10.0.0.7', now + 2);
    if ('retryAfter' in third) throw new Error('blocked');
    expect([first.others(), third.others()]).toEqual([2, 2]);
    const elsewhere = await a!.attempt('u1', '10.0.0.8', now + 3);
    expect('others' in elsewhere && elsewhere.others()).toBe(0);
  });
});
