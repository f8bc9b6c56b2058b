import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

// Workspace packages resolve to their TypeScript sources, so tests never need a build.
const conditions = ["@truecopy/source", ...defaultServerConditions];

// type-graphql loads graphql through Node (CommonJS) while test files would get vite's ESM copy:
// two realms, and graphql refuses to mix them. Point every bare `graphql` import at one file.
function graphqlAlias(): { find: RegExp; replacement: string }[] {
  try {
    const requireFromApi = createRequire(path.join(root, "apps/api/package.json"));
    return [{ find: /^graphql$/, replacement: requireFromApi.resolve("graphql/index.js") }];
  } catch {
    return [];
  }
}

const exclude = ["**/node_modules/**", "**/dist/**", "**/.next/**", "**/.data/**", "**/.turbo/**", "**/coverage/**"];

// Projects run one after another (groupOrder): unit tests are quick and CPU-bound; integration and
// browser tests share one database and one Redis and run file by file.
export default defineConfig({
  resolve: { conditions, alias: graphqlAlias() },
  ssr: { resolve: { conditions } },
  test: {
    exclude,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["**/*.test.ts", "**/*.test.tsx"],
          exclude: [...exclude, "**/*.int.test.ts", "**/*.e2e.test.ts"],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude,
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["apps/dashboard/e2e/**/*.e2e.test.ts"],
          exclude,
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 300_000,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
