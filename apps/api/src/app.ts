/**
 * The API server: plugins for the cross-cutting concerns (store, docs, dashboard), one file per
 * resource under routes/. `buildApp` is what the tests drive with `app.inject` and the CLI serves.
 */
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import multipart from '@fastify/multipart';
import { ROOT } from '@nianbao/db';
import { type Store, type StoreOptions } from '@nianbao/core';
import { clientErrorHandler, errorBody, errorHandling, frameworkErrors } from './errors';
import audit from './plugins/audit';
import db from './plugins/db';
import guard from './plugins/guard';
import scope from './plugins/scope';
import security, { withRedaction } from './plugins/security';
import session, { type SessionOptions } from './plugins/session';
import docs from './plugins/swagger';
import web from './plugins/static';
import { zodCompilers } from './plugins/zod';
import agencies from './routes/agencies';
import auditLog from './routes/audit-log';
import bulletin from './routes/bulletin';
import cells from './routes/cells';
import findings from './routes/findings';
import health from './routes/health';
import imports from './routes/imports';
import rankings from './routes/rankings';
import rectification from './routes/rectification';
import reports from './routes/reports';
import roster from './routes/roster';
import rules from './routes/rules';
import login, { type LoginLimit } from './routes/session';
import statistics from './routes/statistics';
import users from './routes/users';

export const DEFAULT_WEB_ROOT = join(ROOT, 'apps/web/dist');

export interface AppOptions {
  /** An open store; otherwise one is opened at `databasePath` (DATABASE_PATH, data/nianbao.db). */
  store?: Store;
  databasePath?: string;
  auditor?: StoreOptions['auditor'];
  /** The dashboard build to serve; null for none. */
  webRoot?: string | null;
  logger?: FastifyServerOptions['logger'];
  /** Check every response against its schema (on outside production). */
  checkResponses?: boolean;
  /** Upload limits. */
  maxFileSize?: number;
  maxFiles?: number;
  /** Where the server will listen (local single-user mode needs a loopback address) and cookie flags. */
  host?: SessionOptions['host'];
  cookieSecure?: SessionOptions['cookieSecure'];
  /** Login attempt limits (tests lower them). */
  loginLimit?: Partial<LoginLimit>;
  /** Where users, sessions, login attempts and the audit log are kept; otherwise the SQLite store's database. */
  accounts?: SessionOptions['accounts'];
  /**
   * The reverse proxy (TLS terminator) whose X-Forwarded-For/-Proto/-Host are believed: addresses or
   * CIDR ranges, comma-separated (`127.0.0.1`, `10.0.0.0/8`), or a number of hops. Default TRUST_PROXY;
   * unset, those headers are ignored. Behind a proxy there is no single-user local mode.
   */
  trustProxy?: string | number | boolean;
}

/** TRUST_PROXY as Fastify's `trustProxy`: a hop count, or a list of addresses and ranges; unset, none. */
export function trustProxySetting(
  value: string | number | boolean | undefined = process.env.TRUST_PROXY,
): string | ((address: string, hop: number) => boolean) | false {
  const hops = (n: number) => (n > 0 ? (_address: string, hop: number) => hop < n : false);
  if (value === undefined || value === false || value === '') return false;
  if (value === true) return hops(1);
  if (typeof value === 'number') return hops(value);
  const v = value.trim();
  if (/^(false|no|off)$/i.test(v)) return false;
  if (/^(true|yes|on)$/i.test(v)) return hops(1);
  return /^\d+$/.test(v) ? hops(Number(v)) : v;
}

export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const trustProxy = trustProxySetting(options.trustProxy);
  const app = Fastify({
    logger: withRedaction(options.logger ?? false),
    bodyLimit: 10 * 2 ** 20,
    trustProxy,
    // finding fingerprints name cells (`table.cell-text:t3.…`): long ones are valid path parameters
    routerOptions: { maxParamLength: 1000 },
    // errors Fastify answers before any route or hook: in the API's shape, in Chinese
    frameworkErrors,
    clientErrorHandler,
    // the query string `region=36&kind=department` is parsed by fastify, then coerced by zod
  });
  zodCompilers(app, { checkResponses: options.checkResponses ?? process.env.NODE_ENV !== 'production' });
  errorHandling(app);
  await app.register(security);

  const maxFiles = options.maxFiles ?? 5000;
  await app.register(multipart, {
    // busboy counts parts (files and fields) against `parts`, 1,000 unless raised with the files
    limits: { fileSize: options.maxFileSize ?? 200 * 2 ** 20, files: maxFiles, fields: 20, parts: maxFiles + 20 },
  });
  await app.register(db, { store: options.store, path: options.databasePath, auditor: options.auditor });
  // who is calling (session), what each route declares it needs (guard, scope), and what changed (audit)
  await app.register(session, { host: options.host, cookieSecure: options.cookieSecure, behindProxy: trustProxy !== false, accounts: options.accounts });
  await app.register(guard);
  await app.register(scope);
  await app.register(audit);
  await app.register(docs);

  await app.register(health);
  await app.register(login, { loginLimit: options.loginLimit });
  await app.register(users);
  await app.register(auditLog);
  await app.register(reports);
  await app.register(cells);
  await app.register(imports);
  await app.register(agencies);
  await app.register(rankings);
  await app.register(statistics);
  await app.register(rules);
  await app.register(findings);
  await app.register(roster);
  await app.register(rectification);
  await app.register(bulletin);

  await app.register(web, { root: options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    if (request.method === 'GET' && app.webRoot && !path.startsWith('/api/') && path !== '/api') {
      // not returned: sendFile streams, and a returned reply would be awaited as a thenable
      reply.type('text/html; charset=utf-8').sendFile('index.html');
      return;
    }
    reply.status(404).send(errorBody('not-found', `未找到 ${request.method} ${path}`));
  });
  return app;
}
