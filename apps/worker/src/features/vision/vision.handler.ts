import path from "node:path";
import {
  analyzeImage,
  checkImageRef,
  isAppError,
  messageLocale,
  parseHostAllowList,
  unreadableFinding,
  type TAttributeMap,
} from "@truecopy/core";
import {
  loadImagesForCheck,
  markJobRunStarted,
  readImageFile,
  saveImageReports,
  type TDatabase,
  type TImageForCheck,
  type TImageReport,
} from "@truecopy/db";
import { decodeImage, type TOcr } from "@truecopy/ml";
import type { TVisionPayload } from "@truecopy/jobs";
import type { TWorkerEnv } from "@truecopy/config";
import { fetchImage, ImageFetchError } from "./image-fetch.js";

export type TVisionDeps = {
  db: TDatabase;
  ocr: TOcr;
  env: Pick<
    TWorkerEnv,
    "IMAGE_STORE_DIR" | "IMAGE_LOCAL_DIR" | "IMAGE_ALLOWED_HOSTS" | "IMAGE_MAX_BYTES" | "IMAGE_FETCH_TIMEOUT_MS"
  >;
};

export type TVisionOutcome = { checked: number; unavailable: number; missing: number };

/** Images are analysed at this size at most; boxes are reported in the stored image's pixels. */
const ANALYSIS_SIDE = 2048;

/** The image could not be had (refused, missing, not an image): recorded on the image. */
class UnavailableImage extends Error {}

async function readBytes(deps: TVisionDeps, ref: string): Promise<Buffer> {
  const { env } = deps;
  const allowList = parseHostAllowList(env.IMAGE_ALLOWED_HOSTS);
  const check = checkImageRef(ref, { allowedHosts: allowList, localPaths: Boolean(env.IMAGE_LOCAL_DIR) });
  if (!check.ok) throw new UnavailableImage(check.reason);
  try {
    switch (check.ref.kind) {
      case "url":
        return (
          await fetchImage(check.ref.url.href, {
            allowList,
            maxBytes: env.IMAGE_MAX_BYTES,
            timeoutMs: env.IMAGE_FETCH_TIMEOUT_MS,
          })
        ).bytes;
      case "upload":
        return await readImageFile(path.resolve(env.IMAGE_STORE_DIR), check.ref.file, env.IMAGE_MAX_BYTES);
      case "path":
        return await readImageFile(path.resolve(env.IMAGE_LOCAL_DIR!), check.ref.path, env.IMAGE_MAX_BYTES);
    }
  } catch (e) {
    if (e instanceof ImageFetchError || (isAppError(e) && e.code !== "INTERNAL_SERVER_ERROR"))
      throw new UnavailableImage(e.message);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EACCES" || code === "EISDIR")
      throw new UnavailableImage(`cannot read the file (${code})`);
    throw e;
  }
}

/** Stored attributes were validated on import (scalars or lists); anything else is left out. */
function toAttributeMap(value: unknown): TAttributeMap {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: Record<string, string | number | boolean | readonly string[]> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x) => x != null).map(String);
  }
  return out;
}

async function checkOne(deps: TVisionDeps, img: TImageForCheck) {
  const checkedAt = new Date().toISOString();
  const copy = [
    { field: "TITLE", text: img.product.title },
    { field: "DESCRIPTION", text: img.product.description },
  ].filter((c) => c.text.trim());
  const unavailable = (reason: string) => {
    const locale = messageLocale(img.product.locale, img.product.title);
    const report: TImageReport = {
      v: 1,
      status: "UNAVAILABLE",
      checkedAt,
      format: null,
      bytes: null,
      sha256: null,
      blur: null,
      exposure: null,
      dhash: null,
      colors: [],
      text: [],
      recognizedText: "",
      findings: [unreadableFinding({ reason, locale, imageId: img.id })],
      error: reason,
      ocrModel: null,
    };
    return { imageId: img.id, width: null, height: null, phash: null, report };
  };
  let decoded;
  try {
    decoded = await decodeImage(await readBytes(deps, img.url), { maxSide: ANALYSIS_SIDE });
  } catch (e) {
    if (e instanceof UnavailableImage || (isAppError(e) && e.code === "BAD_USER_INPUT"))
      return unavailable(e.message);
    throw e;
  }
  const { lines } = await deps.ocr.recognize(decoded.raster, { scale: decoded.scale });
  const a = analyzeImage({
    image: decoded.raster,
    size: decoded,
    text: lines,
    product: { attributes: toAttributeMap(img.product.attributes), copy, locale: img.product.locale },
    imageId: img.id,
    primary: img.position === 0,
  });
  const report: TImageReport = {
    v: 1,
    status: "CHECKED",
    checkedAt,
    format: decoded.format,
    bytes: decoded.bytes,
    sha256: decoded.sha256,
    blur: a.blur,
    exposure: a.exposure,
    dhash: a.dhash,
    colors: a.colors,
    text: a.text,
    recognizedText: a.recognizedText,
    findings: a.findings,
    error: null,
    ocrModel: `${deps.ocr.model.name} (${deps.ocr.model.version})`,
  };
  return { imageId: img.id, width: a.width, height: a.height, phash: a.phash, report };
}

/**
 * Checks each image of the batch (fetch or read, decode, quality, colours against the product,
 * OCR and the linter on the text), then stores the reports and the batch's progress in one
 * transaction. An image that cannot be had is stored as UNAVAILABLE with the reason; only
 * unexpected errors fail the job (and retry it).
 */
export async function checkImages(
  deps: TVisionDeps,
  payload: TVisionPayload,
  onProgress: (done: number, total: number) => Promise<void>,
): Promise<TVisionOutcome> {
  const { pool } = deps.db;
  if (payload.jobRunId) await markJobRunStarted(pool, payload.jobRunId);
  const images = await loadImagesForCheck(pool, payload.imageIds);
  const reports = [];
  for (const [i, img] of images.entries()) {
    reports.push(await checkOne(deps, img));
    await onProgress(i + 1, images.length);
  }
  await saveImageReports(pool, {
    reports,
    progress: payload.jobRunId
      ? { jobRunId: payload.jobRunId, batchKey: payload.batchKey, processed: payload.imageIds.length, failed: 0 }
      : undefined,
  });
  const unavailable = reports.filter((r) => r.report.status === "UNAVAILABLE").length;
  return {
    checked: reports.length - unavailable,
    unavailable,
    missing: payload.imageIds.length - images.length,
  };
}
