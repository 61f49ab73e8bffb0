import type { FastifyPluginAsync, FastifyPluginCallback } from 'fastify';

/**
 * Marks a plugin as not encapsulated (what `fastify-plugin` does), so its decorators and hooks
 * reach the routes registered beside it.
 */
export function global<T extends FastifyPluginAsync<never> | FastifyPluginCallback<never>>(plugin: T): T {
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  return plugin;
}
