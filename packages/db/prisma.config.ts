import { defineConfig } from "prisma/config";

// The CLI is used for `generate` only; migrations are applied by our own runner (src/migrate.ts).
export default defineConfig({
  schema: "../../prisma/schema.prisma",
  migrations: { path: "../../prisma/migrations" },
});
