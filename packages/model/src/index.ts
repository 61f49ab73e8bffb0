export * from './domain';
export * from './templates';
export * from './schema';
