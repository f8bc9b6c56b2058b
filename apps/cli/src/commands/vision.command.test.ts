import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { createOcr, releaseOcrSessions } from "@truecopy/ml";
import { visionLine, type TSeenImages } from "./vision.command.js";

// The `truecopy vision` contract on images made here: a black box on white with "100%有效"
// printed on a label (libvips renders the text with the system's Noto CJK fonts).

let dir: string;
const ocr = createOcr();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "truecopy-vision-"));
  const label = await sharp({
    text: { text: '<span foreground="#111111">100%有效</span>', font: "Noto Sans CJK SC 44", rgba: true, dpi: 72 },
  })
    .png()
    .toBuffer();
  const meta = await sharp(label).metadata();
  await sharp({ create: { width: 900, height: 900, channels: 3, background: "#ffffff" } })
    .composite([
      {
        input: await sharp({ create: { width: 600, height: 700, channels: 3, background: "#161616" } })
          .png()
          .toBuffer(),
        left: 150,
        top: 100,
      },
      {
        input: await sharp({
          create: { width: meta.width + 40, height: meta.height + 30, channels: 3, background: "#fafafa" },
        })
          .png()
          .toBuffer(),
        left: 200,
        top: 600,
      },
      { input: label, left: 220, top: 615 },
    ])
    .jpeg({ quality: 90 })
    .toFile(path.join(dir, "box.jpg"));
  await writeFile(path.join(dir, "notes.txt"), "not an image");
  // The same picture, smaller and re-encoded.
  await sharp(path.join(dir, "box.jpg")).resize(450).png().toFile(path.join(dir, "box-small.png"));
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await releaseOcrSessions();
});

const run = async (raw: string, line = 1) => {
  const r = await visionLine({ line, raw }, { ocr, baseDir: dir });
  return r.ok ? { ok: true as const, value: JSON.parse(r.output) as Record<string, any> } : r;
};

describe("truecopy vision (the stable CLI contract)", () => {
  it("returns size, blur, colours, text with boxes and findings for an image path", async () => {
    const r = await run(JSON.stringify({ id: "box", path: "box.jpg", attributes: { 颜色: "白色" }, locale: "zh-CN" }));
    expect(r.ok).toBe(true);
    const v = (r as { value: Record<string, any> }).value;
    expect(v).toMatchObject({ id: "box", width: 900, height: 900, format: "jpeg" });
    expect(typeof v.blur).toBe("number");
    expect(v.colors[0]).toMatchObject({ name: expect.any(String), hex: expect.stringMatching(/^#[0-9a-f]{6}$/) });
    const product = v.colors.find((c: { background?: boolean }) => !c.background);
    expect(product).toMatchObject({ name: "black", nameZh: "黑色" });
    expect(v.text.map((t: { text: string }) => t.text)).toContain("100%有效");
    const line = v.text.find((t: { text: string }) => t.text === "100%有效");
    expect(line.box[0]).toBeGreaterThanOrEqual(200);
    expect(line.box[1]).toBeGreaterThanOrEqual(590);
    expect(line.confidence).toBeGreaterThan(0.8);
    const rules = v.findings.map((f: { rule: string }) => f.rule);
    // The copy says white, the picture shows black; the label's claim is prohibited wording.
    expect(rules).toContain("image.colour.attribute");
    const absolute = v.findings.find((f: { category: string }) => f.category === "ABSOLUTE");
    expect(absolute).toMatchObject({ severity: "HIGH", match: expect.stringContaining("100%有效") });
    expect(absolute.box[1]).toBeGreaterThanOrEqual(590);
  });

  it("reports an image that is the same picture as an earlier line's", async () => {
    const seen: TSeenImages = [];
    const line = async (id: string, file: string) => {
      const r = await visionLine({ line: 1, raw: JSON.stringify({ id, path: file }) }, { ocr, baseDir: dir, seen });
      return r.ok ? (JSON.parse(r.output) as { findings: { rule: string; message: string }[] }) : null;
    };
    expect((await line("first", "box.jpg"))!.findings.map((f) => f.rule)).not.toContain("image.duplicate");
    const again = (await line("second", "box-small.png"))!.findings.find((f) => f.rule === "image.duplicate");
    expect(again?.message).toContain("first");
  });

  it("reports malformed lines and unreadable images with line and id, without output", async () => {
    expect(await run("{not json", 3)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^line 3: not valid JSON/),
    });
    expect(await run(JSON.stringify({ id: 7 }), 4)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^line 4 \(id 7\): path: path must be a string/),
    });
    expect(await run(JSON.stringify({ id: "x", path: "missing.png" }), 5)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^line 5 \(id "x"\): path: cannot read .*missing\.png: ENOENT/),
    });
    expect(await run(JSON.stringify({ id: "t", path: path.join(dir, "notes.txt") }), 6)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^line 6 \(id "t"\): path: not a supported image/),
    });
  });
});
