import { describe, expect, it } from 'vitest';
import { openDatabase, SqliteAccounts } from '@nianbao/db';
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
