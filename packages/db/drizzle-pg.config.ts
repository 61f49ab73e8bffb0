import { defineConfig } from 'drizzle-kit';

// `pnpm --filter @nianbao/db generate:pg <name>` writes PostgreSQL migrations for schema changes into ./drizzle-pg
// (src/pg/schema.ts mirrors the SQLite schema: change both, then run `generate` and `generate:pg`).
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/pg/schema.ts'],
  out: './drizzle-pg',
});
