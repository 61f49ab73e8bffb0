/**
 * Security headers on every response (API, dashboard files, errors, 404s) and a logger that never
 * writes secrets.
 *
 * The dashboard is a built bundle loaded from /assets: scripts only from this origin (no inline
 * script, no eval); antd injects its styles at run time, hence `style-src 'unsafe-inline'`. No page
 * may frame ours; API answers are not cached (they depend on who is logged in).
 */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

export default fp(async function security(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply, payload) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    const path = request.url.split('?')[0]!;
    if ((path === '/api' || path.startsWith('/api/')) && !path.startsWith('/api/docs/static')) {
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });
});

/** Paths pino blanks out whatever a route or an error logs. */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'body.password',
  'body.currentPassword',
  'body.newPassword',
  'req.body.password',
  'password',
  'passwordHash',
  'token',
];

/** The logger option with redaction added (false stays false). */
export function withRedaction(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return logger;
  const base = logger === true ? {} : (logger as Record<string, unknown>);
  return { ...base, redact: { paths: REDACT_PATHS, censor: '[已隐去]' } } as FastifyServerOptions['logger'];
}
