import { describe, expect, it } from "vitest";
import { copyLine, copyValue } from "./copy-text.mjs";
import { assertTestDatabase, databaseNameOf } from "./bench-database.mjs";

describe("COPY text format", () => {
  it("escapes the characters that would end a column or a row", () => {
    expect(copyValue("a\tb\nc\rd\\e")).toBe("a\\tb\\nc\\rd\\\\e");
  });

  it("writes NULL for null and undefined, and keeps empty text empty", () => {
    expect(copyValue(null)).toBe("\\N");
    expect(copyValue(undefined)).toBe("\\N");
    expect(copyValue("")).toBe("");
  });

  it("renders objects as JSON with their backslashes escaped once more", () => {
    expect(copyValue({ path: "C:\\x", list: ["a\tb"] })).toBe('{"path":"C:\\\\\\\\x","list":["a\\\\tb"]}');
  });

  it("joins a row with tabs and ends it with a newline", () => {
    expect(copyLine(["中文", 12.5, null, "x\ty"])).toBe("中文\t12.5\t\\N\tx\\ty\n");
  });
});

describe("bench database guard", () => {
  it("accepts only databases whose name ends with _test", () => {
    expect(assertTestDatabase("postgres://u@h:5432/truecopy_bench_test")).toBe("truecopy_bench_test");
    expect(() => assertTestDatabase("postgres://u@h:5432/truecopy")).toThrow(/_test/);
    expect(() => assertTestDatabase("postgres://u@h:5432/")).toThrow(/_test/);
    expect(() => assertTestDatabase("not a url")).toThrow(/_test/);
  });

  it("reads the database name from the URL path, ignoring the query", () => {
    expect(databaseNameOf("postgres://u@h/my_test?sslmode=disable")).toBe("my_test");
    expect(databaseNameOf("postgres://u@h")).toBeNull();
  });
});
