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
  // Tests, their helpers and offline scripts inspect untyped rows and JSON: the no-unsafe-* family adds noise there.
  {
    files: ["**/*.test.ts", "**/*.test.tsx", "**/src/testing.ts", "**/e2e/**/*.ts", "**/scripts/**/*.{ts,mjs}"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-explicit-any": "off",
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
