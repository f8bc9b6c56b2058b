import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { createApiKey } from "@truecopy/db";
import { createTestMerchant, openOwnTestDatabase, until, type TOwnTestDatabase } from "@truecopy/db/testing";
import type { TWorkerRuntime } from "@truecopy/worker";
import { removeTestQueues, startTestWorker } from "@truecopy/worker/testing";
import type { TApiServer } from "../server.js";
import { bearer, codeOf, postGraphql, startTestApi } from "../testing.js";

// Product images over GraphQL with a worker behind: an uploaded picture of a silver watch on a
// product whose colour attribute says black is checked by the vision job and the contradiction
// shows up as a finding on the image — from the product and from the review item of its copy.
// URL intake refuses private hosts; uploads are bounded and must be images.

let db: TOwnTestDatabase;
let api: TApiServer;
let worker: TWorkerRuntime;
let store: string;
let shop: { id: string; slug: string };
const keys: Record<"admin" | "merchandiser" | "moderator", string> = {} as never;
const as = (k: keyof typeof keys) => bearer(keys[k]);
const prefix = `imgapi-${randomUUID().slice(0, 8)}`;

const gql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = as("admin")) =>
  postGraphql(api, query, variables, headers);

async function silverWatch(): Promise<Buffer> {
  const body = await sharp({ create: { width: 500, height: 700, channels: 3, background: "#c4c6c8" } })
    .png()
    .toBuffer();
  return sharp({ create: { width: 900, height: 900, channels: 3, background: "#ffffff" } })
    .composite([{ input: body, left: 200, top: 100 }])
    .jpeg({ quality: 90 })
    .toBuffer();
}

async function productWithCopy(attributes: Record<string, string>) {
  const r = await gql(
    `mutation($m: ID, $p: [ProductInput!]!) { importProducts(merchantId: $m, products: $p) { created } }`,
    {
      m: shop.id,
      p: [
        {
          sku: `watch-${randomUUID().slice(0, 6)}`,
          title: "男士石英手表",
          description: "简约表盘",
          locale: "zh-CN",
          attributes,
        },
      ],
    },
  );
  expect(r.errors).toBeUndefined();
  const { rows } = await db.pool.query<{ id: string; variantId: string }>(
    `SELECT p.id, v.id AS "variantId" FROM "Product" p JOIN "Variant" v ON v."productId" = p.id AND v.field = 'TITLE'
     WHERE p."merchantId" = $1 ORDER BY p."createdAt" DESC LIMIT 1`,
    [shop.id],
  );
  return rows[0]!;
}

const IMAGE_FIELDS = `id status width height format bytes sha256 phash blur url
  colors { name nameZh hex share background }
  text { text box confidence }
  findings { rule category severity message box match evidence { source name value imageId detail } }
  duplicates { sku distance }`;

beforeAll(async () => {
  // A database of its own: in a shared one, another run's outbox relay could take these checks to a
  // worker with another image store.
  db = await openOwnTestDatabase("imgapi");
  store = await mkdtemp(path.join(os.tmpdir(), "truecopy-images-"));
  api = await startTestApi(prefix, { DATABASE_URL: db.url, IMAGE_STORE_DIR: store, IMAGE_UPLOAD_MAX_BYTES: "200000" });
  worker = await startTestWorker({ prefix, databaseUrl: db.url, env: { IMAGE_STORE_DIR: store } });
  shop = await createTestMerchant(db, "img-shop");
  const other = await createTestMerchant(db, "img-other");
  keys.admin = (await createApiKey(db.pool, { name: "admin", role: "ADMIN" })).key;
  keys.moderator = (await createApiKey(db.pool, { name: "mod", role: "MODERATOR" })).key;
  keys.merchandiser = (await createApiKey(db.pool, { name: "merch", role: "MERCHANDISER", merchantId: other.id })).key;
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await api?.stop();
  await db?.drop();
  if (store) await rm(store, { recursive: true, force: true });
  await removeTestQueues(prefix);
});

describe("product images over GraphQL", () => {
  it("an uploaded picture that contradicts the colour attribute becomes a finding, also in review", async () => {
    const product = await productWithCopy({ 颜色: "黑色" });
    const bytes = await silverWatch();
    const added = await gql(
      `mutation($p: ID!, $c: String!) { uploadProductImage(productId: $p, contentBase64: $c) { created jobRunId image { id status url } } }`,
      { p: product.id, c: bytes.toString("base64") },
    );
    expect(added.errors).toBeUndefined();
    const { image, jobRunId, created } = added.data.uploadProductImage;
    expect(created).toBe(true);
    expect(image.status).toBe("PENDING");
    expect(image.url).toMatch(/^upload:[0-9a-f]{64}\.jpeg$/);
    expect(await readdir(store)).toContain(image.url.slice("upload:".length));

    // Progress of the check, through the job run it reported.
    const run = await until("the image check", async () => {
      const r = await gql(`query($id: ID!) { jobRun(id: $id) { status queue progress } }`, { id: jobRunId });
      return r.data?.jobRun?.status === "COMPLETED" ? r.data.jobRun : null;
    });
    expect(run).toEqual({ status: "COMPLETED", queue: "vision", progress: 1 });

    const r = await gql(
      `query($id: ID!) { product(id: $id) { productImages { ${IMAGE_FIELDS} preview(maxSide: 64) } } }`,
      {
        id: product.id,
      },
    );
    expect(r.errors).toBeUndefined();
    const [img] = r.data.product.productImages;
    expect(img).toMatchObject({
      id: image.id,
      status: "CHECKED",
      width: 900,
      height: 900,
      format: "jpeg",
      bytes: bytes.length,
    });
    expect(img.colors.find((c: { background: boolean }) => !c.background)).toMatchObject({
      name: "silver",
      nameZh: "银色",
    });
    expect(img.preview).toMatch(/^data:image\/jpeg;base64,/);
    const colour = img.findings.find((f: { rule: string }) => f.rule === "image.colour.attribute");
    expect(colour).toMatchObject({ category: "IMAGE", severity: "MEDIUM" });
    expect(colour.message).toContain("黑色");
    expect(colour.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: "image", imageId: image.id }),
        expect.objectContaining({ source: "attribute", name: "颜色", value: "黑色" }),
      ]),
    );

    // A moderator reviewing the title sees the image finding beside the copy.
    const review = await gql(
      `query($v: ID!) { reviewItem(variantId: $v) { product { productImages { findings { rule } } } } }`,
      { v: product.variantId },
      as("moderator"),
    );
    expect(review.errors).toBeUndefined();
    expect(review.data.reviewItem.product.productImages[0].findings.map((f: { rule: string }) => f.rule)).toContain(
      "image.colour.attribute",
    );

    // The same picture on a second product: each reports the other as a duplicate.
    const second = await productWithCopy({ 颜色: "银色" });
    const again = await gql(
      `mutation($p: ID!, $c: String!) { uploadProductImage(productId: $p, contentBase64: $c) { jobRunId image { id } } }`,
      { p: second.id, c: bytes.toString("base64") },
    );
    await until("the second check", async () => {
      const x = await gql(`query($id: ID!) { jobRun(id: $id) { status } }`, {
        id: again.data.uploadProductImage.jobRunId,
      });
      return x.data?.jobRun?.status === "COMPLETED";
    });
    const dup = await gql(`query($id: ID!) { productImage(id: $id) { duplicates { distance } findings { rule } } }`, {
      id: image.id,
    });
    expect(dup.data.productImage.duplicates).toEqual([{ distance: 0 }]);
    expect(dup.data.productImage.findings.map((f: { rule: string }) => f.rule)).toContain("image.duplicate");

    // Checks run again on request.
    const re = await gql(`mutation($p: ID!) { recheckProductImages(productId: $p) { images jobRunId } }`, {
      p: product.id,
    });
    expect(re.data.recheckProductImages).toMatchObject({ images: 1, jobRunId: expect.any(String) });
  });

  it("adds images by URL: public hosts only, and the same URL twice is one image checked again", async () => {
    const product = await productWithCopy({});
    for (const url of [
      "http://127.0.0.1/a.png",
      "http://169.254.169.254/latest",
      "file:///etc/passwd",
      "notes/a.png",
    ]) {
      const r = await gql(`mutation($p: ID!, $u: String!) { addProductImage(productId: $p, url: $u) { created } }`, {
        p: product.id,
        u: url,
      });
      expect(codeOf(r), url).toBe("BAD_USER_INPUT");
    }
    const add = (u: string) =>
      gql(
        `mutation($p: ID!, $u: String!) { addProductImage(productId: $p, url: $u) { created image { id position status } } }`,
        {
          p: product.id,
          u,
        },
      );
    const first = await add("https://img.example.com/watch.jpg");
    expect(first.data.addProductImage).toMatchObject({ created: true, image: { position: 0, status: "PENDING" } });
    const second = await add("https://img.example.com/watch.jpg");
    expect(second.data.addProductImage).toMatchObject({
      created: false,
      image: { id: first.data.addProductImage.image.id },
    });
    const { rows } = await db.pool.query<{ action: string }>(
      `SELECT action FROM "AuditEvent" WHERE "entityId" = $1 ORDER BY id`,
      [first.data.addProductImage.image.id],
    );
    expect(rows.map((x) => x.action)).toEqual(["image.add", "image.recheck"]);
  });

  it("refuses uploads that are too large, not base64 or not images; another merchant's product is not found", async () => {
    const product = await productWithCopy({});
    const upload = (c: string, headers = as("admin")) =>
      gql(
        `mutation($p: ID!, $c: String!) { uploadProductImage(productId: $p, contentBase64: $c) { created } }`,
        { p: product.id, c },
        headers,
      );
    const big = await sharp({ create: { width: 400, height: 400, channels: 3, background: "#808080" } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(big.length).toBeGreaterThan(200_000);
    expect((await upload(big.toString("base64"))).errors?.[0]?.message).toMatch(/larger than 200000 bytes/);
    expect((await upload("not base64!!")).errors?.[0]?.message).toMatch(/not valid base64/);
    expect(
      (await upload(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>").toString("base64"))).errors?.[0]?.message,
    ).toMatch(/not a JPEG, PNG, WebP or GIF/);
    const small = (await silverWatch()).toString("base64");
    expect(codeOf(await upload(small, as("merchandiser")))).toBe("NOT_FOUND");
  });
});
