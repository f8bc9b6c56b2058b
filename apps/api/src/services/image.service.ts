import path from "node:path";
import DataLoader from "dataloader";
import { AppError, checkImageRef, duplicateFinding, messageLocale, parseHostAllowList } from "@truecopy/core";
import {
  addProductImage,
  findDuplicateImages,
  getProductImage as loadProductImage,
  listProductImages,
  readImageFile,
  recheckProductImages,
  storeImageUpload,
  TooManyImagesError,
  type TDuplicateImage,
  type TImageActor,
  type TProductImage,
} from "@truecopy/db";
import { decodeImage, previewJpeg, sniffImageFormat } from "@truecopy/ml";
import type { TContext } from "../context.js";
import { merchantScope, requirePrincipal } from "../auth/auth-checker.js";
import { ImageStatus, type ImageFinding, type ProductImage } from "../schema/image.types.js";
import { assertUuid, getProduct } from "./product.service.js";

// Product images through GraphQL: read with their reports, add by URL (or path, when the operator
// allowed a folder) or by upload, check again. Writes go through packages/db in one transaction
// with their outbox row and audit event; the worker does the checking.

const loaders = new WeakMap<TContext, ReturnType<typeof createImageLoaders>>();

function createImageLoaders(ctx: TContext) {
  const { pool } = ctx.services.db;
  return {
    byProduct: new DataLoader<string, TProductImage[]>(async (ids) => {
      const images = await listProductImages(pool, ids);
      return ids.map((id) => images.filter((i) => i.productId === id));
    }),
    duplicates: new DataLoader<string, TDuplicateImage[]>(async (ids) => {
      const found = await findDuplicateImages(pool, ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
  };
}

/** Per-request loaders (batched across the products of one response). */
function imageLoaders(ctx: TContext) {
  let l = loaders.get(ctx);
  if (!l) {
    l = createImageLoaders(ctx);
    loaders.set(ctx, l);
  }
  return l;
}

export function toProductImage(i: TProductImage): ProductImage {
  const r = i.report;
  return {
    id: i.id,
    productId: i.productId,
    position: i.position,
    url: i.url,
    status: ImageStatus[i.status],
    width: i.width,
    height: i.height,
    format: r?.format ?? null,
    bytes: r?.bytes ?? null,
    sha256: r?.sha256 ?? null,
    phash: i.phash,
    blur: r?.blur ?? null,
    exposure: r?.exposure ?? null,
    colors: r?.colors ?? [],
    text: (r?.text ?? []).map((t) => ({ text: t.text, box: t.box, confidence: t.confidence, quad: t.quad ?? null })),
    recognizedText: r?.recognizedText ?? "",
    error: r?.error ?? null,
    checkedAt: r?.checkedAt ? new Date(r.checkedAt) : null,
    createdAt: i.createdAt,
    storedFindings: r?.findings ?? [],
  };
}

/** The product's images, when the caller may see the product (null product → no images). */
export async function productImages(ctx: TContext, productId: string): Promise<ProductImage[]> {
  return (await imageLoaders(ctx).byProduct.load(productId)).map(toProductImage);
}

export async function getProductImage(ctx: TContext, id: string): Promise<ProductImage | null> {
  assertUuid(id);
  const image = await loadProductImage(ctx.services.db.pool, id);
  if (!image) return null;
  const scope = merchantScope(ctx);
  if (scope && image.merchantId !== scope) return null;
  return toProductImage(image);
}

export function imageDuplicates(ctx: TContext, image: ProductImage): Promise<TDuplicateImage[]> {
  return image.phash ? imageLoaders(ctx).duplicates.load(image.id) : Promise.resolve([]);
}

/** Stored findings, and the duplicate finding (duplicates change as other products' images are checked). */
export async function imageFindings(ctx: TContext, image: ProductImage): Promise<ImageFinding[]> {
  const duplicates = await imageDuplicates(ctx, image);
  const stored = image.storedFindings as ImageFinding[];
  if (!duplicates.length) return stored;
  const product = await ctx.loaders.product.load(image.productId);
  const found = duplicateFinding({
    matches: duplicates,
    locale: messageLocale(product?.locale, product?.title ?? ""),
    imageId: image.id,
  });
  return found ? [...stored, found as ImageFinding] : stored;
}

function actorOf(ctx: TContext): TImageActor {
  const p = requirePrincipal(ctx);
  return {
    actorId: p.id,
    actorKind: p.kind === "user" ? "user" : "api_key",
    requestId: ctx.requestId,
    userId: p.userId,
  };
}

/** The product, if the caller may change it; another merchant's product is not found. */
async function writableProduct(ctx: TContext, productId: string) {
  const product = await getProduct(ctx, productId);
  if (!product) throw new AppError("NOT_FOUND", `product ${productId} not found`);
  return product;
}

async function add(ctx: TContext, productId: string, url: string, source: "url" | "upload" | "path") {
  try {
    const r = await addProductImage(ctx.services.db.pool, { productId, url, actor: actorOf(ctx), source });
    return { image: toProductImage(r.image), created: r.created, jobRunId: r.jobRunId };
  } catch (e) {
    if (e instanceof TooManyImagesError) throw new AppError("BAD_USER_INPUT", e.message);
    throw e;
  }
}

/** Adds an image by URL (checked like a webhook's: public hosts unless allow-listed) or allowed path. */
export async function addImageByUrl(ctx: TContext, productId: string, url: string) {
  await writableProduct(ctx, productId);
  const { env } = ctx.services;
  const check = checkImageRef(url, {
    allowedHosts: parseHostAllowList(env.IMAGE_ALLOWED_HOSTS),
    localPaths: Boolean(env.IMAGE_LOCAL_DIR),
  });
  if (!check.ok) throw new AppError("BAD_USER_INPUT", `url: ${check.reason}`);
  if (check.ref.kind === "upload")
    throw new AppError("BAD_USER_INPUT", "url: uploads are added with uploadProductImage");
  return add(ctx, productId, check.ref.kind === "url" ? check.ref.url.href : check.ref.path, check.ref.kind);
}

/** Adds an uploaded image (base64 in a variable; at most IMAGE_UPLOAD_MAX_BYTES once decoded). */
export async function uploadImage(ctx: TContext, productId: string, contentBase64: string) {
  await writableProduct(ctx, productId);
  const max = ctx.services.env.IMAGE_UPLOAD_MAX_BYTES;
  // Refused before decoding: base64 is 4 characters per 3 bytes.
  if (contentBase64.length > Math.ceil(max / 3) * 4 + 4)
    throw new AppError("BAD_USER_INPUT", `contentBase64: the image is larger than ${max} bytes`);
  const data = contentBase64.replace(/^data:[^,]*,/, "").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 === 1)
    throw new AppError("BAD_USER_INPUT", "contentBase64: not valid base64");
  const bytes = Buffer.from(data, "base64");
  if (!bytes.length) throw new AppError("BAD_USER_INPUT", "contentBase64: the image is empty");
  if (bytes.length > max) throw new AppError("BAD_USER_INPUT", `contentBase64: the image is larger than ${max} bytes`);
  const format = sniffImageFormat(bytes);
  if (!format) throw new AppError("BAD_USER_INPUT", "contentBase64: not a JPEG, PNG, WebP or GIF image");
  // Decoded once here so a corrupt or oversized picture is refused to the uploader, not later.
  try {
    await decodeImage(bytes, { maxSide: 64 });
  } catch (e) {
    if (e instanceof AppError) throw new AppError("BAD_USER_INPUT", `contentBase64: ${e.message}`);
    throw e;
  }
  const stored = await storeImageUpload(path.resolve(ctx.services.env.IMAGE_STORE_DIR), bytes, format);
  return add(ctx, productId, stored.ref, "upload");
}

export async function recheckImages(ctx: TContext, productId: string, imageIds: string[] | undefined) {
  await writableProduct(ctx, productId);
  if (imageIds) {
    if (imageIds.length > 50) throw new AppError("BAD_USER_INPUT", "imageIds: at most 50");
    for (const id of imageIds) assertUuid(id, "imageIds");
  }
  return recheckProductImages(ctx.services.db.pool, { productId, imageIds, actor: actorOf(ctx) });
}

/**
 * A JPEG preview (data: URL) of an uploaded or local image, for the dashboard: those have no URL a
 * browser can load. Remote images have none (the browser loads their URL; the API fetches nothing).
 */
export async function imagePreview(ctx: TContext, image: ProductImage, maxSide: number): Promise<string | null> {
  if (!Number.isInteger(maxSide) || maxSide < 16 || maxSide > 1024)
    throw new AppError("BAD_USER_INPUT", "maxSide must be between 16 and 1024");
  const { env } = ctx.services;
  const check = checkImageRef(image.url, { localPaths: Boolean(env.IMAGE_LOCAL_DIR) });
  if (!check.ok || check.ref.kind === "url") return null;
  const root = check.ref.kind === "upload" ? env.IMAGE_STORE_DIR : env.IMAGE_LOCAL_DIR!;
  const file = check.ref.kind === "upload" ? check.ref.file : check.ref.path;
  try {
    const bytes = await readImageFile(path.resolve(root), file, 50_000_000);
    return `data:image/jpeg;base64,${(await previewJpeg(bytes, maxSide)).toString("base64")}`;
  } catch (e) {
    if (e instanceof AppError) return null;
    throw e;
  }
}
