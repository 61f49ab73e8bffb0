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
 * on it counts against the same budgets; an attempt is checked and counted as one operation of the
 * account storage (`reserveAttempt`: one write transaction on SQLite, an advisory lock on PostgreSQL).
 */
import { availableParallelism } from 'node:os';
import { normaliseUsername } from '@nianbao/core';
import type { AccountStorage, AttemptBudget } from '@nianbao/core';

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
  succeeded(): Promise<void>;
}

/** Addresses whose recent count is kept at most (the oldest forgotten first): a bound on memory under a flood from many. */
const KEPT_ADDRESSES = 10_000;

export class LoginThrottle {
  /**
   * Each address's attempts in the window, as the database counted them at this process's last attempt
   * from it (oldest refresh first). The hashing queue reads a priority synchronously and again at every
   * move of the queue, so it cannot ask the database (a round trip to a server, each time); this count is
   * refreshed by every attempt, so a client's attempts made while it waits still count against it.
   */
  private readonly recent = new Map<string, { count: number; at: number }>();

  constructor(
    private readonly attempts: AccountStorage,
    private readonly limit: LoginLimit = LOGIN_LIMIT,
  ) {}

  private budgets(login: string, ip: string): AttemptBudget[] {
    const name = normaliseUsername(login);
    return [
      { scope: { login: name, ip }, max: this.limit.max },
      { scope: { login: name }, max: this.limit.maxPerAccount },
      { scope: { ip }, max: this.limit.maxPerIp },
    ];
  }

  private remember(ip: string, count: number, now: number) {
    this.recent.delete(ip);
    this.recent.set(ip, { count, at: now });
    for (const [key, r] of this.recent) {
      if (this.recent.size <= KEPT_ADDRESSES && r.at > now - this.limit.windowMs) break;
      this.recent.delete(key);
    }
  }

  /** Read only for an attempt just reserved, whose reservation refreshed its address's count. */
  private othersOf(ip: string): number {
    return Math.max(0, (this.recent.get(ip)?.count ?? 1) - 1);
  }

  private wait(blockedBy: string, now: number): number {
    return Math.max(1, Math.ceil((Date.parse(blockedBy) + this.limit.windowMs - now) / 1000));
  }

  private since(now: number) {
    return new Date(now - this.limit.windowMs).toISOString();
  }

  /** Seconds to wait before the next attempt, or 0 (nothing counted). */
  async retryAfter(login: string, ip: string, now = Date.now()): Promise<number> {
    const blockedBy = await this.attempts.blockingAttempt(this.budgets(login, ip), this.since(now));
    return blockedBy ? this.wait(blockedBy, now) : 0;
  }

  /** Counts an attempt now, or answers the seconds to wait when one of its budgets is spent. */
  async attempt(login: string, ip: string, now = Date.now()): Promise<Attempt | { retryAfter: number }> {
    const name = normaliseUsername(login);
    // a spent budget refused by reads alone (a flood costs no write); otherwise checked again and
    // counted as one operation, where another server's attempt waits
    const spent = await this.retryAfter(name, ip, now);
    if (spent) return { retryAfter: spent };
    const r = await this.attempts.reserveAttempt(this.budgets(name, ip), name, ip, new Date(now).toISOString(), this.since(now));
    if ('blockedBy' in r) return { retryAfter: this.wait(r.blockedBy, now) };
    this.remember(ip, r.ipAttempts, now);
    return {
      others: () => this.othersOf(ip),
      // a successful login costs no budget (and clears this address's failures for the login)
      succeeded: () => this.attempts.attemptSucceeded(r.id, name, ip),
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
