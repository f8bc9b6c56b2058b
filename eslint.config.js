// Flat config: typed lint for TypeScript, plain lint for the JavaScript scripts.
import path from "node:path";
import { fileURLToPath } from "node:url";
import tseslint from "typescript-eslint";

const root = path.dirname(fileURLToPath(import.meta.url));

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/.next/**",
      "**/generated/**",
      "**/.turbo/**",
      "**/coverage/**",
      ".data/**",
      "**/next-env.d.ts",
    ],
  },
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // Files outside every tsconfig (script tests, browser tests) get a default project.
        projectService: {
          allowDefaultProject: ["*.ts", "packages/*/*.config.ts"],
          defaultProject: "tsconfig.base.json",
        },
        tsconfigRootDir: root,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "inline-type-imports" },
      ],
      "@typescript-eslint/consistent-type-definitions": ["error", "type"],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    extends: [...tseslint.configs.recommended],
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        Buffer: "readonly",
        URL: "readonly",
        fetch: "readonly",
        AbortSignal: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setImmediate: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Environment variables are read once, parsed with zod, in env.ts files and packages/config.
  {
    files: ["**/*.{ts,tsx,js,mjs,cjs}"],
    ignores: [
      "packages/config/**",
      "scripts/**",
      "**/scripts/**",
      "**/env.ts",
      "*.config.{ts,js,mjs}",
      "**/*.config.{ts,js,mjs}",
    ],
    rules: {
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Read environment variables in env.ts (zod) or packages/config.",
        },
      ],
    },
  },
);
