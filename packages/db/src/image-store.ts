// Image bytes kept on disk: uploads in a content-addressed store (`<sha256>.<format>`, written
// once, shared by the API that receives them and the worker that checks them), and images under
// the one folder an operator allowed for local paths. Reads never follow a path out of its folder:
// the real path (symlinks resolved) must stay inside the folder's real path.
import { createHash, randomUUID } from "node:crypto";
import { mkdir, open, realpath, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { AppError, uploadRef } from "@truecopy/core";

/** Writes an upload into the store (idempotent: same bytes, same file) and returns its reference. */
export async function storeImageUpload(
  dir: string,
  bytes: Uint8Array,
  format: string,
): Promise<{ ref: string; sha256: string }> {
  if (!/^(jpeg|png|webp|gif)$/.test(format)) throw new AppError("BAD_USER_INPUT", `unsupported image format ${format}`);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${sha256}.${format}`);
  try {
    await stat(file);
  } catch {
    // Written under a temporary name and renamed: a reader never sees half a file.
    const tmp = path.join(dir, `.${sha256}.${randomUUID()}.tmp`);
    const handle = await open(tmp, "wx", 0o640);
    try {
      await handle.writeFile(bytes);
    } finally {
      await handle.close();
    }
    await rename(tmp, file).catch(async (e: unknown) => {
      await rm(tmp, { force: true });
      throw e;
    });
  }
  return { ref: uploadRef(sha256, format), sha256 };
}

/**
 * Reads `relative` inside `root` (at most `maxBytes`). The reference was checked lexically when it
 * was classified; here the file's real path is checked, so a symlink cannot lead out of `root`.
 */
export async function readImageFile(root: string, relative: string, maxBytes: number): Promise<Buffer> {
  const realRoot = await realpath(root).catch(() => {
    throw new AppError("UNAVAILABLE", `the image folder ${root} does not exist`);
  });
  let real: string;
  try {
    real = await realpath(path.resolve(realRoot, relative));
  } catch {
    throw new AppError("NOT_FOUND", `no image at ${relative}`);
  }
  if (real !== realRoot && !real.startsWith(realRoot + path.sep))
    throw new AppError("FORBIDDEN", `${relative} leads outside the image folder`);
  const handle = await open(real, "r");
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new AppError("BAD_USER_INPUT", `${relative} is not a file`);
    if (info.size > maxBytes)
      throw new AppError("BAD_USER_INPUT", `${relative} has ${info.size} bytes; at most ${maxBytes} are read`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
