import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  // Migrations live at the repo root (the layout fixes `drizzle/`), shared by every engine.
  out: '../../drizzle',
});
