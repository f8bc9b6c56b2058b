import { describe, expect, it } from "vitest";
import sharp, { type Sharp } from "sharp";
import { decodeImage, previewJpeg, sniffImageFormat } from "./image-decoder.js";

const solid = (width: number, height: number, colour: string) =>
  sharp({ create: { width, height, channels: 3, background: colour } });

describe("image decoding", () => {
  it("decodes JPEG, PNG, WebP and GIF to RGB with size, bytes and sha256", async () => {
    for (const [format, encode] of [
      ["jpeg", (s: Sharp) => s.jpeg()],
      ["png", (s: Sharp) => s.png()],
      ["webp", (s: Sharp) => s.webp()],
      ["gif", (s: Sharp) => s.gif()],
    ] as const) {
      const bytes = await encode(solid(64, 48, "#ff0000")).toBuffer();
      const d = await decodeImage(bytes);
      expect([d.format, d.width, d.height, d.bytes]).toEqual([format, 64, 48, bytes.length]);
      expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(d.raster.data.length).toBe(64 * 48 * 3);
      expect(d.raster.data[0]).toBeGreaterThan(240);
      expect(d.raster.data[1]).toBeLessThan(20);
    }
  });

  it("flattens transparency onto white and downscales to maxSide, reporting the scale", async () => {
    const png = await sharp({
      create: { width: 400, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const d = await decodeImage(png, { maxSide: 100 });
    expect([d.width, d.height]).toEqual([400, 200]);
    expect([d.raster.width, d.raster.height]).toEqual([100, 50]);
    expect(d.scale).toBe(0.25);
    expect([...d.raster.data.subarray(0, 3)]).toEqual([255, 255, 255]);
  });

  it("applies EXIF orientation: a portrait photo stored sideways comes out portrait", async () => {
    const jpeg = await solid(80, 40, "#00ff00").jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const d = await decodeImage(jpeg);
    expect([d.width, d.height]).toEqual([40, 80]);
    expect([d.raster.width, d.raster.height]).toEqual([40, 80]);
  });

  it("refuses what is not a raster image, by content: SVG, text, truncated files, too many pixels", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    expect(sniffImageFormat(svg)).toBeNull();
    await expect(decodeImage(svg)).rejects.toMatchObject({ code: "BAD_USER_INPUT", details: { reason: "format" } });
    await expect(decodeImage(Buffer.from("hello"))).rejects.toThrow(/not a supported image/);
    const png = await solid(50, 50, "#123456").png().toBuffer();
    await expect(decodeImage(png.subarray(0, 40))).rejects.toMatchObject({ details: { reason: "corrupt" } });
    await expect(decodeImage(png, { maxPixels: 100 })).rejects.toMatchObject({ details: { reason: "too_large" } });
  });

  it("makes small JPEG previews", async () => {
    const preview = await previewJpeg(await solid(1000, 500, "#0000ff").png().toBuffer(), 200);
    expect(sniffImageFormat(preview)).toBe("jpeg");
    expect((await sharp(preview).metadata()).width).toBe(200);
  });
});
