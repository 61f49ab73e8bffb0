/**
 * What keeps password guessing slow and cheap to refuse:
 *
 * - `LoginThrottle` counts login *attempts* (reserved before the password is checked, so concurrent
 *   guesses count too) in a sliding window, under three keys: the login and the client's address,
 *   the login alone (guesses at one account from many addresses), and the address alone. The login is
 *   normalised as the account lookup reads it (NFKC, trimmed), so ` bf1` and `ｂｆ１` share `bf1`'s
 *   budget. A successful login gives its own attempt back and clears its failures from that address.
 * - `HashQueue` bounds the password hashing (scrypt, ≈100 ms of CPU each): a few at a time, a short
 *   queue ordered by how many attempts the client made lately, and one slot kept for clients with
 *   none, so a flood of bogus logins is refused (503) rather than queued in front of real ones.
 *
 * Home-made rather than @fastify/rate-limit (checked against 11.2.0): it can key by the login (a
 * `keyGenerator` run at the preHandler hook sees the body), and three limiters stacked on the route
 * give the three keys, but it cannot keep this budget's behaviour: its store counts a fixed window
 * from the first hit (so up to twice the limit across a window's edge, where this one slides), it has
 * no way to give an attempt back when the login succeeds (login-limit.test.ts), stacked limiters
 * count independently (a request refused by the third is already counted by the first two; here
 * nothing is counted unless every budget has room), and the hashing queue's priority reads this
 * address's count; and its shared store for several servers is Redis, which this product does not
 * run. The attempts are kept in the database (`login_attempts`), so that every API server
 * on it counts against the same budgets; an attempt is checked and counted in one write transaction.
 */
import { availableParallelism } from 'node:os';
import { normaliseUsername } from '@nianbao/core';
import type { AccountQueries, AttemptScope } from '@nianbao/db';

export interface LoginLimit {
  /** Attempts allowed per login and address within the window. */
  max: number;
  /** Attempts allowed per login (one account) from all addresses together. */
  maxPerAccount: number;
  /** Attempts allowed per address (any logins). */
  maxPerIp: number;
  windowMs: number;
  /** Password hashes computed at once, and requests allowed to wait for one. */
  hashConcurrency: number;
  hashQueue: number;
}

export const LOGIN_LIMIT: LoginLimit = {
  max: 5,
  maxPerAccount: 20,
  maxPerIp: 30,
  windowMs: 15 * 60_000,
  // one core is left for the slot kept for clients with no attempts lately (HashQueue)
  hashConcurrency: Math.max(1, availableParallelism() - 1),
  hashQueue: 16,
};

/** An attempt counted under its keys; `succeeded` gives it back. */
export interface Attempt {
  /** Other attempts of this address in the window, now (the hashing queue's priority). */
  others(): number;
  succeeded(): void;
}

export class LoginThrottle {
  constructor(
    private readonly attempts: AccountQueries,
    private readonly limit: LoginLimit = LOGIN_LIMIT,
  ) {}

  private budgets(login: string, ip: string): [AttemptScope, number][] {
    const name = normaliseUsername(login);
    return [
      [{ login: name, ip }, this.limit.max],
      [{ login: name }, this.limit.maxPerAccount],
      [{ ip }, this.limit.maxPerIp],
    ];
  }

  private since(now: number) {
    return new Date(now - this.limit.windowMs).toISOString();
  }

  /** Seconds to wait before the next attempt, or 0 (nothing counted). */
  retryAfter(login: string, ip: string, now = Date.now()): number {
    let until = 0;
    for (const [scope, max] of this.budgets(login, ip)) {
      const oldest = this.attempts.nthRecentAttempt(scope, this.since(now), max);
      if (oldest) until = Math.max(until, Date.parse(oldest) + this.limit.windowMs);
    }
    return until ? Math.max(1, Math.ceil((until - now) / 1000)) : 0;
  }

  /** Counts an attempt now, or answers the seconds to wait when one of its budgets is spent. */
  attempt(login: string, ip: string, now = Date.now()): Attempt | { retryAfter: number } {
    const name = normaliseUsername(login);
    // a spent budget refused by reads alone (a flood costs no write); otherwise checked again and
    // counted under the database's write lock, where another server's attempt waits
    const spent = this.retryAfter(name, ip, now);
    if (spent) return { retryAfter: spent };
    const id = this.attempts.exclusive(() => {
      const wait = this.retryAfter(name, ip, now);
      return wait ? { retryAfter: wait } : this.attempts.insertAttempt(name, ip, new Date(now).toISOString(), this.since(now));
    });
    if (typeof id !== 'number') return id;
    return {
      others: () => Math.max(0, this.attempts.countAttempts({ ip }, this.since(Date.now())) - 1),
      // a successful login costs no budget (and clears this address's failures for the login)
      succeeded: () => this.attempts.attemptSucceeded(id, name, ip),
    };
  }
}

/** The hashing queue is full: the request is refused, not queued. */
export class HashQueueFull extends Error {
  constructor() {
    super('hash queue full');
  }
}

interface Waiting {
  priority: () => number;
  seq: number;
  start: () => void;
  reject: (e: Error) => void;
}

/**
 * At most `concurrency` jobs at once (one more for a job of priority 0), at most `size` waiting;
 * waiting jobs start lowest priority first, then in order of arrival. A job arriving at a full queue
 * takes the place of the worst one waiting if it ranks before it, else is refused. Priorities are
 * read again whenever the queue moves: a client's attempts made while it waits count against it.
 */
export class HashQueue {
  private running = 0;
  private waiting: Waiting[] = [];
  private seq = 0;

  constructor(
    private readonly concurrency: number,
    private readonly size: number,
  ) {}

  private free(priority: number) {
    return this.running < this.concurrency + (priority === 0 ? 1 : 0);
  }

  run<T>(priority: () => number, job: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running++;
        job()
          .then(resolve, reject)
          .finally(() => {
            this.running--;
            this.next();
          });
      };
      this.waiting.push({ priority, seq: this.seq++, start, reject });
      this.next();
      // over its size, the queue drops its worst-ranked job (the newcomer, among equals)
      if (this.waiting.length > this.size) this.waiting.pop()!.reject(new HashQueueFull());
    });
  }

  private order() {
    const ranked = this.waiting.map((w) => ({ w, p: w.priority() }));
    ranked.sort((a, b) => a.p - b.p || a.w.seq - b.w.seq);
    this.waiting = ranked.map((r) => r.w);
  }

  private next() {
    this.order();
    while (this.waiting.length && this.free(this.waiting[0]!.priority())) this.waiting.shift()!.start();
  }
}
