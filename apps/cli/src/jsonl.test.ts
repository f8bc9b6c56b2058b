import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { lineError, parseJsonlLine, runJsonlCommand, type TJsonlLine } from "./jsonl.js";

const dir = mkdtempSync(join(tmpdir(), "truecopy-jsonl-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ZInput = z.object({ id: z.union([z.string(), z.number()]), text: z.string({ error: "text must be a string" }) });

async function run(content: string, batch?: number) {
  const file = join(dir, `in-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, content);
  const seen: TJsonlLine[][] = [];
  const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    const bad = await runJsonlCommand({
      name: "test",
      file,
      ...(batch ? { batch } : {}),
      handle: (lines) => {
        seen.push(lines);
        return lines.map((l) => {
          const p = parseJsonlLine(ZInput, l);
          return p.ok ? { output: `${p.input.id}:${p.input.text}` } : { error: lineError(p) };
        });
      },
    });
    const text = (spy: typeof stdout) => spy.mock.calls.map((c) => String(c[0])).join("");
    return { bad, out: text(stdout), err: text(stderr), seen };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe("runJsonlCommand", () => {
  it("answers in input order, skips blank lines but counts them, and names bad lines on stderr", async () => {
    const r = await run(
      ['{"id":1,"text":"a"}', "", "   ", "{not json", '{"id":"x","text":3}', '{"id":2,"text":"b"}'].join("\r\n"),
      2,
    );
    expect(r.out).toBe("1:a\n2:b\n");
    expect(r.err.split("\n").filter(Boolean)).toEqual([
      expect.stringMatching(/^truecopy test: line 4: not valid JSON \(/),
      'truecopy test: line 5 (id "x"): text: text must be a string',
    ]);
    expect(r.bad).toBe(2);
    expect(r.seen.map((b) => b.map((l) => l.line))).toEqual([
      [1, 4],
      [5, 6],
    ]);
  });

  it("hands lines one at a time by default and reads an empty file as no lines", async () => {
    expect((await run('{"id":1,"text":"a"}\n{"id":2,"text":"b"}\n')).seen).toHaveLength(2);
    expect(await run("")).toEqual({ bad: 0, out: "", err: "", seen: [] });
  });
});

describe("lineError", () => {
  it("names the line, the id when asked, and the problem", () => {
    expect(lineError({ line: 3, id: 7, problem: "x: bad" })).toBe("line 3 (id 7): x: bad");
    expect(lineError({ line: 3, id: "7", problem: "x: bad" }, { withId: false })).toBe("line 3: x: bad");
  });
});
