/**
 * Global setup of the `api-postgres` vitest project (vitest.config.ts): ONE throwaway PostgreSQL
 * server for the whole run (a server per test file would cost seconds each), with a template
 * database that has the migrations applied, so that each test's fresh database
 * (`testDatabase()`, ./testing.ts) is a quick copy of it. Stopped, its databases dropped, at the end.
 */
import type { TestProject } from 'vitest/node';
import { PgStorage } from '@nianbao/db/pg';
import { pgQuery, startPgTestServer } from '@nianbao/db/pg/test-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The template database's url: `testDatabase()` copies it. */
    pgTemplateUrl: string;
    /** A database of the same server to connect to while copying the template (which must have no connection). */
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startPgTestServer('nianbao_api');
  await (await PgStorage.open(server.url, { max: 1 })).close();
  const template = decodeURIComponent(new URL(server.url).pathname.slice(1));
  const admin = process.env.DATABASE_URL_TEST ?? Object.assign(new URL(server.url), { pathname: '/postgres' }).toString();
  project.provide('pgTemplateUrl', server.url);
  project.provide('pgAdminUrl', admin);
  return async () => {
    // the tests' copies (named after the template), then the template and, if started here, the server
    const copies = await pgQuery<{ datname: string }>(admin, 'select datname from pg_database where starts_with(datname, $1)', [`${template}_`]);
    for (const { datname } of copies) await pgQuery(admin, `drop database if exists "${datname}" with (force)`);
    await server.stop();
  };
}
