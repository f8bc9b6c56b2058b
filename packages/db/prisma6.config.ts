// Prisma 6's CLI (aliased as prisma-migrate-diff) is used only to write migration SQL
// (`pnpm db:diff`): its wasm schema engine works offline where Prisma 7's native one cannot be fetched.
import { defineConfig } from "prisma-migrate-diff/config";
import { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: process.env.DIFF_SCHEMA ?? "../../prisma/schema.prisma",
  adapter() {
    return Promise.resolve(
      new PrismaPg({
        connectionString: process.env.DIFF_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
      }),
    );
  },
} as never);
