import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { isAppError } from "@truecopy/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MODELS, getModelSpec, modelFileUrl, readVerifiedModel } from "./registry.js";

describe("model registry", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "truecopy-ml-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("describes hashgram-v1 as a 256-dimensional text embedding", () => {
    const spec = getModelSpec("hashgram-v1");
    expect(spec).toMatchObject({ name: "hashgram-v1", dim: 256, kind: "text-embedding" });
    expect(spec.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(modelFileUrl(spec).pathname).toMatch(/packages\/ml\/models\/hashgram-v1\.onnx$/);
  });

  it("describes hashgram-v2 like v1 (features, buckets, dimension), so its vectors fit the same kind of index", () => {
    const [v1, v2] = [getModelSpec("hashgram-v1"), getModelSpec("hashgram-v2")];
    expect(v2).toMatchObject({ name: "hashgram-v2", kind: "text-embedding", dim: 256, file: "hashgram-v2.onnx" });
    expect({ ...v2, name: v1.name, version: v1.version, file: v1.file, sha256: v1.sha256 }).toEqual(v1);
    expect(v2.sha256).not.toBe(v1.sha256);
  });

  it("loads every registered model file with a matching sha256", async () => {
    for (const spec of Object.values(MODELS)) {
      const bytes = await readVerifiedModel(spec);
      expect(bytes.byteLength).toBeGreaterThan(1000);
      expect(bytes.byteLength).toBeLessThanOrEqual(20 * 1024 * 1024);
    }
  });

  it("rejects a corrupted model file with a clear error", async () => {
    const spec = getModelSpec("hashgram-v1");
    const path = join(dir, "corrupt.onnx");
    await copyFile(modelFileUrl(spec), path);
    const bytes = await readFile(path);
    const middle = bytes.length >> 1;
    bytes[middle] = bytes[middle]! ^ 0xff;
    await writeFile(path, bytes);
    const error = await readVerifiedModel(spec, pathToFileURL(path)).catch((e: unknown) => e);
    expect(isAppError(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(/hashgram-v1.*corrupt.*sha256 [0-9a-f]{64}, expected/);
  });

  it("reports a missing model file", async () => {
    const spec = getModelSpec("hashgram-v1");
    await expect(readVerifiedModel(spec, pathToFileURL(join(dir, "missing.onnx")))).rejects.toThrow(
      /hashgram-v1.*not readable.*ENOENT/,
    );
  });

  it("rejects unknown model names", () => {
    expect(() => getModelSpec("nope")).toThrow(/Unknown model "nope"/);
  });
});
