import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generate, outputFile } from "../../scripts/codegen.mjs";

describe("generated GraphQL types", () => {
  it("match apps/api/schema.graphql and the dashboard's documents (run `pnpm --filter @truecopy/dashboard codegen`)", async () => {
    const committed = readFileSync(outputFile, "utf8");
    expect(committed === (await generate())).toBe(true);
  });

  it("types every operation's document with its result and variables", () => {
    const committed = readFileSync(outputFile, "utf8");
    expect(committed).toContain("export const MeDocument: TDocument<MeQuery, MeQueryVariables>");
    expect(committed).toMatch(/export type MeQuery = \{ me: \{ id: string, .*role: Role.* \} \| null \};/);
  });
});
