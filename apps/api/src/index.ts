export { buildApp, DEFAULT_WEB_ROOT, type AppOptions } from './app';
export { ingestDemo, startServer, type DemoSize, type ServerOptions } from './server';
export { rankingsCsv, rankingsXlsx, exportFileName } from './services/export';
export { noticesDocx, noticeFileName, noticeTitle } from './services/notice-docx';
