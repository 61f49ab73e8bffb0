/** The store, opened once and shared by every route as `app.store`. */
import type { FastifyInstance } from 'fastify';
import { Store, type StoreOptions } from '@nianbao/db';
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
  if (!options.store) app.addHook('onClose', async () => store.close());
});
