import { readFile } from "node:fs/promises";
import { lexicographicSortSchema, printSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { getSchema } from "./build-schema.js";

describe("schema.graphql", () => {
  it("matches the schema the resolvers build (run `pnpm --filter @truecopy/api emit-schema` after changing them)", async () => {
    const committed = await readFile(new URL("../../schema.graphql", import.meta.url), "utf8");
    const built = printSchema(lexicographicSortSchema(await getSchema()));
    expect(committed.replace(/^#.*\n\n/, "").trim()).toBe(built.trim());
  });
});
