/**
 * The API server: plugins for the cross-cutting concerns (store, docs, dashboard), one file per
 * resource under routes/. `buildApp` is what the tests drive with `app.inject` and the CLI serves.
 */
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import multipart from '@fastify/multipart';
import { ROOT, type Store, type StoreOptions } from '@nianbao/db';
import { errorBody, errorHandling } from './errors';
import auth, { type AuthOptions } from './plugins/auth';
import db from './plugins/db';
import security, { withRedaction } from './plugins/security';
import docs from './plugins/swagger';
import web from './plugins/static';
import { zodCompilers } from './plugins/zod';
import agencies from './routes/agencies';
import auditLog from './routes/audit-log';
import bulletin from './routes/bulletin';
import health from './routes/health';
import rankings from './routes/rankings';
import rectification from './routes/rectification';
import reports from './routes/reports';
import roster from './routes/roster';
import rules from './routes/rules';
import session, { type LoginLimit } from './routes/session';
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
  host?: AuthOptions['host'];
  cookieSecure?: AuthOptions['cookieSecure'];
  /** Failed-login limits (tests lower them). */
  loginLimit?: Partial<LoginLimit>;
}

export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: withRedaction(options.logger ?? false),
    bodyLimit: 10 * 2 ** 20,
    // the query string `region=36&kind=department` is parsed by fastify, then coerced by zod
  });
  zodCompilers(app, { checkResponses: options.checkResponses ?? process.env.NODE_ENV !== 'production' });
  errorHandling(app);
  await app.register(security);

  await app.register(multipart, {
    limits: { fileSize: options.maxFileSize ?? 200 * 2 ** 20, files: options.maxFiles ?? 5000, fields: 20 },
  });
  await app.register(db, { store: options.store, path: options.databasePath, auditor: options.auditor });
  await app.register(auth, { host: options.host, cookieSecure: options.cookieSecure });
  await app.register(docs);

  await app.register(health);
  await app.register(session, { loginLimit: options.loginLimit });
  await app.register(users);
  await app.register(auditLog);
  await app.register(reports);
  await app.register(agencies);
  await app.register(rankings);
  await app.register(statistics);
  await app.register(rules);
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
