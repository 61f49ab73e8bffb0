export { buildApp, DEFAULT_WEB_ROOT, type AppOptions } from './app';
export { startServer, type ServerOptions } from './server';
export { rankingsCsv, rankingsXlsx, exportFileName } from './services/export';
