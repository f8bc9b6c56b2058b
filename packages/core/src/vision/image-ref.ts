import path from "node:path";
import { checkWebhookUrl, MAX_WEBHOOK_URL_LENGTH } from "../review/webhook-url.js";

// Where an image's bytes are, from the reference stored with it (ProductImage.url): a remote URL
// (fetched with the SSRF checks webhooks use), an upload kept in the image store by its content
// hash, or a path inside the one folder an operator allowed. Anything else is refused here, before
// any I/O: other schemes (file:, data:, ftp:), credentials in URLs, private hosts, absolute paths
// and paths that climb out of the allowed folder.

export type TImageRef =
  | { kind: "url"; url: URL; host: string }
  | { kind: "upload"; sha256: string; file: string }
  | { kind: "path"; path: string };

export type TImageRefCheck = { ok: true; ref: TImageRef } | { ok: false; reason: string };

const UPLOAD = /^upload:([0-9a-f]{64})\.(jpeg|png|webp|gif)$/;

/** The stored reference of an upload: its sha256 and format. */
export const uploadRef = (sha256: string, format: string): string => `upload:${sha256}.${format}`;

/**
 * Classifies a stored image reference. `allowedHosts` are private hosts an admin allowed; local
 * paths are accepted only when `localPaths` (an operator setting) says so, and only relative ones
 * without `..` (they are resolved inside that folder by whoever reads them).
 */
export function checkImageRef(
  raw: string,
  o: { allowedHosts?: readonly string[]; localPaths?: boolean } = {},
): TImageRefCheck {
  const ref = raw.trim();
  if (!ref) return { ok: false, reason: "the image reference is empty" };
  if (ref.length > MAX_WEBHOOK_URL_LENGTH)
    return { ok: false, reason: `the image reference is longer than ${MAX_WEBHOOK_URL_LENGTH} characters` };
  const upload = UPLOAD.exec(ref);
  if (upload) return { ok: true, ref: { kind: "upload", sha256: upload[1]!, file: `${upload[1]}.${upload[2]}` } };
  if (/^https?:\/\//i.test(ref)) {
    const check = checkWebhookUrl(ref, o.allowedHosts ?? []);
    return check.ok
      ? { ok: true, ref: { kind: "url", url: check.url, host: check.host } }
      : { ok: false, reason: check.reason };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) && !/^[a-z]:[\\/]/i.test(ref))
    return { ok: false, reason: `only http(s) URLs, uploads and paths are images (not ${ref.split(":")[0]}:)` };
  if (!o.localPaths) return { ok: false, reason: "local image paths are not enabled (IMAGE_LOCAL_DIR is not set)" };
  const normal = path.posix.normalize(ref.replace(/\\/g, "/"));
  if (path.posix.isAbsolute(normal) || /^[a-z]:\//i.test(normal) || normal === ".." || normal.startsWith("../"))
    return { ok: false, reason: "an image path must be relative to the image folder and stay inside it" };
  if (ref.includes("\u0000")) return { ok: false, reason: "the image path contains a NUL character" };
  return { ok: true, ref: { kind: "path", path: normal } };
}
