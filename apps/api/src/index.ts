export { buildApp, DEFAULT_WEB_ROOT, type AppOptions } from './app';
export { ingestDemo, startServer, type DemoSize, type ServerOptions } from './server';
