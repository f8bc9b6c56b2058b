import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { generateCommand, generateLine } from "./generate.command.js";

type TOut = {
  id: string | number;
  text: string;
  claims: { text: string; start: number; end: number; source: string }[];
  findings: Record<string, unknown>[];
  status: string;
};
const outputOf = (raw: string, line = 1): TOut => {
  const r = generateLine(raw, line);
  if (!r.ok) throw new Error(r.error);
  return JSON.parse(r.output) as TOut;
};

describe("truecopy generate (the stable CLI contract)", () => {
  it("prints id, text, claims with UTF-16 spans and sources, findings", () => {
    const out = outputOf(
      JSON.stringify({
        id: "a1",
        locale: "zh",
        field: "DESCRIPTION",
        attributes: { 类型: "裙", 裙长: "连衣裙", 颜色: ["白色", "黑色"], 材质: "雪纺" },
      }),
    );
    expect(Object.keys(out).sort()).toEqual(["claims", "findings", "id", "status", "text"]);
    expect(out.id).toBe("a1");
    expect(out.status).toBe("offered");
    for (const c of out.claims) {
      expect(Object.keys(c).sort()).toEqual(["end", "source", "start", "text"]);
      expect(out.text.slice(c.start, c.end)).toBe(c.text);
      expect(c.source).toMatch(/^attribute:/);
    }
    for (const v of ["连衣裙", "白色", "黑色", "雪纺"]) expect(out.text).toContain(v);
    expect(out.findings.every((f) => f.severity !== "INFO")).toBe(true);
  });

  it("takes reviews as strings or objects and the audience", () => {
    const out = outputOf(
      JSON.stringify({
        id: 7,
        locale: "en",
        field: "DESCRIPTION",
        audience: "sport",
        attributes: { type: "smartwatch", colour: "black", "sport modes": ["running", "swimming"] },
        reviews: ["Battery life is superb", { id: "x2", text: "Great battery, lasts a week" }],
      }),
    );
    expect(out.id).toBe(7);
    expect(out.claims.find((c) => c.source.startsWith("review:"))?.source).toBe("review:r1");
    expect(out.text.indexOf("running")).toBeLessThan(out.text.indexOf("black"));
  });

  it("reports a malformed line with its number and field", () => {
    const r = generateLine(JSON.stringify({ id: "b", locale: "zh", field: "HEADLINE", attributes: {} }), 4);
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/^line 4 \(id "b"\): field: field must be TITLE/) });
    expect(generateLine("{not json", 2)).toEqual({
      ok: false,
      error: expect.stringMatching(/^line 2: not valid JSON/),
    });
  });

  const dir = mkdtempSync(join(tmpdir(), "generate-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("runs as a command: one line per valid input, in order, exit 1 when a line is malformed", async () => {
    const file = join(dir, "in.jsonl");
    writeFileSync(
      file,
      [
        JSON.stringify({
          id: "x",
          locale: "zh",
          field: "TITLE",
          attributes: { 类型: "裤", 裤型: "阔腿裤", 颜色: "黑色" },
        }),
        "not json",
        JSON.stringify({ id: "y", locale: "en", field: "SHORT", attributes: { type: "kettle", capacity: "1.7 L" } }),
      ].join("\n"),
    );
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const code = await generateCommand({ file });
      const printed = stdout.mock.calls.map((c) => String(c[0])).join("");
      const lines = printed
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as TOut);
      expect(lines.map((l) => l.id)).toEqual(["x", "y"]);
      expect(lines[0]!.text).toBe("黑色阔腿裤");
      expect(stderr.mock.calls.map((c) => String(c[0])).join("")).toContain("line 2: not valid JSON");
      expect(code).toBe(1);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });
});
