export * from './templates';
export * from './schema';
