import { defineConfig } from 'drizzle-kit';

// `pnpm --filter @nianbao/db generate` writes SQL migrations for schema changes into ./drizzle.
export default defineConfig({
  dialect: 'sqlite',
  schema: ['./src/schema.ts', './src/schema-auth.ts', './src/schema-office.ts'],
  out: './drizzle',
});
