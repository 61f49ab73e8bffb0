/** The store, opened once and shared by every route as `app.store`. */
import type { FastifyInstance } from 'fastify';
import { Store, type StoreOptions } from '@nianbao/core';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

export interface DbPluginOptions extends StoreOptions {
  /** An already open store (tests, the CLI); it is then not closed with the app. */
  store?: Store;
}

export default fp(async function db(app: FastifyInstance, options: DbPluginOptions) {
  const store = options.store ?? new Store(options);
  app.decorate('store', store);
  // a rectification case passing its 整改期限 changes scores with no event of its own: the first
  // request of each day charges 逾期未改 before anything reads a score (a no-op the rest of the day)
  app.addHook('onRequest', async () => {
    await store.settleOverdue();
  });
  if (!options.store) app.addHook('onClose', async () => store.close());
});
