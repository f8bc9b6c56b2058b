import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import sharp, { type OverlayOptions } from "sharp";
import { Queue } from "bullmq";
import { testEnv } from "@truecopy/config";
import { findDuplicateImages, importProductBatch, listProductImages, productImageFacts } from "@truecopy/db";
import {
  createTestMerchant,
  openOwnTestDatabase,
  testProductRow,
  until,
  type TOwnTestDatabase,
} from "@truecopy/db/testing";
import { createRedis } from "@truecopy/jobs";
import type { TWorkerRuntime } from "../../runtime.js";
import { removeTestQueues, startTestWorker } from "../../testing.js";
import { fetchImage } from "./image-fetch.js";

// The vision job end to end: an import queues checks of its products' images through the outbox;
// the worker reads them from the allowed folder or fetches them (an allow-listed local server),
// refuses private addresses and paths out of the folder, and stores reports with the colour
// contradiction, the text on the image linted, and progress on the import's vision run.

let db: TOwnTestDatabase;
let worker: TWorkerRuntime;
let dir: string;
let server: Server;
let base: string;
const prefix = `vision-${randomUUID().slice(0, 8)}`;
const actor = { actorId: null, actorKind: "system" as const, requestId: null };

const solid = (width: number, height: number, colour: string) =>
  sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer();

/** A product in `colour` on white, optionally with a printed label. */
async function packshot(colour: string, label?: string): Promise<Buffer> {
  const layers: OverlayOptions[] = [{ input: await solid(600, 700, colour), left: 150, top: 100 }];
  if (label) {
    const text = await sharp({
      text: { text: `<span foreground="#111111">${label}</span>`, font: "Noto Sans CJK SC 40", rgba: true, dpi: 72 },
    })
      .png()
      .toBuffer();
    const m = await sharp(text).metadata();
    layers.push({ input: await solid(m.width + 40, m.height + 30, "#fafafa"), left: 200, top: 650 });
    layers.push({ input: text, left: 220, top: 665 });
  }
  return sharp({ create: { width: 900, height: 900, channels: 3, background: "#ffffff" } })
    .composite(layers)
    .png()
    .toBuffer();
}

let silver: Buffer;
let labelled: Buffer;

beforeAll(async () => {
  // A database of its own: in a shared one, another run's outbox relay could take these checks to a
  // worker with other image settings.
  db = await openOwnTestDatabase("vision");
  dir = await mkdtemp(path.join(os.tmpdir(), "truecopy-vision-"));
  await mkdir(path.join(dir, "images"));
  silver = await packshot("#c4c6c8");
  labelled = await packshot("#151515", "祛痘100%有效");
  await writeFile(path.join(dir, "images", "silver-watch.png"), silver);
  // The same picture saved smaller as a JPEG: a near duplicate for another product.
  await writeFile(
    path.join(dir, "images", "silver-copy.jpg"),
    await sharp(silver).resize(600).jpeg({ quality: 80 }).toBuffer(),
  );
  await writeFile(path.join(dir, "secret.png"), silver);
  // Laid out like the silver one, in black: hashes alike, not the same picture.
  await writeFile(path.join(dir, "images", "black-box.png"), await packshot("#151515"));

  server = createServer((req, res) => {
    if (req.url === "/label.png") return res.writeHead(200, { "content-type": "image/png" }).end(labelled);
    if (req.url === "/moved") return res.writeHead(302, { location: "/label.png" }).end();
    if (req.url === "/to-private") return res.writeHead(302, { location: "http://10.0.0.7/x.png" }).end();
    if (req.url === "/page") return res.writeHead(200, { "content-type": "text/html" }).end("<html></html>");
    if (req.url === "/huge") {
      res.writeHead(200, { "content-type": "image/png" });
      res.write(Buffer.alloc(64 * 1024));
      return res.end(Buffer.alloc(64 * 1024));
    }
    if (req.url === "/slow")
      return setTimeout(() => res.writeHead(200, { "content-type": "image/png" }).end(labelled), 2_000);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  worker = await startTestWorker({
    prefix,
    databaseUrl: db.url,
    env: {
      IMAGE_LOCAL_DIR: path.join(dir, "images"),
      IMAGE_STORE_DIR: path.join(dir, "store"),
      IMAGE_ALLOWED_HOSTS: "127.0.0.1",
      VISION_CONCURRENCY: "2",
    },
  });
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await db?.drop();
  server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  // The queues of this run go with it.
  await removeTestQueues(prefix);
});

describe("image checks on import", () => {
  it("checks every imported image as a tracked run and stores what it found", async () => {
    const merchant = await createTestMerchant(db, "vision");
    const imported = await importProductBatch(db.pool, {
      merchantId: merchant.id,
      actor,
      jobRunId: null,
      source: "test",
      rows: [
        testProductRow({
          sku: "watch-black",
          title: "男士石英手表",
          description: "经典黑色表盘",
          locale: "zh-CN",
          attributes: { 颜色: "黑色" },
          images: ["silver-watch.png", `${base}/moved`],
        }),
        testProductRow({
          sku: "watch-silver",
          title: "银色手表",
          locale: "zh-CN",
          attributes: { 颜色: "银色" },
          images: ["silver-copy.jpg"],
        }),
        testProductRow({
          sku: "watch-onyx",
          title: "黑色手表",
          locale: "zh-CN",
          attributes: { 颜色: "黑色" },
          images: ["black-box.png"],
        }),
        testProductRow({
          sku: "watch-bad",
          title: "Watch",
          locale: "en-US",
          images: ["http://10.1.2.3/a.png", "../secret.png", `${base}/page`, "missing.png", "http://localhost/a.png"],
        }),
      ],
    });
    const run = await until(
      "the vision run",
      async () => {
        const { rows } = await db.pool.query<{
          status: string;
          total: number;
          processed: number;
          failed: number;
          name: string;
        }>(
          `SELECT status, total, processed, failed, name FROM "JobRun" WHERE queue = 'vision' AND "payloadDigest" = $1`,
          [`import:${imported.jobRunId}`],
        );
        return rows[0] && (rows[0].status === "COMPLETED" || rows[0].status === "FAILED") ? rows[0] : null;
      },
      { timeoutMs: 120_000 },
    );
    expect(run).toEqual({ status: "COMPLETED", total: 9, processed: 9, failed: 0, name: "vision-import" });

    const { rows: products } = await db.pool.query<{ id: string; sku: string }>(
      `SELECT id, sku FROM "Product" WHERE "merchantId" = $1`,
      [merchant.id],
    );
    const id = Object.fromEntries(products.map((p) => [p.sku, p.id]));
    const images = await listProductImages(
      db.pool,
      products.map((p) => p.id),
    );
    const byUrl = Object.fromEntries(images.map((i) => [i.url, i]));

    // The black watch is shown in silver: a finding on its main image, with both sides as evidence.
    const main = byUrl["silver-watch.png"]!;
    expect(main).toMatchObject({
      status: "CHECKED",
      width: 900,
      height: 900,
      phash: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(main.report).toMatchObject({
      format: "png",
      bytes: silver.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const colour = main.report!.findings.find((f) => f.rule === "image.colour.attribute");
    expect(colour).toMatchObject({ category: "IMAGE", severity: "MEDIUM" });
    expect(colour!.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: "image", imageId: main.id }),
        { source: "attribute", name: "颜色", value: "黑色" },
      ]),
    );
    // Fetched through a redirect from the allow-listed server; its label is linted.
    const label = byUrl[`${base}/moved`]!;
    expect(label.status).toBe("CHECKED");
    expect(label.report!.text.map((t) => t.text)).toContain("祛痘100%有效");
    const claim = label.report!.findings.find((f) => f.category === "ABSOLUTE");
    expect(claim?.box).toBeDefined();
    expect(claim!.box![1]).toBeGreaterThan(600);
    // A silver watch shown in silver: no colour finding.
    expect(byUrl["silver-copy.jpg"]!.report!.findings.filter((f) => f.rule.startsWith("image.colour"))).toEqual([]);

    // Refused before any connection or read: private address, a path out of the folder, HTML,
    // a missing file, a local name.
    const reasons = [
      "http://10.1.2.3/a.png",
      "../secret.png",
      `${base}/page`,
      "missing.png",
      "http://localhost/a.png",
    ].map((u) => [byUrl[u]!.status, byUrl[u]!.report!.error]);
    expect(reasons).toEqual([
      ["UNAVAILABLE", expect.stringMatching(/10\.1\.2\.3 is not a public address/)],
      ["UNAVAILABLE", expect.stringMatching(/stay inside/)],
      ["UNAVAILABLE", expect.stringMatching(/text\/html, not a JPEG/)],
      ["UNAVAILABLE", expect.stringMatching(/no image at missing\.png/)],
      ["UNAVAILABLE", expect.stringMatching(/localhost is not a public host name/)],
    ]);
    expect(byUrl["missing.png"]!.report!.findings.map((f) => f.rule)).toEqual(["image.unreadable"]);

    // The two silver pictures are one picture used by two products; the black box is another picture.
    expect(byUrl["black-box.png"]!.report!.findings.filter((f) => f.rule.startsWith("image.colour"))).toEqual([]);
    const dups = await findDuplicateImages(db.pool, [main.id]);
    expect(dups.get(main.id)).toEqual([
      expect.objectContaining({ productId: id["watch-silver"], sku: "watch-silver", distance: expect.any(Number) }),
    ]);
    expect(dups.get(main.id)![0]!.distance).toBeLessThanOrEqual(6);

    // Image facts for generation: colours and text with provenance "image".
    const facts = await productImageFacts(db.pool, id["watch-black"]!);
    expect(facts.map((f) => f.imageId).sort()).toEqual([main.id, label.id].sort());
    expect(facts.find((f) => f.imageId === main.id)!.colours[0]).toMatchObject({ id: "silver", nameZh: "银色" });
    expect(facts.find((f) => f.imageId === label.id)!.text.map((t) => t.text)).toContain("祛痘100%有效");
    expect(facts.flatMap((f) => f.evidence).every((e) => e.source === "image")).toBe(true);

    // Jobs report their progress as they go.
    const { rows: outbox } = await db.pool.query<{ id: string }>(
      `SELECT id::text FROM "Outbox" WHERE queue = 'vision' AND payload->>'jobRunId' = (
         SELECT id::text FROM "JobRun" WHERE queue = 'vision' AND "payloadDigest" = $1)`,
      [`import:${imported.jobRunId}`],
    );
    // Nine images: jobs of eight and one.
    expect(outbox.length).toBe(2);
    const redis = createRedis(testEnv().REDIS_URL, "producer");
    const queue = new Queue("vision", { connection: redis, prefix });
    for (const o of outbox) expect((await queue.getJob(`outbox-${o.id}`))?.progress).toBe(100);
    await queue.close();
    redis.disconnect();
  });
});

describe("fetching remote images", () => {
  const limits = { maxBytes: 100 * 1024, timeoutMs: 1_000, allowList: ["127.0.0.1"] };

  it("follows redirects to allowed hosts and refuses one into a private network", async () => {
    expect((await fetchImage(`${base}/moved`, limits)).bytes.equals(labelled)).toBe(true);
    await expect(fetchImage(`${base}/to-private`, limits)).rejects.toThrow(/10\.0\.0\.7 is not a public address/);
  });

  it("refuses private addresses unless allow-listed, whatever the name resolves to", async () => {
    await expect(fetchImage(`${base}/label.png`, { ...limits, allowList: [] })).rejects.toThrow(/not a public address/);
    await expect(fetchImage("http://169.254.169.254/latest/meta-data/", limits)).rejects.toThrow(
      /not a public address/,
    );
  });

  it("stops at the size and time limits and refuses what is not an image", async () => {
    await expect(fetchImage(`${base}/huge`, limits)).rejects.toThrow(/larger than 102400 bytes/);
    await expect(fetchImage(`${base}/slow`, limits)).rejects.toThrow(/no image within 1000 ms/);
    await expect(fetchImage(`${base}/page`, limits)).rejects.toThrow(/text\/html/);
    await expect(fetchImage(`${base}/nothing`, limits)).rejects.toThrow(/HTTP 404/);
  });
});
