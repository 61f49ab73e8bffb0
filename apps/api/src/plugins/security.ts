/**
 * Security headers on every response (API, dashboard files, errors, 404s), set by @fastify/helmet,
 * and a logger that never writes secrets.
 *
 * The dashboard is a built bundle loaded from /assets: scripts only from this origin (no inline
 * script, no eval); antd injects its styles at run time, hence `style-src 'unsafe-inline'`. No page
 * may frame ours; API answers are not cached (they depend on who is logged in).
 */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The policy as @fastify/helmet writes it (`default-src 'self';script-src 'self';…`). */
export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())} ${v.join(' ')}`)
  .join(';');

const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=()';

/**
 * The headers helmet sets below, for the one answer given before any hook runs (Fastify's
 * `frameworkErrors`, errors.ts).
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': PERMISSIONS_POLICY,
};

export default fp(async function security(app: FastifyInstance) {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    // HTTPS is the proxy's to announce (TRUST_PROXY); on 127.0.0.1 there is none
    strictTransportSecurity: false,
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
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
